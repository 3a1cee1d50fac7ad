// Shipment report-back: for each order whose parcels are packed and labelled, tell WeChat once —
// delivery/send for Channels orders (one delivery_list entry per parcel), upload_shipping_info for
// mini-program payments. The intent is written before the call ("sending", uncertain), so after a
// crash or a lost answer the next attempt reads the order back first and never ships twice.
import {
  reportChannels,
  reportMiniProgram,
  type ChannelsApi,
  type DeliveryPackage,
  type ReportOutcome,
  type ShippingParcel,
} from '../wechat/index.js';
import { notifyPrinted } from './ewaybill.js';
import { collapseSuborder } from '../services/suborders.js';
import { reportCombinedPayment } from './report-combined.js';
import { outcomeForError, resolveOptions } from '../wechat/report-common.js';
import { newId } from '../../base/ids.js';
import type { HubContext } from '../context.js';
import type { HubOrderRow, ShipmentRow } from '../store/types.js';
import type { WechatApps } from './wechat-apps.js';

const SEND_PATH = '/channels/ec/order/delivery/send';
/** The report-back job's lease: one hub instance reports at a time (workers/lease.ts). */
const LEASE = 'report';
const UPLOAD_PATH = '/wxa/sec/order/upload_shipping_info';

interface Claimed {
  order: HubOrderRow;
  parcels: ShipmentRow[];
  attempt: number;
  uncertain: boolean;
}

export class ReportWorker {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly unlisten: () => void;

