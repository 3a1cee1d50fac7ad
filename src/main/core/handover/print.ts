// The 交接单's print queue: closed batches print in closing order, after the commit that closed them,
// on the slip printer or the label printer (handover.printer). Job ids are `handover-<batchId>-<page>`,
// so the printer's journal (raw-printer.ts) answers "already printed" for a page that went out just
// before a crash and it is never printed twice; a page interrupted mid-send is marked uncertain and
// left alone (the supervisor reprints from the hub's batch list if it did not come out).
import { layoutHandoverSlip, type HandoverPaper } from '../../../domain/handover/slip.js';
import { PrinterFault, PrintUncertain, type LabelPrinter } from '../../../hardware/types.js';
import type { HandoverStore } from '../store/handovers.js';

export interface HandoverPrintDeps {
  store: HandoverStore;
  /** The printer the config names now; null when it has none (the sheet waits). */
  printer: () => LabelPrinter | null;
  paper: () => HandoverPaper;
  log: (line: string) => void;
  /** After a sheet printed or failed: the screen shows its status. */
  changed: () => void;
}

export const handoverJobId = (batchId: string, page: number): string => `handover-${batchId}-${page}`;

export class HandoverPrintQueue {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: HandoverPrintDeps) {}

  /** Like the slip queue: a kick during a drain is honoured by that drain or right after it. */
  kick(): Promise<void> {
    this.again = true;
    this.running ??= (async () => {
      while (this.again) {
        this.again = false;
        await this.drain();
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    const { store, log } = this.deps;
    for (const batch of store.queuedPrints()) {
      const printer = this.deps.printer();
      if (!batch.slip) continue;
      if (!printer) {
        store.markPrintError(batch.batchId, 'no printer for the handover sheet (handover.printer)');
        this.deps.changed();
        return;
      }
      try {
        const pages = layoutHandoverSlip(batch.slip, this.deps.paper());
        for (const [i, layout] of pages.entries())
          await printer.print({ id: handoverJobId(batch.batchId, i + 1), layout, reprint: false, copies: 1 });
        store.markPrinted(batch.batchId);
      } catch (err) {
        if (err instanceof PrintUncertain) {
          store.markUncertain(batch.batchId, err.message);
          log(`handover sheet ${batch.batchId}: ${err.message}; not printed again`);
          this.deps.changed();
          continue;
        }
        const detail = err instanceof PrinterFault ? err.reason : err instanceof Error ? err.message : String(err);
        store.markPrintError(batch.batchId, detail);
        log(`handover sheet ${batch.batchId} waits: printer ${detail}`);
        this.deps.changed();
        return; // in order; the next kick (a commit, the printer back) tries again
      }
      this.deps.changed();
    }
  }
}
