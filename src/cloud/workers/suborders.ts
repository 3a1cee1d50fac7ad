// Asks WeChat for 子母单 children (services/suborders.ts says when and why here): packs whose parcels
// after the first wait for a waybill under an e-waybill taken with a 子母单 carrier. The children
// go onto the shipments and, with the order and each label's print_info (services/suborder-print.ts),
// to the station, which prints their labels in parcel order (JD: every label again, renumbered).
// 10025024 (too soon after create) is retried later. A label whose print_info failed is fetched
// again with backoff (the children exist already; asking addsuborder again would add more), and
// the order goes out again with it, so the desk prints the label it had to refuse.
import type { ChannelsApi } from '../wechat/index.js';
import { WechatError } from '../wechat/index.js';
import type { ChannelsShopConfig } from '../config.js';
import type { HubContext } from '../context.js';
import { SUBORDER_CONFLICT } from '../wechat/suborder.js';
import { isSuborder, subWaybillsOf } from '../services/suborders.js';
import { settlePack } from '../services/pack-parts.js';
import type { ShipmentRow } from '../store/types.js';
import { ADD_PACKAGE_MAX } from '../../contract/multi-parcel.js';
import { labelPrintInfo, withSubPrintInfo } from '../services/suborder-print.js';
import { LeasedLoop } from './leased-loop.js';

const RETRY_MS = 5_000;
const PRINT_RETRY_MAX = 8;
const PRINT_RETRY_MAX_DELAY_MS = 10 * 60_000;

interface Due {
  orderId: string;
  packId: string;
  carrier: string;
  ewaybillOrderId: string;
  parent: string;
  children: ShipmentRow[];
}

export class SuborderWorker {
  private readonly loop: LeasedLoop;
  private readonly printRetries: LeasedLoop;
  /** Packs to leave alone until then (10025024, a transient failure). */
  private readonly notBefore = new Map<string, number>();

  constructor(
    private readonly ctx: HubContext,
    private readonly shop: ChannelsShopConfig,
    private readonly api: ChannelsApi,
  ) {
    this.loop = new LeasedLoop(
      this.ctx.leases,
      `suborders:${this.shop.id}`,
      () => this.round(),
      500,
      (err: unknown) => this.ctx.warn('子母单 worker: a round failed', { error: String(err) }),
    );
    this.printRetries = new LeasedLoop(
      this.ctx.leases,
      `sub-print-retries:${this.shop.id}`,
      () => this.retryPrintInfo(),
      RETRY_MS,
      (err: unknown) => this.ctx.warn('子母单 print_info retries: a round failed', { error: String(err) }),
      true,
    );
  }

