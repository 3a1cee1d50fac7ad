// A scanner the UI, the tests and the demo can feed by hand.
import { Listeners, StatusDevice } from '../status.js';
import type { Scanner } from '../types.js';

export class SimScanner extends StatusDevice implements Scanner {
  readonly kind = 'sim';
  readonly simulated = true;
  private readonly scans = new Listeners<string>();

  async start(): Promise<void> {
    this.status_.set({ state: 'ready', detail: null });
  }

  async stop(): Promise<void> {
    this.status_.set({ state: 'disconnected', detail: null });
  }

  onScan(listener: (code: string) => void) {
    return this.scans.add(listener);
  }

  /** Deliver a scan as if the trigger was pulled. */
  feed(code: string): void {
    if (this.status_.get().state !== 'ready') throw new Error('simulated scanner is not started');
    this.scans.emit(code);
  }
}
