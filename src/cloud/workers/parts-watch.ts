// Looks for packs still missing a part (services/pack-parts.ts) a few times per timeout, so a parcel
// that cannot be reported becomes an exception within about partsTimeoutS, not never.
import type { HubContext } from '../context.js';
import { flagOverdueParts } from '../services/pack-parts.js';

export class PartsWatch {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly ctx: HubContext) {}

  start(): void {
    const timeoutMs = this.ctx.config.reportBack.partsTimeoutS * 1000;
    const everyMs = Math.min(Math.max(timeoutMs / 4, 250), 60_000);
    const tick = () => {
      this.running = this.ctx.leases
        .runHeld('parts-watch', () => flagOverdueParts(this.ctx, timeoutMs))
        .catch((err: unknown) => this.ctx.warn('parts watch: the check failed', { error: String(err) }))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, everyMs);
        });
    };
    this.timer = setTimeout(tick, everyMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.ctx.leases.release('parts-watch');
  }
}
