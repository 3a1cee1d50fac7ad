// Issue 13 acceptance. Hub level (in process): 500 paid orders race over 50 units of one SKU from a Channels
// shop (buyers at the fake WeChat, who can only buy what the shop shows) and a mini-program
// (intake posts). Exactly 50 are reserved and the rest flagged short; every change of the shop's
// share is published to the shop (none lost) within 1 s of its commit, and the shop ends at 0 and
// never goes negative. Throughput at volume is the bench's to say (`npm run bench -- --only stock`).
// Then with real processes (a build): the same race, a desk packing offline and a return taken at a
// desk reconcile with the ledger once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StationSnapshot } from '../../src/contract/station.js';
import { stockBoardResponse, publishedStockResponse } from '../../src/contract/stock-board.js';
import { stockMovementsResponse, type StockMovement } from '../../src/contract/stock-ledger.js';
import { allocate, type AllocationChannel } from '../../src/domain/stock/allocation.js';
import { MOVEMENT_FIGURE } from '../../src/domain/stock/effects.js';
import { percentile } from '../../src/domain/stats/figures.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { buildChannelsOrder, FakeWechat, STOCK_ERR, type FakeProduct } from '../../src/demo/wechat-sandbox/index.js';
import {
  adminClient,
  AUTO_SCALE,
  createFleet,
  intakeOrder,
  shopHubConfig,
  WX_SHOP,
  type FleetStation,
} from '../helpers/fleet.js';
import { fakeProductsOf, MINI, startTestHub, until, type TestHub } from '../helpers/hub.js';
import { startProxy, type Proxy } from '../helpers/proxy.js';

vi.setConfig({ testTimeout: 240_000 });

const ORDERS = 500;
const UNITS = 50;
/** The acceptance's bound: each change of the shop's share shows at WeChat this soon after its commit. */
const PUBLISH_WITHIN_MS = 1000;

let t: TestHub;
let product: FakeProduct;

function miniOrder(n: number) {
  return {
    id: `MINI-RACE-${String(n).padStart(4, '0')}`,
    channel: 'mini_program',
    recipientName: '李四',
    recipientPhone: '13900000000',
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路1号' },
    paidAt: Date.now(),
    lines: [{ sku: product.sku_code, qty: 1, priceFen: product.price_fen }],
    payment: { appId: MINI.appid, transactionId: `tx-race-${n}`, payerOpenid: `buyer-${n}` },
  };
}

/** A Channels buyer: the shop takes the order only while it shows stock (WeChat refuses otherwise). */
function channelsBuyer(n: number): boolean {
  if ((t.fake.stockOf(product.product_id, product.sku_id) ?? 0) <= 0) return false;
  const nowS = Math.floor(Date.now() / 1000);
  t.fake.addChannelsOrder(
    buildChannelsOrder({
      order_id: String(3_705_115_058_471_500_000n + BigInt(n)),
      create_time: nowS,
      update_time: nowS,
      lines: [{ product, count: 1 }],
    }),
  );
  return true;
}

