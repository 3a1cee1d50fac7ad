// Reprints of Channels e-waybills (补打 at a desk, or a copy printed after an interrupted print) are
// told to WeChat with order/print re_print 1 (wechat-api-2.md §1.5) — after the first print-done
// (re_print 0), which the report worker sends just before delivery/send. A failed call is retried
// with backoff; after MAX_ATTEMPTS it is left failed in the log (a reprint notice ships nothing).
// A 子母单 child's label (or a JD label renumbered base-seq-total) is reported against its ticket:
// order/print takes the ticket's ewaybill_order_id and waybill_id and has no sub-waybill field
// (§1.5), so the call names the parent waybill, whichever label of the ticket was printed again.
import type { ChannelsApi } from '../wechat/index.js';
import type { ChannelsShopConfig } from '../config.js';
import type { HubContext } from '../context.js';
import { LeasedLoop } from './leased-loop.js';

const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60_000;

export class EwaybillReprintNotifier {
  private readonly loop: LeasedLoop;

  constructor(
    private readonly ctx: HubContext,
    private readonly shop: ChannelsShopConfig,
    private readonly api: ChannelsApi,
  ) {
    this.loop = new LeasedLoop(
      this.ctx.leases,
      `ewaybill-reprint:${this.shop.id}`,
      () => this.round(),
      1000,
      (err: unknown) => this.ctx.warn('e-waybill reprint notifier: a round failed', { error: String(err) }),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  async round(): Promise<void> {
    const due = await this.ctx.store.tx((t) => t.ewaybillReprints.due(this.shop.id, this.ctx.now(), 20));
    for (const r of due) {
      if (this.loop.stopped) return;
      const ewaybill = await this.ctx.store.tx((t) => t.ewaybills.get(r.orderId));
      if (!ewaybill?.ewaybillOrderId || !ewaybill.waybill) continue;
      try {
        await this.api.printDone({
          ewaybillOrderId: ewaybill.ewaybillOrderId,
          deliveryId: ewaybill.carrier,
          waybillId: ewaybill.waybill,
          reprint: true,
        });
        await this.ctx.store.tx((t) =>
          t.ewaybillReprints.update(r.labelId, { state: 'done', attempts: r.attempts + 1, nextAt: 0, error: null }),
        );
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const attempts = r.attempts + 1;
        const failed = attempts >= MAX_ATTEMPTS;
        const nextAt = this.ctx.now() + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempts);
        await this.ctx.store.tx((t) =>
          t.ewaybillReprints.update(r.labelId, { state: failed ? 'failed' : 'pending', attempts, nextAt, error }),
        );
        (failed ? this.ctx.warn : this.ctx.log)('e-waybill reprint not told to WeChat (order/print re_print 1)', {
          orderId: r.orderId,
          labelId: r.labelId,
          attempt: attempts,
          error,
        });
      }
    }
  }
}
