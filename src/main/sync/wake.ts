// A sleep that can be cut short. A wake-up that arrives while nobody sleeps is kept for the next
// sleep, so a loop that was busy when new work arrived does not then sleep through it.
import type { Clock, Timer } from '../../base/clock.js';

export class Wake {
  private readonly sleepers = new Set<() => void>();
  private pending = false;

  constructor(private readonly clock: Clock) {}

  /** Resolves after `ms` (never, when null) or at the next `fire()`, whichever comes first. */
  sleep(ms: number | null): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: Timer | null = null;
      const done = () => {
        timer?.cancel();
        this.sleepers.delete(done);
        resolve();
      };
      this.sleepers.add(done);
      if (ms !== null) timer = this.clock.setTimeout(done, ms);
    });
  }

  fire(): void {
    if (this.sleepers.size === 0) {
      this.pending = true;
      return;
    }
    for (const done of [...this.sleepers]) done();
  }

  /** Forget a wake-up nobody took (the reason for it is gone). */
  clear(): void {
    this.pending = false;
  }
}
