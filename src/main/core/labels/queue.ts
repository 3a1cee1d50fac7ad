// The print queue. Jobs are label rows with status `queued`; they print in order, one at a time.
// A printer fault leaves the row queued (with the reason) and the queue waits for the printer to
// report ready again. The job id is the label id, so a retry after a crash is recognised by the
// driver and never printed twice; a reprint is always a new label row. A job the station was
// killed while sending may be out already: the driver refuses to send it again as an original
// (PrintUncertain), so it is printed marked 补打 REPRINT and its label.printed says `uncertain`.
import type { LabelSize, LabelModel } from '../../../contract/label.js';
import { layoutLabel } from '../../../domain/label/layout.js';
import { PrinterFault, PrintUncertain, type LabelPrinter, type PrintResult } from '../../../hardware/types.js';
import type { Outbox } from '../store/outbox.js';
import type { LabelStore } from '../store/labels.js';
import type { PackStore } from '../store/packs.js';
import type { Db } from '../../../base/node/sqlite/open.js';
import { advanceEnded } from '../packing/machine.js';

export interface PrintQueueDeps {
  db: Db;
  labels: LabelStore;
  packs: PackStore;
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
      if (s.state === 'ready') void this.kick();
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

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (const row of this.deps.labels.queued()) {
        if (!row.model) continue;
        const model = JSON.parse(row.model) as LabelModel;
        let result: PrintResult;
        try {
          result = await this.send(row.id, model);
        } catch (err) {
          const detail = err instanceof PrinterFault ? err.reason : err instanceof Error ? err.message : String(err);
          this.deps.labels.markError(row.id, detail);
          this.deps.changed(row.id, 'fault', detail);
          return; // keep order: nothing behind a blocked job prints first
        }
        this.deps.db.transaction(() => {
          // Statistics measure pack time to the last label, so the event names the pack.
          const packId = this.deps.packs.packOfParcel(row.parcel_id);
          this.deps.labels.markPrinted(row.id, this.deps.now());
          this.deps.outbox.append(
            'label.printed',
            {
              labelId: row.id,
              parcelId: row.parcel_id,
              packId,
              orderId: model.orderId,
              waybill: model.waybill,
              reprint: row.reprint === 1,
              uncertain: result.uncertain === true,
            },
            model.packer.id || null,
          );
          // The completed pack's last label is out: labeling → done.
          if (this.deps.labels.unprintedOfPack(packId) === 0) advanceEnded(this.deps.packs, packId, 'labels_out');
        })();
        this.deps.changed(row.id, 'printed', null);
      }
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- kick() sets it while the drain awaits
    } while (this.again);
  }

  /**
   * Prints the label; one the driver says may have printed already goes out as a 补打 copy (same
   * row, same waybill), its model saved as printed so the label view shows the mark too.
   */
  private async send(labelId: string, model: LabelModel): Promise<PrintResult> {
    const job = (m: LabelModel) => ({
      id: labelId,
      layout: layoutLabel(m, this.deps.size()),
      reprint: m.reprint,
      copies: 1,
    });
    try {
      return await this.deps.printer.print(job(model));
    } catch (err) {
      if (!(err instanceof PrintUncertain) || model.reprint) throw err;
      const marked: LabelModel = { ...model, reprint: true };
      this.deps.labels.reviseModel(labelId, marked);
      return this.deps.printer.print(job(marked));
    }
  }
}
