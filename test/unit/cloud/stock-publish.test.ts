// The stock publisher through a running hub and the fake WeChat: shares published to the Channels
// shop with stock/update within a second, WeChat's own decrement at order placement never
// subtracted twice, 10020112 backed off, an unknown WeChat figure read first; the board, the
// published endpoint for a mini-program's server, and the admin's SKU → WeChat id map.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stockBoardResponse, publishedStockResponse } from '../../../src/contract/stock-board.js';
import { buildChannelsOrder, STOCK_ERR, type FakeProduct } from '../../../src/demo/wechat-sandbox/index.js';
import { MINI, startTestHub, until, type TestHub } from '../../helpers/hub.js';

vi.setConfig({ testTimeout: 60_000 });

const MINI_READ_TOKEN = 'mini1-reads-its-stock-0123456789';
const STOCK = {
  enabled: true,
  channels: [
    { id: 'shop1', kind: 'channels_shop', shopId: 'shop1', ratio: 0.6 },
    { id: 'mini1', kind: 'mini_program', appId: MINI.appid, ratio: 0.4, readToken: MINI_READ_TOKEN },
  ],
};

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function hub(stock: Record<string, unknown> = {}): Promise<{ t: TestHub; product: FakeProduct }> {
  t = await startTestHub({ config: { stock: { ...STOCK, ...stock } } });
  const product = t.fakeProducts[0] as FakeProduct;
  return { t, product };
}

const receive = (h: TestHub, sku: string, qty: number, key: string) =>
  h.admin('POST', '/v1/admin/stock/movements', { kind: 'receipt', sku, qty, key });

const link = (h: TestHub, p: FakeProduct) =>
  h.admin('PUT', '/v1/admin/stock/wechat-skus', {
    items: [{ shopId: 'shop1', sku: p.sku_code, productId: p.product_id, skuId: p.sku_id }],
  });

const wechatStock = (h: TestHub, p: FakeProduct) => h.fake.stockOf(p.product_id, p.sku_id);