  start(): void {
    this.loop.start();
    this.printRetries.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.loop.stop(), this.printRetries.stop()]);
  }

  async round(): Promise<void> {
    for (const due of await this.due()) {
      if (this.loop.stopped) return;
      if ((this.notBefore.get(due.packId) ?? 0) > this.ctx.now()) continue;
      await this.request(due);
    }
  }

  private due(): Promise<Due[]> {
    return this.ctx.store.tx(async (t) => {
      const waiting = await t.shipments.inStates(['waiting_waybill'], 500);
      const out: Due[] = [];
      for (const packId of new Set(waiting.map((s) => s.packId))) {
        const first = waiting.find((s) => s.packId === packId);
        if (!first) continue;
        const order = await t.orders.get(first.orderId);
        const e = await t.ewaybills.get(first.orderId);
        if (order?.shopId !== this.shop.id || !e?.ewaybillOrderId || !e.waybill) continue;
        if (!(await isSuborder(t, first.orderId))) continue;
        const parcels = (await t.shipments.forOrder(first.orderId)).filter((s) => s.packId === packId);
        const children = parcels.filter((s) => s.parcelNo > 1 && !s.waybill && s.carrier === e.carrier);
        if (children.length === 0 || order.subWaybills?.length) continue;
        out.push({
          orderId: first.orderId,
          packId,
          carrier: e.carrier,
          ewaybillOrderId: e.ewaybillOrderId,
          parent: e.waybill,
          children,
        });
      }
      return out;
    });
  }

  private async request(due: Due): Promise<void> {
    const account = this.shop.ewaybill.accounts[due.carrier];
    if (!account) return;
    if (due.children.length > ADD_PACKAGE_MAX) {
      this.ctx.warn('子母单 has more parcels than addsuborder takes', {
        orderId: due.orderId,
        parcels: due.children.length,
      });
      return;
    }
    let waybillIds: string[];
    try {
      ({ waybillIds } = await this.api.addSubOrder({
        ewaybillOrderId: due.ewaybillOrderId,
        waybillId: due.parent,
        deliveryId: due.carrier,
        quantity: due.children.length,
        acctId: account.acctId,
        templateId: this.shop.ewaybill.templateId,
      }));
    } catch (err) {
      const conflict = err instanceof WechatError && err.errcode === SUBORDER_CONFLICT;
      this.notBefore.set(due.packId, this.ctx.now() + RETRY_MS);
      (conflict ? this.ctx.log : this.ctx.warn)('子母单 children not issued yet; retrying', {
        orderId: due.orderId,
        error: err instanceof Error ? err.message : String(err),
      });
      return;
    }
    const unprinted: { waybill: string; error: string }[] = [];
    const subs = await withSubPrintInfo(
      this.api,
      { carrier: due.carrier, ewaybillOrderId: due.ewaybillOrderId, templateId: this.shop.ewaybill.templateId },
      subWaybillsOf(
        due.carrier,
        due.parent,
        due.children.map((c) => c.parcelNo),
        waybillIds,
      ),
      (waybill, error) => {
        unprinted.push({ waybill, error });
        this.ctx.log('子母单 label without print_info yet (print/get); fetching it again', {
          orderId: due.orderId,
          waybill,
          error,
        });
      },
    );
    const now = this.ctx.now();
    await this.ctx.store.tx(async (t) => {
      for (const u of unprinted)
        await t.subPrintRetries.add({
          orderId: due.orderId,
          waybill: u.waybill,
          shopId: this.shop.id,
          nextAt: now + RETRY_MS,
          error: u.error,
        });
      for (const c of due.children) {
        const sub = subs.find((s) => s.parcelNo === c.parcelNo);
        if (sub) await t.shipments.update(c.parcelId, { waybill: sub.waybill });
      }
      for (const s of (await t.shipments.forOrder(due.orderId)).filter((p) => p.packId === due.packId))
        if (s.state === 'waiting_waybill' && s.waybill)
          await t.shipments.update(s.parcelId, { state: 'pending', nextAt: now });
      await t.orders.setSubWaybills(due.orderId, subs);
      await settlePack(t, due.packId, now);
    });
    this.notBefore.delete(due.packId);
    this.ctx.log('子母单 children issued', { orderId: due.orderId, labels: subs.length });
    this.ctx.wakeReporter();
  }

  /** print/get again for labels that came without print_info; the order goes out again with it. */
  private async retryPrintInfo(): Promise<void> {
    const due = await this.ctx.store.tx((t) => t.subPrintRetries.due(this.shop.id, this.ctx.now(), 20));
    for (const r of due) {
      if (this.printRetries.stopped) return;
      const e = await this.ctx.store.tx((t) => t.ewaybills.get(r.orderId));
      const attempts = r.attempts + 1;
      if (!e?.ewaybillOrderId) {
        const patch = { state: 'failed' as const, attempts, nextAt: 0, error: 'the e-waybill is gone' };
        await this.ctx.store.tx((t) => t.subPrintRetries.update(r.orderId, r.waybill, patch));
        continue;
      }
      let printInfo: string;
      try {
        printInfo = await labelPrintInfo(
          this.api,
          { ewaybillOrderId: e.ewaybillOrderId, templateId: this.shop.ewaybill.templateId },
          r.waybill,
        );
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const failed = attempts >= PRINT_RETRY_MAX;
        const nextAt = this.ctx.now() + Math.min(PRINT_RETRY_MAX_DELAY_MS, RETRY_MS * 2 ** attempts);
        await this.ctx.store.tx((t) =>
          t.subPrintRetries.update(r.orderId, r.waybill, { state: failed ? 'failed' : 'due', attempts, nextAt, error }),
        );
        if (failed)
          this.ctx.warn(
            '子母单 label still without print_info: the desk cannot print it (reprint it from the shop backend)',
            {
              orderId: r.orderId,
              waybill: r.waybill,
              error,
            },
          );
        continue;
      }
      await this.ctx.store.tx(async (t) => {
        const order = await t.orders.get(r.orderId);
        const subs = order?.subWaybills ?? [];
        if (subs.some((s) => s.waybill === r.waybill))
          await t.orders.setSubWaybills(
            r.orderId,
            subs.map((s) => (s.waybill === r.waybill ? { ...s, printInfo } : s)),
          );
        await t.subPrintRetries.update(r.orderId, r.waybill, { state: 'done', attempts, nextAt: 0, error: null });
      });
      this.ctx.log('子母单 label print_info fetched on retry', { orderId: r.orderId, waybill: r.waybill });
    }
  }
}
