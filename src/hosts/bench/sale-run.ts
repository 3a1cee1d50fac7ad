// A live-stream sale played in the WeChat sandbox against a running hub (issue 16 §3b): orders are
// paid at a steady rate, each announced by a push (a share dropped on purpose, so the hub's list
// pulls must find those), and desks pull them. Used by the bench (sale.ts) and by its test.
import {
  buildChannelsOrder,
  type ApiLimits,
  type ApiUsage,
  type FakeProduct,
  type FakeWechat,
} from '../../demo/wechat-sandbox/index.js';
import type { DemoCatalog } from '../../demo/data/generator.js';
import { startDesks } from './sale-desks.js';

export const SALE_SHOP = {
  id: 'live',
  appid: 'wx-live-shop',
  secret: 'live-shop-secret',
  push: { token: 'live-push-token', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' },
};

/** WeChat's view of the catalog's plain products: sku_code is the hub's SKU. */
export function saleProducts(catalog: DemoCatalog): FakeProduct[] {
  return catalog.products
    .filter((p) => p.components.length === 0)
    .map((p) => ({
      product_id: `10${p.id}`,
      sku_id: `20${p.id}`,
      sku_code: p.sku,
      title: p.title,
      price_fen: p.priceFen,
    }));
}

export interface SaleOptions {
  fake: FakeWechat;
  /**
   * The hub instances sharing the shop. Pushes go round-robin over them, as a load balancer in front
   * of them spreads WeChat's; desks are spread over them too.
   */
  hubUrls: readonly string[];
  adminToken: string;
  products: FakeProduct[];
  orders: number;
  seconds: number;
  desks: number;
  /** Every this-many-th push is not sent (1 in 100 by default): the list pull must find the order. */
  dropEvery?: number;
  /** After the last payment, wait at most this long for the last order to reach a desk. */
  settleMs: number;
  log?: (line: string) => void;
}

export interface SaleResult {
  paid: number;
  reached: number;
  /** Paid but at no desk when the run ended. */
  lost: number;
  /** From the first payment until the last order reached a desk (null: some never did). */
  lastReachMs: number | null;
  /** How long paying took (behind the schedule when the pushes were slow to be answered). */
  payingMs: number;
  pushes: { sent: number; dropped: number; failed: number };
  usage: ApiUsage[];
  claims: { ok: number; refused: number; failed: number };
  deskErrors: string[];
}

const PUSHES_IN_FLIGHT = 64;
const TICK_MS = 50;

/**
 * The hub's `wechat` config for the sale shop: pushes on, the rate limits paced at what quota/get
 * reports (the sandbox's) — each of `instances` hubs sharing the shop paced at its share, as README
 * § Scaling out says to set them — a short overlap, and no re-read of an order already read unless
 * a push or a list window says it changed (overlapRefetchS past the overlap).
 */
export function saleWechatConfig(
  apiBase: string,
  limits: ApiLimits,
  shop: Record<string, unknown> = {},
  instances = 1,
): Record<string, unknown> {
  return {
    apiBase,
    rateLimits: Object.fromEntries(
      Object.entries(limits).map(([path, l]) => [
        path,
        { calls: Math.max(1, Math.floor(l.callCount / instances)), perS: l.refreshSecond },
      ]),
    ),
    shops: [
      {
        id: SALE_SHOP.id,
        appid: SALE_SHOP.appid,
        secret: SALE_SHOP.secret,
        pushToken: SALE_SHOP.push.token,
        encodingAesKey: SALE_SHOP.push.encodingAesKey,
        pullIntervalS: 20,
        overlapS: 120,
        overlapRefetchS: 3600,
        initialLookbackS: 600,
        ...shop,
      },
    ],
  };
}

export async function playSale(o: SaleOptions): Promise<SaleResult> {
  const dropEvery = o.dropEvery ?? 100;
  const deskErrors: string[] = [];
  const desks = await startDesks({
    hubUrls: o.hubUrls,
    adminToken: o.adminToken,
    desks: o.desks,
    prefix: `desk-${Date.now() % 1_000_000}-`,
    onError: (m) => {
      if (deskErrors.length < 20) deskErrors.push(m);
    },
  });
  const pushUrls = o.hubUrls.map((u) => `${u}/v1/wechat/events/${SALE_SHOP.id}`);
  const run = String(Date.now() % 1_000_000).padStart(6, '0');
  const paidIds: string[] = [];
  const pushes = { sent: 0, dropped: 0, failed: 0 };
  const inFlight = new Set<Promise<void>>();
  const intervalMs = (o.seconds * 1000) / o.orders;
  const t0 = Date.now();
  try {
    while (paidIds.length < o.orders) {
      const due = Math.min(o.orders, Math.floor((Date.now() - t0) / intervalMs) + 1);
      while (paidIds.length < due) {
        const i = paidIds.length;
        const orderId = `3${run}${String(i).padStart(12, '0')}`;
        const nowS = Math.floor(Date.now() / 1000);
        const product = o.products[i % o.products.length] as FakeProduct;
        o.fake.addChannelsOrder(
          buildChannelsOrder({
            order_id: orderId,
            create_time: nowS,
            update_time: nowS,
            lines: [{ product, count: 1 }],
          }),
        );
        paidIds.push(orderId);
        if (i % dropEvery === dropEvery - 1) {
          pushes.dropped++;
          continue;
        }
        // WeChat does not wait for one push's answer before the next; it does retry (§2.8), so a
        // push the hub did not take is sent again here until it answers "success".
        const pushUrl = pushUrls[i % pushUrls.length] ?? '';
        const p = pushUntilTaken(o.fake, pushUrl, orderId, nowS, pushes).finally(() => inFlight.delete(p));
        inFlight.add(p);
        if (inFlight.size >= PUSHES_IN_FLIGHT) await Promise.race(inFlight);
      }
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
    await Promise.all(inFlight);
    const payingMs = Date.now() - t0;
    const deadline = Date.now() + o.settleMs;
    let reportedAt = Date.now();
    while (Date.now() < deadline && paidIds.some((id) => !desks.firstReach.has(id))) {
      if (o.log && Date.now() - reportedAt >= 30_000) {
        reportedAt = Date.now();
        o.log(`    … ${countReached(paidIds, desks.firstReach)} of ${paidIds.length} at a desk`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    // The desks may still be claiming what their last page brought: stop them (stop() lets claims
    // under way finish) before the claims are counted.
    await desks.stop();
    const reached = countReached(paidIds, desks.firstReach);
    let last = 0;
    for (const id of paidIds) last = Math.max(last, desks.firstReach.get(id) ?? 0);
    return {
      paid: paidIds.length,
      reached,
      lost: paidIds.length - reached,
      lastReachMs: reached === paidIds.length ? last - t0 : null,
      payingMs,
      pushes,
      usage: o.fake.apiUsage(),
      claims: { ...desks.claims },
      deskErrors,
    };
  } finally {
    await desks.stop();
  }
}

function countReached(ids: readonly string[], reach: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const id of ids) if (reach.has(id)) n++;
  return n;
}

const PUSH_RETRY_MS = [0, 0, 10_000, 60_000];

async function pushUntilTaken(
  fake: FakeWechat,
  url: string,
  orderId: string,
  payTimeS: number,
  pushes: SaleResult['pushes'],
): Promise<void> {
  for (const wait of PUSH_RETRY_MS) {
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pushes.sent++;
    try {
      const r = await fake.pushEvent(
        url,
        { Event: 'channels_ec_order_pay', order_id: orderId, extra: { pay_time: payTimeS } },
        'json',
        SALE_SHOP.appid,
      );
      if (r.status === 200 && r.body === 'success') return;
    } catch {
      // A refused connection is a failed push like any other: WeChat tries again.
    }
  }
  pushes.failed++;
}