  constructor(
    private readonly ctx: HubContext,
    private readonly apps: WechatApps,
  ) {
    this.unlisten = ctx.leases.onKick(LEASE, () => void this.round());
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      void this.round().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.ctx.config.reportBack.intervalMs);
      });
    };
    tick();
  }

  /** Shipments became due (here): report them now, or have the instance holding the job do it. */
  wake(): Promise<void> {
    this.ctx.leases.passOn(LEASE);
    return this.round();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unlisten();
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
    await this.ctx.leases.release(LEASE);
  }

  private round(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return this.busy;
    }
    this.busy = this.ctx.leases
      .runHeld(LEASE, () => this.drain())
      .then(
        () => undefined,
        // The store out of reach (a PostgreSQL restart): the next tick tries again.
        (err: unknown) => this.ctx.warn('report-back: a round failed', { error: String(err) }),
      )
      .finally(() => {
        this.busy = null;
      });
    return this.busy;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const due = await this.ctx.store.tx((t) =>
          t.shipments.dueOrders(this.ctx.now(), this.ctx.config.reportBack.concurrency * 4),
        );
        if (due.length === 0 || this.stopped) break;
        const queue = [...due];
        const lanes = Array.from({ length: this.ctx.config.reportBack.concurrency }, async () => {
          for (let id = queue.shift(); id !== undefined && !this.stopped; id = queue.shift()) await this.report(id);
        });
        await Promise.all(lanes);
      }
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() and wake() set these while the lanes await
    } while (this.again && !this.stopped);
  }

  /** Claims the order's due parcels: marks them sending (uncertain) before any network call. */
  private claim(orderId: string): Promise<Claimed | null> {
    return this.ctx.store.tx(async (t) => {
      const order = await t.orders.get(orderId);
      const parcels = (await t.shipments.forOrder(orderId)).filter(
        (s) => (s.state === 'pending' || s.state === 'sending') && s.nextAt <= this.ctx.now(),
      );
      if (!order || parcels.length === 0) return null;
      const path = order.payment ? UPLOAD_PATH : SEND_PATH;
      const stop = await t.wechat.quotaStop(path);
      if (stop && stop > this.ctx.now()) {
        for (const p of parcels) await t.shipments.update(p.parcelId, { state: 'pending', nextAt: stop });
        return null;
      }
      const attempt = Math.max(...parcels.map((p) => p.attempts));
      // A parcel still "sending" was in flight when the hub stopped: it may have reached WeChat.
      const uncertain = parcels.some((p) => p.uncertain || p.state === 'sending');
      for (const p of parcels)
        await t.shipments.update(p.parcelId, { state: 'sending', attempts: p.attempts + 1, uncertain: true });
      return { order, parcels, attempt, uncertain };
    });
  }

  private async report(orderId: string): Promise<void> {
    const claimed = await this.claim(orderId);
    if (!claimed) return;
    let outcome: ReportOutcome;
    try {
      outcome = await this.call(claimed);
    } catch (err) {
      // A bug or bad data (not a WeChat answer): park it where a person will see it.
      outcome = { kind: 'failed', errcode: -3, errmsg: err instanceof Error ? err.message : String(err), rid: null };
    }
    await this.settle(claimed, outcome);
  }

  private async call(c: Claimed): Promise<ReportOutcome> {
    const { order, parcels, attempt, uncertain } = c;
    if (order.payment) {
      const app = this.apps.miniProgram(order.payment.appId);
      if (!app)
        return {
          kind: 'failed',
          errcode: -4,
          errmsg: `no mini-program ${order.payment.appId} in the hub config`,
          rid: null,
        };
      const p = order.payment;
      // Several orders of one combined payment (合单支付) ship in one upload.
      if (p.combined) return reportCombinedPayment(this.ctx, app, order, attempt, this.options());
      const mapping = this.ctx.config.wechat.miniPrograms.find((m) => m.appid === p.appId)?.carrierCodes ?? {};
      const shipping: ShippingParcel[] = parcels.map((s) => ({
        expressCompany: mapping[s.carrier] ?? s.carrier,
        trackingNo: s.waybill ?? '',
        itemDesc: s.items
          .map((i) => `${order.lines.find((l) => l.productId === i.productId)?.title ?? i.sku}×${i.qty}`)
          .join(' '),
        receiverPhoneMasked: order.recipientPhone,
      }));
      const orderKey = p.transactionId
        ? { kind: 'transaction' as const, transactionId: p.transactionId }
        : { kind: 'merchant' as const, mchid: p.mchid ?? '', outTradeNo: p.outTradeNo ?? '' };
      return reportMiniProgram(
        app,
        { orderKey, payerOpenid: p.payerOpenid, parcels: shipping, isFinal: true, attempt, uncertain },
        this.options(),
      );
    }
    const api = order.shopId ? this.apps.channels(order.shopId) : null;
    if (!api)
      return {
        kind: 'failed',
        errcode: -4,
        errmsg: `order ${order.id} has no Channels shop configured to report to (source ${order.source})`,
        rid: null,
      };
    const perParcel: DeliveryPackage[] = parcels.map((s) => ({
      deliveryId: s.carrier,
      waybillId: s.waybill ?? '',
      products: s.items.map((i) => {
        const line = order.lines.find((l) => l.productId === i.productId);
        const ref = order.wechatLines.find((w) => w.lineNo === line?.lineNo);
        if (!ref) throw new Error(`order ${order.id}: no WeChat product/sku ids for ${i.sku}`);
        return { productId: ref.productId, skuId: ref.skuId, count: i.qty };
      }),
    }));
    // A 子母单 ships as one package under the parent waybill (services/suborders.ts).
    const packages = collapseSuborder(order, parcels, perParcel);
    await this.checkCarriers(api, packages);
    try {
      await notifyPrinted(
        this.ctx,
        api,
        order.id,
        parcels.map((p) => p.waybill),
      );
    } catch (err) {
      // Print notify is step one of the e-waybill flow: a transient failure is retried like a send.
      return outcomeForError(err, attempt, resolveOptions(this.options()));
    }
    return reportChannels(api, { orderId: order.id, packages, attempt, uncertain }, this.options());
  }

  /** A carrier code the shop does not know would cost a round trip for 606004 (spec §2.5). */
  private async checkCarriers(api: ChannelsApi, packages: DeliveryPackage[]): Promise<void> {
    let known: { id: string }[];
    try {
      known = await api.carriers(); // cached per China day
    } catch {
      return; // the list is a safeguard, not a reason to hold shipments back
    }
    const unknown = packages.map((p) => p.deliveryId).filter((id) => !known.some((c) => c.id === id));
    if (unknown.length > 0)
      throw new Error(`carrier ${unknown.join(', ')} is not in the shop's carrier list (deliverycompanylist/new/get)`);
  }

  private options() {
    const r = this.ctx.config.reportBack;
    return { now: this.ctx.now, baseDelayMs: r.baseDelayMs, maxDelayMs: r.maxDelayMs, raceDelayMs: r.raceDelayMs };
  }

  private settle(c: Claimed, outcome: ReportOutcome): Promise<void> {
    const now = this.ctx.now();
    return this.ctx.store.tx(async (t) => {
      for (const p of c.parcels) {
        switch (outcome.kind) {
          case 'done':
            await t.shipments.update(p.parcelId, {
              state: 'done',
              doneAt: now,
              uncertain: false,
              lastErrmsg: outcome.note ?? null,
            });
            break;
          case 'retry': {
            const exhausted = p.attempts + 1 >= this.ctx.config.reportBack.maxAttempts;
            await t.shipments.update(p.parcelId, {
              state: exhausted ? 'failed' : 'pending',
              nextAt: now + outcome.afterMs,
              uncertain: false,
              lastErrmsg: outcome.reason,
            });
            break;
          }
          case 'stop_until':
            await t.shipments.update(p.parcelId, {
              state: 'pending',
              nextAt: outcome.untilMs,
              uncertain: false,
              lastErrmsg: outcome.reason,
            });
            break;
          case 'conflict':
            await t.shipments.update(p.parcelId, { state: 'conflict', uncertain: false, lastErrmsg: outcome.reason });
            break;
          case 'failed':
            await t.shipments.update(p.parcelId, {
              state: 'failed',
              uncertain: false,
              lastErrcode: outcome.errcode,
              lastErrmsg: outcome.errmsg,
              lastRid: outcome.rid,
            });
            break;
        }
      }
      if (outcome.kind === 'stop_until' && /45009|quota/.test(outcome.reason))
        await t.wechat.setQuotaStop(c.order.payment ? UPLOAD_PATH : SEND_PATH, outcome.untilMs);
      if (outcome.kind === 'conflict' || outcome.kind === 'failed') {
        const cancelled = outcome.kind === 'conflict' && /cancel/i.test(outcome.reason);
        const detail =
          outcome.kind === 'failed'
            ? `${outcome.errcode} ${outcome.errmsg}${outcome.rid ? ` (rid ${outcome.rid})` : ''}`
            : outcome.reason;
        await t.exceptions.add({
          id: newId(now),
          orderId: c.order.id,
          stationId: c.parcels[0]?.stationId ?? null,
          kind: cancelled ? 'cancelled_while_packed' : 'shipment_failed',
          detail,
          at: now,
        });
      }
      if (outcome.kind === 'done') {
        const open = (await t.shipments.forOrder(c.order.id)).some((s) => s.state !== 'done' && s.state !== 'conflict');
        if (!open && c.order.status !== 'shipped') await t.orders.setStatus(c.order.id, 'shipped', null, now);
      }
      // A report-back that needs a person is a warning (README: Operations), not routine.
      const needsPerson = outcome.kind === 'failed' || outcome.kind === 'conflict';
      (needsPerson ? this.ctx.warn : this.ctx.log)('report-back', {
        orderId: c.order.id,
        parcels: c.parcels.length,
        outcome: outcome.kind,
        ...(outcome.kind === 'failed' ? { errcode: outcome.errcode, errmsg: outcome.errmsg, rid: outcome.rid } : {}),
        ...(outcome.kind === 'conflict' ? { reason: outcome.reason } : {}),
      });
    });
  }
}
