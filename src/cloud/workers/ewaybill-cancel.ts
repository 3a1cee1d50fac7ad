// Unused e-waybills are cancelled at WeChat (biz/order/cancel; wechat-api-2.md §6 "cancel an unused
// waybill"), so a cancelled order's number cannot be collected by a courier and the shop's
// e-waybill account is not charged for a label nobody ships. Unused means: the order was cancelled
// upstream, or it shipped with parcels that carry other numbers (merged into another order's
// parcel at the desk, or re-routed to another carrier). Transient failures are retried with
// backoff; a refusal is left failed in the log with a warning for the admin.
import { WechatError, classOf, type ChannelsApi } from '../wechat/index.js';
import type { ChannelsShopConfig } from '../config.js';
import type { HubContext } from '../context.js';
import type { EwaybillCancelRow } from '../store/types.js';
import { LeasedLoop } from './leased-loop.js';

const INTERVAL_MS = 5_000;
const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 30 * 60_000;
/** "cancel failed": already cancelled, or no longer cancellable (wechat-api.md §2.7 errors). */
const CANCEL_FAILED = 10025006;

export class EwaybillCancelWorker {
  private readonly loop: LeasedLoop;

  constructor(
    private readonly ctx: HubContext,
    private readonly shop: ChannelsShopConfig,
    private readonly api: Pick<ChannelsApi, 'cancelEwaybill'>,
  ) {
    this.loop = new LeasedLoop(
      this.ctx.leases,
      `ewaybill-cancel:${this.shop.id}`,
      () => this.round(),
      INTERVAL_MS,
      (err: unknown) => this.ctx.warn('e-waybill cancel worker: a round failed', { error: String(err) }),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  async round(): Promise<void> {
    const due = await this.ctx.store.tx(async (t) => {
      await t.ewaybillCancels.fileFinished(this.shop.id, this.ctx.now(), 500);
      return t.ewaybillCancels.due(this.shop.id, this.ctx.now(), 20);
    });
    for (const row of due) {
      if (this.loop.stopped) return;
      await this.cancel(row);
    }
  }

  private async cancel(row: EwaybillCancelRow): Promise<void> {
    const attempts = row.attempts + 1;
    try {
      await this.api.cancelEwaybill({
        ewaybillOrderId: row.ewaybillOrderId,
        deliveryId: row.carrier,
        waybillId: row.waybill,
      });
    } catch (err) {
      // An earlier attempt whose answer was lost may have cancelled it already.
      if (err instanceof WechatError && err.errcode === CANCEL_FAILED && row.attempts > 0) {
        await this.settle(row, { state: 'done', attempts, nextAt: 0, error: err.message });
        return;
      }
      const error = err instanceof Error ? err.message : String(err);
      const cls = classOf(err);
      const retry = (cls === 'transient' || cls === 'token' || cls === 'quota') && attempts < MAX_ATTEMPTS;
      const nextAt = this.ctx.now() + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** row.attempts);
      await this.settle(row, { state: retry ? 'due' : 'failed', attempts, nextAt: retry ? nextAt : 0, error });
      (retry ? this.ctx.log : this.ctx.warn)('unused e-waybill not cancelled at WeChat', {
        orderId: row.orderId,
        waybill: row.waybill,
        reason: row.reason,
        attempt: attempts,
        error,
      });
      return;
    }
    await this.settle(row, { state: 'done', attempts, nextAt: 0, error: null });
    this.ctx.log('unused e-waybill cancelled', { orderId: row.orderId, waybill: row.waybill, reason: row.reason });
  }

  private settle(row: EwaybillCancelRow, patch: Pick<EwaybillCancelRow, 'state' | 'attempts' | 'nextAt' | 'error'>) {
    return this.ctx.store.tx((t) => t.ewaybillCancels.update(row.orderId, patch));
  }
}
