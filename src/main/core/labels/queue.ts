// The print queue. Jobs are label rows with status `queued`; they print in order, one at a time.
// A printer fault leaves the row queued (with the reason) and the queue waits for the printer to
// report ready again. The job id is the label id, so a retry after a crash is recognised by the
// driver and never printed twice; a reprint is always a new label row.
import type { LabelSize, LabelModel } from '../../../contract/label.js';
import { layoutLabel } from '../../../domain/label/layout.js';
import { PrinterFault, type LabelPrinter } from '../../../hardware/types.js';
import type { Outbox } from '../store/outbox.js';
import type { LabelStore } from '../store/labels.js';
import type { Db } from '../../../base/node/sqlite/open.js';

export interface PrintQueueDeps {
  db: Db;
  labels: LabelStore;
  outbox: Outbox;
  printer: LabelPrinter;
  /** The label stock in force (a settings change may replace it). */
  size: () => LabelSize;
  now: () => number;
  /** Called after a label's status changed (printed or faulted), outside any transaction. */
  changed: (labelId: string, outcome: 'printed' | 'fault', detail: string | null) => void;
}

export class PrintQueue {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: PrintQueueDeps) {
    this.unsubscribe = deps.printer.onStatus((s) => {
      if (s.state === 'ready') this.kick();
    });
  }

  /** Start (or continue) draining queued labels. Returns when the queue is idle or blocked. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  close(): void {
    this.unsubscribe();
  }

  /** The pack a parcel belongs to (statistics measure pack time to the last label). */
  private packOf(parcelId: string): string {
    return (
      (this.deps.db.prepare('SELECT pack_id FROM parcels WHERE id = ?').pluck().get(parcelId) as string | undefined) ??
      ''
    );
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (const row of this.deps.labels.queued()) {
        if (!row.model) continue;
        const model = JSON.parse(row.model) as LabelModel;
        try {
          await this.deps.printer.print({
            id: row.id,
            layout: layoutLabel(model, this.deps.size()),
            reprint: row.reprint === 1,
            copies: 1,
          });
        } catch (err) {
          const detail = err instanceof PrinterFault ? err.reason : err instanceof Error ? err.message : String(err);
          this.deps.labels.markError(row.id, detail);
          this.deps.changed(row.id, 'fault', detail);
          return; // keep order: nothing behind a blocked job prints first
        }
        this.deps.db.transaction(() => {
          this.deps.labels.markPrinted(row.id, this.deps.now());
          this.deps.outbox.append(
            'label.printed',
            {
              labelId: row.id,
              parcelId: row.parcel_id,
              packId: this.packOf(row.parcel_id),
              orderId: model.orderId,
              waybill: model.waybill,
              reprint: row.reprint === 1,
            },
            model.packer.id || null,
          );
        })();
        this.deps.changed(row.id, 'printed', null);
      }
    } while (this.again);
  }
}
