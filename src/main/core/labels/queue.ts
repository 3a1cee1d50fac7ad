// The print queue. Jobs are label rows with status `queued`; they print in order, one at a time.
// A printer fault leaves the row queued (with the reason) and the queue waits for the printer to
// report ready again. The job id is the label id, so a retry after a crash is recognised by the
// driver and never printed twice; a reprint is always a new label row. A job the station was
// killed while sending may be out already: the driver refuses to send it again as an original
// (PrintUncertain), so it is printed marked 补打 REPRINT and its label.printed says `uncertain`.
import type { LabelSize, LabelModel } from '../../../contract/label.js';
import { layoutLabel } from '../../../domain/label/layout.js';
import { PrinterFault, PrintUncertain, type LabelPrinter, type PrintResult } from '../../../hardware/types.js';
import type { WechatPrinterDevice } from '../../../hardware/printer/wechat-component.js';
import type { WechatTask } from './wechat-route.js';
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
  /**
   * WeChat's print component and which labels go to it (Channels e-waybills with print_info, see
   * wechat-route.ts); null at a desk without one. Every other label goes to `printer`.
   */
  wechat?: { printer: WechatPrinterDevice | null; taskFor(model: LabelModel): WechatTask | null };
  /** Called after a label's status changed (printed or faulted), outside any transaction. */
  changed: (labelId: string, outcome: 'printed' | 'fault', detail: string | null) => void;
}

export class PrintQueue {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: PrintQueueDeps) {
    const kickWhenReady = (s: { state: string }) => {
      if (s.state === 'ready') void this.kick();
    };
    const subs = [deps.printer.onStatus(kickWhenReady)];
    if (deps.wechat?.printer) subs.push(deps.wechat.printer.onStatus(kickWhenReady));
    this.unsubscribe = () => subs.forEach((u) => u());
  }

  /** Start (or continue) draining queued labels. Returns when the queue is idle or blocked. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      // A kick that landed after the drain's last look (between its final check and this callback)
      // would otherwise be lost until the next one.
      if (this.again) void this.kick();
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
        const wechatTask = this.deps.wechat?.taskFor(model) ?? null;
        try {
          result = wechatTask ? await this.sendWechat(row.id, model, wechatTask) : await this.send(row.id, model);
        } catch (err) {
          const detail = err instanceof PrinterFault ? err.reason : err instanceof Error ? err.message : String(err);
          this.deps.labels.markError(row.id, detail);
          this.deps.changed(row.id, 'fault', detail);
          // Keep order: nothing behind a blocked job prints first; the printer's next "ready" restarts it.
          this.again = false;
          return;
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
              ...(wechatTask ? { printedBy: 'wechat_component' as const } : {}),
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
   * A Channels e-waybill: WeChat's component prints it from print_info. One that may have printed
   * already goes out as a reprint task (same row, marked reprint, WeChat told re_print 1).
   */
  private async sendWechat(labelId: string, model: LabelModel, task: WechatTask): Promise<PrintResult> {
    const printer = this.deps.wechat?.printer;
    // Never drawn by Packdesk instead: the desk refuses such orders at the scan, and a config
    // changed since leaves the label waiting with this reason.
    if (!printer) throw new PrinterFault('offline', 'no WeChat print component configured (devices.wechatComponent)');
    const job = (reprint: boolean) => ({ id: labelId, ...task, reprint });
    try {
      return await printer.print(job(model.reprint));
    } catch (err) {
      if (!(err instanceof PrintUncertain) || model.reprint) throw err;
      this.deps.labels.reviseModel(labelId, { ...model, reprint: true });
      return printer.print(job(true));
    }
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
