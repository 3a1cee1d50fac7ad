// A scanner the UI, the tests and the demo can feed by hand.
import { Listeners, StatusCell } from '../status.js';
import type { Scanner } from '../types.js';

export class SimScanner implements Scanner {
  readonly kind = 'sim';
  readonly simulated = true;
  private readonly status_ = new StatusCell({ state: 'disconnected', detail: null });
  private readonly scans = new Listeners<string>();

  async start(): Promise<void> {
    this.status_.set({ state: 'ready', detail: null });
  }

  async stop(): Promise<void> {
    this.status_.set({ state: 'disconnected', detail: null });
  }

  status() {
    return this.status_.get();
  }

  onStatus(listener: Parameters<Scanner['onStatus']>[0]) {
    return this.status_.subscribe(listener);
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