describe('publishing to a Channels shop', () => {
  it('publishes ⌊share × 0.95⌋ within a second of a receipt, and the mini-program reads its own', async () => {
    const { t, product } = await hub();
    t.fake.setStock(product.product_id, product.sku_id, 0);
    expect((await link(t, product)).status).toBe(200);
    const sent = Date.now();
    expect((await receive(t, product.sku_code, 100, 'PO-1')).status).toBe(200);
    // 100 − ⌈5 %⌉ = 95 sellable: shop1 57 → 54 shown; mini1 38 → 36.
    await until(
      () => wechatStock(t, product),
      (n) => n === 54,
      5000,
      'WeChat showing 54',
    );
    const arrived = t.fake.stockChanges().find((c) => c.cause === 'update' && c.after === 54);
    expect((arrived?.at ?? Infinity) - sent).toBeLessThan(1000);

    const published = await t.call(MINI_READ_TOKEN, 'GET', '/v1/stock/published?channel=mini1');
    expect(published.status).toBe(200);
    const items = publishedStockResponse.parse(published.body).items;
    expect(items.filter((i) => i.sku === product.sku_code)).toEqual([
      { sku: product.sku_code, qty: 36, at: expect.any(Number) as number },
    ]);
  });

  it('takes WeChat’s own decrement at order placement into account: nothing is subtracted twice', async () => {
    const { t, product } = await hub();
    t.fake.setStock(product.product_id, product.sku_id, 0);
    await link(t, product);
    await receive(t, product.sku_code, 100, 'PO-2');
    await until(
      () => wechatStock(t, product),
      (n) => n === 54,
      5000,
      'WeChat showing 54',
    );
    const before = t.fake.stockChanges().length;
    const placedS = await secondAfterLastStockChange(t);

    // A buyer orders 2 in the shop: WeChat shows 52 at once. The hub pulls the order and reserves 2:
    // 98 − ⌈4.9⌉ = 93 → shop1 55.8 + mini1 37.2 → 56 + 37 → shop1 shows ⌊56 × 0.95⌋ = 53.
    t.fake.addChannelsOrder(
      buildChannelsOrder({
        order_id: '3705115058471300001',
        create_time: placedS,
        update_time: placedS,
        lines: [{ product, count: 2 }],
      }),
    );
    expect(wechatStock(t, product)).toBe(52);
    await until(
      () => wechatStock(t, product),
      (n) => n === 53,
      10_000,
      'WeChat showing 53',
    );
    const after = t.fake.stockChanges().slice(before);
    expect(after.map((c) => [c.cause, c.after - c.before])).toEqual([
      ['order', -2],
      ['update', 1],
    ]);
    expect(Math.min(...t.fake.stockChanges().map((c) => c.after))).toBeGreaterThanOrEqual(0);
  });

  it('reads WeChat’s figure when it is unknown and sends the difference', async () => {
    const { t, product } = await hub();
    t.fake.setStock(product.product_id, product.sku_id, 500);
    await link(t, product);
    await receive(t, product.sku_code, 100, 'PO-3');
    await until(
      () => wechatStock(t, product),
      (n) => n === 54,
      5000,
      'WeChat showing 54',
    );
    expect(t.fake.calls('/channels/ec/product/stock/batchget').length).toBeGreaterThanOrEqual(1);
    const updates = t.fake.calls('/channels/ec/product/stock/update').filter((c) => c.errcode === 0);
    expect(updates.map((c) => c.body)).toEqual([
      { product_id: product.product_id, sku_id: product.sku_id, diff_type: 2, num: 446 },
    ]);
  });

  it('backs off on 10020112 and still delivers the newest value', async () => {
    const { t, product } = await hub();
    t.fake.setStock(product.product_id, product.sku_id, 0);
    await link(t, product);
    t.fake.inject({
      path: '/channels/ec/product/stock/update',
      kind: 'errcode',
      errcode: STOCK_ERR.tooFrequent,
      times: 2,
    });
    await receive(t, product.sku_code, 100, 'PO-4');
    await receive(t, product.sku_code, 100, 'PO-5');
    // 200 − 10 = 190: shop1 114 → ⌊108.3⌋ = 108.
    await until(
      () => wechatStock(t, product),
      (n) => n === 108,
      10_000,
      'WeChat showing 108',
    );
    const calls = t.fake.calls('/channels/ec/product/stock/update');
    expect(calls.filter((c) => c.errcode === STOCK_ERR.tooFrequent)).toHaveLength(2);
  });

  it('does not hold a SKU’s next change back behind a slow update of another SKU', async () => {
    const { t, product: slow } = await hub();
    const quick = t.fakeProducts[1] as FakeProduct;
    for (const p of [slow, quick]) {
      t.fake.setStock(p.product_id, p.sku_id, 0);
      await link(t, p);
    }
    // The first update WeChat gets (the slow SKU's) is answered 6 s late, within the hub's timeout.
    t.fake.inject({ path: '/channels/ec/product/stock/update', kind: 'slow', delayMs: 6000, times: 1 });
    await receive(t, slow.sku_code, 100, 'PO-S1');
    await until(
      () => t.hub.store.tx((x) => x.stockPublish.rows([slow.sku_code], 'shop1')),
      (rows) => rows[0]?.inFlight === true,
      5000,
      'the slow SKU’s update open',
    );
    // Two changes of the other SKU, one after the other, both reach WeChat while that call is open.
    await receive(t, quick.sku_code, 100, 'PO-Q1');
    await until(
      () => wechatStock(t, quick),
      (n) => n === 54,
      5000,
      'WeChat showing 54 for the other SKU',
    );
    await receive(t, quick.sku_code, 100, 'PO-Q2');
    await until(
      () => wechatStock(t, quick),
      (n) => n === 108,
      5000,
      'WeChat showing 108 for the other SKU',
    );
    expect(wechatStock(t, slow)).toBe(0);
    await until(
      () => wechatStock(t, slow),
      (n) => n === 54,
      10_000,
      'WeChat showing 54 for the slow SKU',
    );
  });

  it('never gives back units WeChat took for orders the hub has not pulled yet when a subtraction is refused', async () => {
    const { t, product } = await hub();
    t.fake.setStock(product.product_id, product.sku_id, 0);
    await link(t, product);
    await receive(t, product.sku_code, 100, 'PO-H1');
    // 100 − 5 = 95 sellable: shop1 57 → 54 shown.
    const SHARE = 54;
    await until(
      () => wechatStock(t, product),
      (n) => n === SHARE,
      5000,
      'WeChat showing 54',
    );
    const placedS = await secondAfterLastStockChange(t);
    // Buyers in the shop: WeChat takes their units at once, but its order list does not show the
    // orders to the hub yet (listing held back until the test lets it go).
    const held: string[] = [];
    let sold = 0;
    const buy = (count: number) => {
      const orderId = String(3_705_115_058_471_300_100n + BigInt(held.length));
      t.fake.addChannelsOrder(
        buildChannelsOrder({
          order_id: orderId,
          create_time: placedS,
          update_time: placedS,
          lines: [{ product, count }],
        }),
      );
      t.fake.delayListing(orderId, Date.now() + 3_600_000);
      held.push(orderId);
      sold += count;
    };
    buy(40);
    expect(wechatStock(t, product)).toBe(14);

    // The mini-program sells 40: 60 − 3 = 57 → shop1 34.2 + mini1 22.8 → 34 + 23 → shop1 32. The hub
    // subtracts 54 − 32 = 22 from WeChat's 14: refused (10020054), WeChat's figure is read again.
    const mini = await t.admin('POST', '/v1/orders', {
      id: 'MINI-HELD-0001',
      channel: 'mini_program',
      recipientName: '李四',
      recipientPhone: '13900000000',
      address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路1号' },
      paidAt: Date.now(),
      lines: [{ sku: product.sku_code, qty: 40, priceFen: product.price_fen }],
      payment: { appId: MINI.appid, transactionId: 'tx-held-1', payerOpenid: 'buyer-held-1' },
    });
    expect(mini.status).toBe(200);
    const stockCalls = () => t.fake.calls().filter((c) => c.path.startsWith('/channels/ec/product/stock/'));
    const refused = await until(
      () => stockCalls().findIndex((c) => c.errcode === STOCK_ERR.failed),
      (i) => i >= 0,
      10_000,
      'a refused subtraction',
    );
    // The hub's answer to the refusal: its next accepted update.
    await until(
      () =>
        stockCalls()
          .slice(refused + 1)
          .some((c) => c.path.endsWith('/update') && c.errcode === 0),
      (yes) => yes,
      10_000,
      'the next accepted update',
    );
    // The buyers take whatever the shop shows now.
    const shown = wechatStock(t, product) ?? 0;
    if (shown > 0) buy(shown);
    // The shop never sold more than the hub ever gave it: the 40 WeChat took are not offered again.
    expect(sold).toBeLessThanOrEqual(SHARE);
    // Its share of 32 less the 40 WeChat took: nothing left to show.
    expect(shown).toBe(0);

    // WeChat lists the orders: the hub pulls and reserves them, and the shop shows its share again:
    // 100 − 80 = 20 → 20 − 1 = 19 → shop1 11.4 + mini1 7.6 → 11 + 8 → shop1 ⌊10.45⌋ = 10.
    for (const orderId of held) t.fake.delayListing(orderId, 0);
    await until(
      () => wechatStock(t, product),
      (n) => n === 10,
      10_000,
      'WeChat showing 10',
    );
    expect(Math.min(...t.fake.stockChanges().map((c) => c.after))).toBeGreaterThanOrEqual(0);
  });

  it('learns where a SKU is from a pulled order when no admin said so', async () => {
    const { t, product } = await hub();
    t.fake.setStock(product.product_id, product.sku_id, 0);
    await receive(t, product.sku_code, 100, 'PO-6');
    t.fake.addChannelsOrder(
      buildChannelsOrder({
        order_id: '3705115058471300002',
        create_time: Math.floor(Date.now() / 1000) - 60,
        lines: [{ product, count: 1 }],
      }),
    );
    // The order was placed before WeChat's figure was first read: the read holds its decrement.
    // 99 − 5 = 94 → shop1 56.4 + mini1 37.6 → 56 + 38 → ⌊56 × 0.95⌋ = 53.
    await until(
      () => wechatStock(t, product),
      (n) => n === 53,
      10_000,
      'WeChat showing 53',
    );
    const refs = await t.admin<{ items: unknown[] }>('GET', '/v1/admin/stock/wechat-skus?shopId=shop1');
    expect(refs.body.items).toEqual([
      expect.objectContaining({ sku: product.sku_code, productId: product.product_id, source: 'order' }),
    ]);
  });
});

