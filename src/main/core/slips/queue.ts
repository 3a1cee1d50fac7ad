// The slip printer's queue: slips print in the order packs completed, one at a time, after the
// commit that queued them. The job id is `slip-<packId>`: the driver's print journal
// (raw-printer.ts, its own file) answers "already printed" for a slip that went out just before a
// crash, so it is marked printed and never printed twice; one interrupted mid-send is marked
// uncertain and left alone (a second slip in the box is worse than a missing one a packer can
// reprint from the order).
import { layoutSlip, type SlipPaper } from '../../../domain/slip/layout.js';
import { PrinterFault, PrintUncertain, type LabelPrinter } from '../../../hardware/types.js';
import type { SlipStore } from '../store/slips.js';

export interface SlipQueueDeps {
  store: SlipStore;
  printer: LabelPrinter;
  /** Receipt width, or an A4 page (PDF). */
  paper: () => SlipPaper;
  now: () => number;
  log: (line: string) => void;
}

export const slipJobId = (packId: string): string => `slip-${packId}`;

export class SlipQueue {
  private running: Promise<void> | null = null;
  private again = false;
  /** The printer faulted: wait for it to report ready instead of retrying on every commit. */
  private blocked = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: SlipQueueDeps) {
    this.unsubscribe = deps.printer.onStatus((s) => {
      if (s.state !== 'ready') return;
      this.blocked = false;
      void this.kick();
    });
  }

  /**
   * Start (or continue) printing queued slips. Kicks arrive in bursts from synchronous commits
   * (a fast scanner, a reading storm), so a kick while a drain runs is remembered and honoured by
   * that drain or right after it, never dropped.
   */
  kick(): Promise<void> {
    this.again = true;
    if (this.blocked) return this.running ?? Promise.resolve();
    this.running ??= (async () => {
      while (this.again && !this.blocked) {
        this.again = false;
        await this.drain();
      }
    })().finally(() => {
      this.running = null;
      if (this.again && !this.blocked) void this.kick();
    });
    return this.running;
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  close(): void {
    this.unsubscribe();
  }

  private async drain(): Promise<void> {
    for (const row of this.deps.store.queued()) {
      try {
        await this.deps.printer.print({
          id: slipJobId(row.packId),
          layout: layoutSlip(row.model, this.deps.paper()),
          reprint: false,
          copies: 1,
        });
        this.deps.store.markPrinted(row.packId, this.deps.now());
      } catch (err) {
        if (err instanceof PrintUncertain) {
          this.deps.store.markUncertain(row.packId, err.message);
          this.deps.log(`slip of pack ${row.packId}: ${err.message}; not printed again`);
          continue;
        }
        const detail = err instanceof PrinterFault ? err.reason : err instanceof Error ? err.message : String(err);
        this.deps.store.markError(row.packId, detail);
        this.deps.log(`slip of pack ${row.packId} waits: slip printer ${detail}`);
        this.blocked = true;
        return; // in order: nothing behind a blocked slip prints first
      }
    }
  }
}
