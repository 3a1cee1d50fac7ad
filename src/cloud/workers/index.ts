// The hub's background work: pulling orders from each Channels shop, re-fetching pushed orders,
// reporting shipments back, and flagging shipments that wait for a part that has not arrived.
import type { HubContext } from '../context.js';
import { ChannelsPuller } from './channels-pull.js';
import { EwaybillWorker } from './ewaybill.js';
import { EwaybillReprintNotifier } from './ewaybill-reprint.js';
import { EwaybillCancelWorker } from './ewaybill-cancel.js';
import { SuborderWorker } from './suborders.js';
import { ReportWorker } from './report.js';
import { PartsWatch } from './parts-watch.js';
import { TrackingWorker } from './tracking.js';
import { buildWechatApps } from './wechat-apps.js';
import { QuotaWatch } from '../services/quota.js';
import { stockClockLoop } from './stock-clock.js';
import { DisputeWorker } from './disputes.js';
import type { AfterSaleHint } from '../store/dispute-types.js';
import { StockPublisher } from './stock-publish.js';

export interface Workers {
  wakeReporter(): void;
  stockChanged(skus: readonly string[]): void;
  refetchOrder(shopId: string, orderId: string): void;
  afterSale(shopId: string, hint: AfterSaleHint): void;
  proofConfirmed(): void;
  sweep(shopId?: string): Promise<{ shopId: string; listed: number; fetched: number }[]>;
  /** Per Channels shop, the push-announced order reads this instance has waiting (rate limit). */
  pushQueue(): Record<string, number>;
  stop(): Promise<void>;
}

export function startWorkers(ctx: HubContext): Workers {
  const quota = new QuotaWatch(ctx);
  void quota
    .seed()
    .catch((err: unknown) => ctx.warn('quota watch: reading the call log failed', { error: String(err) }));
  const apps = buildWechatApps(ctx, quota);
  const pullers = new Map<string, ChannelsPuller>();
  const disputes = new DisputeWorker(ctx, (id) => apps.shopApp(id));
  disputes.start();
  const ewaybills: { stop(): Promise<void> }[] = [];
  for (const shop of ctx.config.wechat.shops) {
    const api = apps.channels(shop.id);
    if (!api) continue;
    // An order read that lists after-sale orders may name a case the hub has not filed yet.
    const p = new ChannelsPuller(
      ctx,
      shop,
      api,
      (id) => void disputes.note(shop.id, { afterSaleOrderId: id, complaintId: null, force: false }),
    );
    pullers.set(shop.id, p);
    p.start();
    if (shop.ewaybill.enabled) {
      const w = new EwaybillWorker(ctx, shop, api);
      ewaybills.push(w);
      w.start();
      const reprints = new EwaybillReprintNotifier(ctx, shop, api);
      ewaybills.push(reprints);
      reprints.start();
      const cancels = new EwaybillCancelWorker(ctx, shop, api);
      ewaybills.push(cancels);
      cancels.start();
      const children = new SuborderWorker(ctx, shop, api);
      ewaybills.push(children);
      children.start();
    }
  }
  const reporter = new ReportWorker(ctx, apps);
  reporter.start();
  const parts = new PartsWatch(ctx);
  parts.start();
  const tracking = new TrackingWorker(ctx, apps);
  tracking.start();
  const stockClock = stockClockLoop(ctx);
  if (ctx.config.stock.enabled) stockClock.start();
  const publisher =
    ctx.config.stock.enabled && ctx.config.stock.channels.length > 0 ? new StockPublisher(ctx, apps) : null;
  void publisher?.start().catch((err: unknown) => ctx.warn('stock publish: could not start', { error: String(err) }));
  return {
    wakeReporter: () => void reporter.wake(),
    stockChanged: (skus) => publisher?.changed(skus),
    refetchOrder: (shopId, orderId) => pullers.get(shopId)?.refetch(orderId),
    pushQueue: () => Object.fromEntries([...pullers].map(([id, p]) => [id, p.refetchBacklog])),
    afterSale: (shopId, hint) => void disputes.note(shopId, hint),
    proofConfirmed: () => disputes.kick(),
    sweep: (shopId) =>
      Promise.all(
        [...pullers]
          .filter(([id]) => shopId === undefined || id === shopId)
          .map(async ([id, p]) => ({ shopId: id, ...(await p.sweep()) })),
      ),
    async stop() {
      await Promise.all([...pullers.values()].map((p) => p.stop()));
      await Promise.all(ewaybills.map((w) => w.stop()));
      await reporter.stop();
      await parts.stop();
      await tracking.stop();
      await stockClock.stop();
      await publisher?.stop();
      await disputes.stop();
    },
  };
}