describe('the board and the endpoints', () => {
  it('shows water levels per channel, filters by channel, and refuses bad input in one line', async () => {
    const { t, product } = await hub();
    t.fake.setStock(product.product_id, product.sku_id, 0);
    await link(t, product);
    await receive(t, product.sku_code, 100, 'PO-7');
    await until(
      () => wechatStock(t, product),
      (n) => n === 54,
      5000,
      'WeChat showing 54',
    );
    const station = await t.addStation('st-board');
    const board = stockBoardResponse.parse((await t.call(station, 'GET', '/v1/stock/board')).body);
    const item = board.items.find((i) => i.sku === product.sku_code);
    expect(item).toMatchObject({ onHand: 100, reserved: 0, available: 100, short: 0, velocityPerDay: 0 });
    expect(item?.daysOfCover).toBeNull();
    expect(item?.channels).toEqual([
      { channel: 'shop1', allocated: 57, published: 54, publishedAt: expect.any(Number) as number },
      { channel: 'mini1', allocated: 38, published: 36, publishedAt: expect.any(Number) as number },
    ]);
    const one = stockBoardResponse.parse((await t.admin('GET', '/v1/stock/board?channel=mini1')).body);
    expect(one.items.find((i) => i.sku === product.sku_code)?.channels.map((c) => c.channel)).toEqual(['mini1']);

    const bad = await t.admin<{ message: string }>('GET', '/v1/stock/board?channel=live9');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('channel: expected one of');
    expect((await t.call(null, 'GET', '/v1/stock/board')).status).toBe(401);
  });

  it('serves published stock to the admin or the channel’s own token only', async () => {
    const { t } = await hub();
    const station = await t.addStation('st-pub');
    expect((await t.call(station, 'GET', '/v1/stock/published?channel=mini1')).status).toBe(401);
    expect((await t.call(MINI_READ_TOKEN, 'GET', '/v1/stock/published?channel=shop1')).status).toBe(401);
    expect((await t.admin('GET', '/v1/stock/published?channel=mini1')).status).toBe(200);
    const missing = await t.admin<{ message: string }>('GET', '/v1/stock/published');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('channel');
  });

  it('refuses a SKU map for a shop the hub does not have, naming the item', async () => {
    const { t, product } = await hub();
    const r = await t.admin<{ message: string }>('PUT', '/v1/admin/stock/wechat-skus', {
      items: [
        { shopId: 'shop1', sku: product.sku_code, productId: product.product_id, skuId: product.sku_id },
        { shopId: 'shop9', sku: product.sku_code, productId: product.product_id, skuId: product.sku_id },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('items[1].shopId');
    const notDigits = await t.admin<{ message: string }>('PUT', '/v1/admin/stock/wechat-skus', {
      items: [{ shopId: 'shop1', sku: product.sku_code, productId: 'P-1', skuId: product.sku_id }],
    });
    expect(notDigits.status).toBe(400);
    expect(notDigits.body.message).toContain('productId');
  });
});

/**
 * WeChat's times are whole seconds: a second after WeChat's last stock change (the hub's read), in
 * which to place an order so that it counts as after that read.
 */
async function secondAfterLastStockChange(h: TestHub): Promise<number> {
  const readS = Math.floor((h.fake.stockChanges().at(-1)?.at ?? 0) / 1000);
  return until(
    () => Math.floor(Date.now() / 1000),
    (s) => s > readS,
    2000,
    'the next second',
  );
}
