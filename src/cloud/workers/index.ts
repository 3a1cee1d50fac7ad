// The hub's background work: pulling orders from each Channels shop, re-fetching pushed orders,
// reporting shipments back, and flagging shipments that wait for a part that has not arrived.
import type { HubContext } from '../context.js';
import { ChannelsPuller } from './channels-pull.js';
import { EwaybillWorker } from './ewaybill.js';
import { EwaybillReprintNotifier } from './ewaybill-reprint.js';
import { SuborderWorker } from './suborders.js';
import { ReportWorker } from './report.js';
import { PartsWatch } from './parts-watch.js';
import { buildWechatApps } from './wechat-apps.js';
import { QuotaWatch } from '../services/quota.js';

export interface Workers {
  wakeReporter(): void;
  refetchOrder(shopId: string, orderId: string): void;
  sweep(shopId?: string): Promise<{ shopId: string; listed: number; fetched: number }[]>;
  stop(): Promise<void>;
}

export function startWorkers(ctx: HubContext): Workers {
  const quota = new QuotaWatch(ctx);
  void quota
    .seed()
    .catch((err: unknown) => ctx.warn('quota watch: reading the call log failed', { error: String(err) }));
  const apps = buildWechatApps(ctx, quota);
  const pullers = new Map<string, ChannelsPuller>();
  const ewaybills: { stop(): Promise<void> }[] = [];
  for (const shop of ctx.config.wechat.shops) {
    const api = apps.channels(shop.id);
    if (!api) continue;
    const p = new ChannelsPuller(ctx, shop, api);
    pullers.set(shop.id, p);
    p.start();
    if (shop.ewaybill.enabled) {
      const w = new EwaybillWorker(ctx, shop, api);
      ewaybills.push(w);
      w.start();
      const reprints = new EwaybillReprintNotifier(ctx, shop, api);
      ewaybills.push(reprints);
      reprints.start();
      const children = new SuborderWorker(ctx, shop, api);
      ewaybills.push(children);
      children.start();
    }
  }
  const reporter = new ReportWorker(ctx, apps);
  reporter.start();
  const parts = new PartsWatch(ctx);
  parts.start();
  return {
    wakeReporter: () => void reporter.wake(),
    refetchOrder: (shopId, orderId) => void pullers.get(shopId)?.refetch(orderId),
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
    },
  };
}