describe('500 paid orders racing over 50 units across a Channels shop and a mini-program', () => {
  beforeAll(async () => {
    t = await startTestHub({
      config: {
        stock: {
          enabled: true,
          channels: [
            { id: 'shop1', kind: 'channels_shop', shopId: 'shop1', ratio: 0.5 },
            { id: 'mini1', kind: 'mini_program', appId: MINI.appid, ratio: 0.5 },
          ],
        },
      },
    });
    product = t.fakeProducts[0] as FakeProduct;
    t.fake.setStock(product.product_id, product.sku_id, 0);
    await t.admin('PUT', '/v1/admin/stock/wechat-skus', {
      items: [{ shopId: 'shop1', sku: product.sku_code, productId: product.product_id, skuId: product.sku_id }],
    });
  });
  afterAll(() => t.close());

  it('reserves exactly 50, flags the rest short; every change reaches the shop within 1 s, which ends at 0 and never goes below', async () => {
    // When each unit of work that moved stock committed at the hub (the publisher's cue).
    const commits: number[] = [];
    t.hub.store.onStock((skus) => {
      if (skus.includes(product.sku_code)) commits.push(Date.now());
    });
    const receipt = await t.admin('POST', '/v1/admin/stock/movements', {
      kind: 'receipt',
      sku: product.sku_code,
      qty: UNITS,
      key: 'PO-STOCK-RACE',
    });
    expect(receipt.status).toBe(200);
    // 50 − ⌈2.5⌉ = 47: shop1 24 (the odd unit, first in the config) → ⌊22.8⌋ = 22; mini1 23 → 21.
    await until(
      () => t.fake.stockOf(product.product_id, product.sku_id),
      (n) => n === 22,
      5000,
      'the shop at 22',
    );

    let channels = 0;
    const posts: Promise<{ status: number }>[] = [];
    for (let n = 0; channels + posts.length < ORDERS; n++) {
      if (n % 2 === 0 && channelsBuyer(n)) channels++;
      else posts.push(t.admin('POST', '/v1/orders', miniOrder(n)));
      if (n % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    expect((await Promise.all(posts)).every((r) => r.status === 200)).toBe(true);
    expect(channels).toBeGreaterThan(0);

    // Every Channels order pulled and settled: 50 reserved, 450 units short.
    const board = await until(
      async () => stockBoardResponse.parse((await t.admin('GET', '/v1/stock/board')).body),
      (b) => {
        const item = b.items.find((i) => i.sku === product.sku_code);
        return item?.reserved === UNITS && item.short === ORDERS - UNITS;
      },
      30_000,
      'all 500 orders settled at the hub',
    );
    const item = board.items.find((i) => i.sku === product.sku_code);
    expect(item).toMatchObject({ onHand: UNITS, reserved: UNITS, available: 0 });

    // The shop ends at 0, never below; every change of its share was published (none lost).
    const shown = await until(
      () => t.fake.stockChanges().filter((c) => c.productId === product.product_id),
      (cs) => cs.at(-1)?.after === 0,
      10_000,
      'the shop at 0',
    );
    expect(Math.min(...shown.map((c) => c.after))).toBeGreaterThanOrEqual(0);
    const movements = stockMovementsResponse.parse(
      (await t.admin('GET', `/v1/stock/movements?sku=${product.sku_code}&limit=1000`)).body,
    ).items;
    const changes = shareChanges(movements, commits);
    expect(changes.length).toBeGreaterThan(1);
    // The figure the merchant set before the hub published anything is not a reflection of any change.
    const reached = shown.filter((c) => c.cause !== 'seed');
    const unreflected = changes.filter((c, i) => reflectedAt(changes, i, reached) === null);
    expect(unreflected).toEqual([]);
    // Each within 1 s of its commit. Both stamps are this process's Date.now(): the commit by the
    // onStock listener above, the shop's figure by the fake when it applied the update.
    const latencies = changes.map((c, i) => ({
      change: i,
      figure: c.figure,
      latencyMs: (reflectedAt(changes, i, reached) as number) - c.committedAt,
    }));
    const lateOnes = latencies.filter((l) => l.latencyMs > PUBLISH_WITHIN_MS);
    const sorted = latencies.map((l) => l.latencyMs).sort((a, b) => a - b);
    // A change WeChat's own order moves had shown already counts 0 ms: how many, so a run whose
    // figures all came that way does not pass for a fast publisher.
    const atOnce = sorted.filter((ms) => ms === 0).length;
    console.log(
      `stock-race publish latency: ${sorted.length} changes (${atOnce} shown at commit), p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, max ${sorted.at(-1)} ms`,
    );
    expect(lateOnes).toEqual([]);
    // Orders WeChat took but the hub had not pulled yet can make a subtraction too big: WeChat refuses
    // it (10020054, nothing changes) and the hub reads the figure again before its next update.
    const calls = t.fake.calls().filter((c) => c.path.startsWith('/channels/ec/product/stock/'));
    calls.forEach((c, i) => {
      if (c.errcode !== STOCK_ERR.failed) return;
      const next = calls.slice(i + 1).find((d) => d.path.endsWith('/update') || d.path.endsWith('/batchget'));
      expect(next?.path).toBe('/channels/ec/product/stock/batchget');
    });

    const mini = publishedStockResponse.parse((await t.admin('GET', '/v1/stock/published?channel=mini1')).body);
    expect(mini.items.filter((i) => i.sku === product.sku_code)).toEqual([
      { sku: product.sku_code, qty: 0, at: expect.any(Number) as number },
    ]);
  });
});

describe('real processes: a hub, two stations and the fake WeChat', () => {
  const fleet = createFleet('packdesk-stock-race-');
  let wx: FakeWechat | null = null;
  let proxy: Proxy | null = null;
  afterAll(async () => {
    await fleet.cleanup();
    await proxy?.close();
    await wx?.close();
  });

  const catalog = generateCatalog(23);
  const item = catalog.products.find((p) => p.components.length === 0 && p.barcodes.length > 0);
  const admin = adminClient(FLEET_ADMIN);

  it('a station packing offline and another taking a return reconcile with the ledger exactly once', async () => {
    if (!item) throw new Error('the catalogue has plain products with barcodes');
    wx = new FakeWechat({ apps: [{ appid: WX_SHOP.appid, secret: WX_SHOP.secret, kind: 'channels' }] });
    const apiBase = await wx.listen();
    const shopProduct = fakeProductsOf(catalog).find((p) => p.sku_code === item.sku) as FakeProduct;
    wx.setStock(shopProduct.product_id, shopProduct.sku_id, 0);
    const hub = await fleet.startHub(
      fleet.writeHubConfig(
        shopHubConfig(
          FLEET_ADMIN,
          { apiBase, timeoutMs: 1500 },
          {
            stations: { poolTarget: 20, maxWaitS: 2 },
            stock: {
              enabled: true,
              channels: [
                { id: 'shop1', kind: 'channels_shop', shopId: WX_SHOP.id, ratio: 0.5 },
                { id: 'mini1', kind: 'mini_program', appId: 'wx-mini-1', ratio: 0.5 },
              ],
            },
          },
        ),
      ),
    );
    await admin(hub.url, 'POST', '/v1/admin/products', catalog.products);
    await admin(hub.url, 'POST', '/v1/admin/packers', catalog.packers);
    await admin(hub.url, 'POST', '/v1/admin/waybills', {
      carrier: 'ZTO',
      range: { prefix: '75', from: 1, to: 200, width: 12 },
    });
    await admin(hub.url, 'PUT', '/v1/admin/stock/wechat-skus', {
      items: [{ shopId: WX_SHOP.id, sku: item.sku, productId: shopProduct.product_id, skuId: shopProduct.sku_id }],
    });
    await admin(hub.url, 'POST', '/v1/admin/stock/movements', {
      kind: 'receipt',
      sku: item.sku,
      qty: UNITS,
      key: 'PO-FLEET',
    });
    await until(
      () => wx?.stockOf(shopProduct.product_id, shopProduct.sku_id),
      (n) => n === 22,
      10_000,
      'the shop at 22',
    );

    // The race: Channels buyers while the shop shows stock, mini-program orders posted all along.
    const intakeIds: string[] = [];
    let placed = 0;
    const posts: Promise<unknown>[] = [];
    for (let n = 0; placed + posts.length < ORDERS; n++) {
      const shows = wx.stockOf(shopProduct.product_id, shopProduct.sku_id) ?? 0;
      if (n % 2 === 0 && shows > 0) {
        const nowS = Math.floor(Date.now() / 1000);
        wx.addChannelsOrder(
          buildChannelsOrder({
            order_id: String(3_705_115_058_471_600_000n + BigInt(n)),
            create_time: nowS,
            update_time: nowS,
            lines: [{ product: shopProduct, count: 1 }],
          }),
        );
        placed++;
      } else {
        const id = `MP-FLEET-${String(n).padStart(4, '0')}`;
        intakeIds.push(id);
        posts.push(admin(hub.url, 'POST', '/v1/orders', fleetIntake(id, item.sku, n)));
      }
      if (n % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(posts);
    const board = () => admin<unknown>(hub.url, 'GET', '/v1/stock/board').then((b) => stockBoardResponse.parse(b));
    const level = async () => (await board()).items.find((i) => i.sku === item.sku);
    await until(level, (l) => l?.reserved === UNITS && l.short === ORDERS - UNITS, 60_000, '500 orders settled');

    // Two desks; B reaches the hub through a proxy that can be cut.
    const tokens = await Promise.all(
      ['A', 'B'].map(
        async (id) => (await admin<{ token: string }>(hub.url, 'POST', '/v1/admin/stations', { id })).token,
      ),
    );
    proxy = await startProxy(hub.port);
    const a = await fleet.startStation('A', hub.url, tokens[0] ?? '', { pullWaitS: 2, scale: AUTO_SCALE });
    const b = await fleet.startStation('B', proxy.url, tokens[1] ?? '', { pullWaitS: 2, scale: AUTO_SCALE });
    const last = intakeIds.at(-1) ?? '';
    for (const s of [a, b]) await until(() => s.orderStatus(last), Boolean, 30_000, 'the orders at the desk');
    const open = intakeIds.filter((id) => a.orderStatus(id) === 'open');
    expect(open.length).toBeGreaterThanOrEqual(2);
    const [first, second] = open as [string, string];
    expect(await a.scan('BADGE-P01')).toBe('login');
    expect(await b.scan('BADGE-P02')).toBe('login');

    await packOne(a, first, item.barcodes[0] ?? '');
    proxy.cut();
    await until(b.snapshot, (s) => s.sync.mode === 'offline', 20_000, 'B offline');
    await until(
      () => b.orderStatus(first),
      (s) => s !== undefined,
      1000,
      'B knows the first order',
    );
    await packOne(b, second, item.barcodes[0] ?? '');
    // The first order's parcel comes back at B, good: returned while B is still offline.
    for (const code of ['CMD-RETURN', first, item.barcodes[0] ?? '', 'CMD-GOOD', 'CMD-FINISH']) await b.scan(code);
    proxy.restore();
    await until(b.snapshot, (s) => s.sync.mode === 'online' && s.sync.queueDepth === 0, 60_000, 'B drained');

    // Each parcel shipped once, the return booked once; the returned unit went to a waiting order.
    const moves = async () =>
      stockMovementsResponse.parse(
        await admin<unknown>(hub.url, 'GET', `/v1/stock/movements?sku=${encodeURIComponent(item.sku)}&limit=1000`),
      ).items;
    const done = await until(
      moves,
      (ms) => ms.filter((m) => m.kind === 'ship').length === 2 && ms.some((m) => m.kind === 'return_good'),
      30_000,
      'two shipments and the return at the hub',
    );
    expect(done.filter((m) => m.kind === 'return_good').map((m) => m.qty)).toEqual([1]);
    expect(await level()).toMatchObject({
      onHand: UNITS - 1,
      reserved: UNITS - 1,
      available: 0,
      short: ORDERS - UNITS - 1,
    });
    expect(wx.stockOf(shopProduct.product_id, shopProduct.sku_id)).toBe(0);
    expect(Math.min(...wx.stockChanges().map((c) => c.after))).toBeGreaterThanOrEqual(0);
  });
});

/** The race's channels: what the hub allocates the shop of each available figure. */
const RACE_CHANNELS: AllocationChannel[] = [
  { id: 'shop1', policy: 'fixed', ratio: 0.5 },
  { id: 'mini1', policy: 'fixed', ratio: 0.5 },
];
const shopShare = (available: number) =>
  allocate({ available, pools: {} }, RACE_CHANNELS, { safetyReservePct: 5, displayFactor: 0.95 }).channels.find(
    (c) => c.channel === 'shop1',
  )?.published ?? 0;

interface ShareChange {
  /** When the unit of work that made it committed at the hub. */
  committedAt: number;
  /** The shop's share from then on. */
  figure: number;
}

/**
 * Each movement that changed the shop's share, replayed in ledger order, with the commit that
 * followed its booking (the store tells the publisher once per committed unit of work).
 */
function shareChanges(movements: readonly StockMovement[], commits: readonly number[]): ShareChange[] {
  const out: ShareChange[] = [];
  let available = 0;
  for (const m of [...movements].sort((a, b) => a.seq - b.seq)) {
    const moves = MOVEMENT_FIGURE[m.kind];
    if (moves === 'onHand') available += m.qty;
    else if (moves === 'reserved') available -= m.qty;
    const figure = shopShare(available);
    if (figure === (out.at(-1)?.figure ?? 0)) continue;
    const committedAt = commits.find((at) => at >= m.at);
    if (committedAt === undefined) throw new Error(`no commit recorded after movement ${m.key}`);
    out.push({ committedAt, figure });
  }
  return out;
}

/**
 * When the shop showed change `i` or a newer one: the first figure the sandbox held at or after the
 * commit that is the share of this change or of a later one (a later update supersedes earlier
 * ones; WeChat's own take at an order may have shown it already). Null: never shown.
 */
function reflectedAt(
  changes: readonly ShareChange[],
  i: number,
  shown: readonly { at: number; after: number }[],
): number | null {
  const change = changes[i] as ShareChange;
  const newer = new Set(changes.slice(i).map((c) => c.figure));
  const before = shown.filter((c) => c.at <= change.committedAt).at(-1);
  if (before && newer.has(before.after)) return change.committedAt;
  return shown.find((c) => c.at >= change.committedAt && newer.has(c.after))?.at ?? null;
}

const FLEET_ADMIN = 'stock-race-admin-token-0123456789';

function fleetIntake(id: string, sku: string, n: number) {
  return {
    ...intakeOrder(id, sku),
    paidAt: Date.now(),
    payment: { appId: 'wx-mini-1', transactionId: `42000${n}`, payerOpenid: `buyer-${n}` },
  };
}

async function packOne(s: FleetStation, orderId: string, barcode: string): Promise<void> {
  expect(await s.scan(orderId)).toBe('order_opened');
  expect(await s.scan(barcode)).toBe('item_ok');
  await until(
    s.snapshot,
    (x: StationSnapshot) => x.lastPack?.order.id === orderId && x.lastPack.state === 'done',
    30_000,
    `pack ${orderId} done`,
  );
}
