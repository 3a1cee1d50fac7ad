// Product stock in the fake, wechat-api-2.md §4: get, batchget (≤ 50), update (diff_type 1/2/3,
// 10020112 per SKU, 10020054 below zero), and the platform's own decrement at order placement.
import { describe, expect, it } from 'vitest';
import { buildChannelsOrder, STOCK_ERR } from '../../../../src/demo/wechat-sandbox/index.js';
import { PRODUCTS, T0S, start } from './helpers.js';

const [CUP_W, CUP_B, TEA] = [PRODUCTS[0]!, PRODUCTS[1]!, PRODUCTS[2]!];
const GET = '/channels/ec/product/stock/get';
const BATCH = '/channels/ec/product/stock/batchget';
const UPDATE = '/channels/ec/product/stock/update';

async function shop(opts: Parameters<typeof start>[0] = {}) {
  const s = await start(opts);
  s.fake.setStock(CUP_W.product_id, CUP_W.sku_id, 10);
  s.fake.setStock(CUP_B.product_id, CUP_B.sku_id, 4);
  s.fake.setStock(TEA.product_id, TEA.sku_id, 0);
  const t = await s.token();
  const update = async (p: typeof CUP_W, diff_type: number, num: number) =>
    (await s.post(UPDATE, { product_id: p.product_id, sku_id: p.sku_id, diff_type, num }, t)).json['errcode'];
  return { ...s, t, update };
}

describe('stock/get and stock/batchget', () => {
  it('reads one SKU, and every SKU of up to 50 products', async () => {
    const { post, t } = await shop();
    const one = await post(GET, { product_id: CUP_W.product_id, sku_id: CUP_W.sku_id }, t);
    expect(one.json).toMatchObject({ errcode: 0, data: { normal_stock_num: 10, total_stock_num: 10 } });
    const many = await post(BATCH, { product_id: [CUP_W.product_id, TEA.product_id, '99999'] }, t);
    expect(many.json['spu_stock_list']).toEqual([
      {
        product_id: CUP_W.product_id,
        sku_stock: [
          expect.objectContaining({ sku_id: CUP_W.sku_id, normal_stock_num: 10 }),
          expect.objectContaining({ sku_id: CUP_B.sku_id, normal_stock_num: 4 }),
        ],
      },
      { product_id: TEA.product_id, sku_stock: [expect.objectContaining({ sku_id: TEA.sku_id, normal_stock_num: 0 })] },
    ]);
  });

  it('refuses 51 products, an unknown SKU and a malformed id', async () => {
    const { post, t } = await shop();
    const ids = Array.from({ length: 51 }, (_, i) => String(1000 + i));
    expect((await post(BATCH, { product_id: ids }, t)).json['errcode']).toBe(STOCK_ERR.badParams);
    expect((await post(GET, { product_id: CUP_W.product_id, sku_id: '1' }, t)).json['errcode']).toBe(
      STOCK_ERR.notFound,
    );
    expect((await post(GET, { product_id: 'abc', sku_id: CUP_W.sku_id }, t)).json['errcode']).toBe(STOCK_ERR.badParams);
  });
});

describe('stock/update', () => {
  it('adds, subtracts and sets, each recorded with the time it took effect', async () => {
    const { fake, clock, update } = await shop();
    expect(await update(CUP_W, 1, 5)).toBe(0);
    clock.t += 1000;
    expect(await update(CUP_W, 2, 3)).toBe(0);
    clock.t += 1000;
    expect(await update(CUP_W, 3, 7)).toBe(0);
    expect(fake.stockOf(CUP_W.product_id, CUP_W.sku_id)).toBe(7);
    const updates = fake.stockChanges().filter((c) => c.cause === 'update');
    expect(updates.map((c) => [c.before, c.after, c.at - updates[0]!.at])).toEqual([
      [10, 15, 0],
      [15, 12, 1000],
      [12, 7, 2000],
    ]);
  });

  it('answers 10020054 when subtracting below zero or moving by 0, and changes nothing', async () => {
    const { fake, update } = await shop();
    expect(await update(CUP_B, 2, 5)).toBe(STOCK_ERR.failed);
    expect(await update(CUP_B, 1, 0)).toBe(STOCK_ERR.failed);
    expect(await update(CUP_B, 4, 1)).toBe(STOCK_ERR.badParams);
    expect(fake.stockOf(CUP_B.product_id, CUP_B.sku_id)).toBe(4);
  });

  it('answers 10020112 when one SKU is updated again within the per-SKU interval; other SKUs go through', async () => {
    const { clock, update } = await shop({ stock: { minIntervalMs: 500 } });
    expect(await update(CUP_W, 1, 1)).toBe(0);
    clock.t += 499;
    expect(await update(CUP_W, 1, 1)).toBe(STOCK_ERR.tooFrequent);
    expect(await update(CUP_B, 1, 1)).toBe(0);
    clock.t += 1;
    expect(await update(CUP_W, 1, 1)).toBe(0);
  });
});

describe('the platform’s own stock moves', () => {
  const order = (id: string, count: number, status = 20) =>
    buildChannelsOrder({ order_id: id, create_time: T0S, lines: [{ product: CUP_W, count }], status });

  it('takes units off at order placement, once, and stops at 0', async () => {
    const { fake } = await shop();
    fake.addChannelsOrder(order('3705115058471200001', 3));
    fake.addChannelsOrder(order('3705115058471200001', 3));
    expect(fake.stockOf(CUP_W.product_id, CUP_W.sku_id)).toBe(7);
    fake.addChannelsOrder(order('3705115058471200002', 9));
    expect(fake.stockOf(CUP_W.product_id, CUP_W.sku_id)).toBe(0);
    expect(
      fake
        .stockChanges()
        .filter((c) => c.cause === 'order')
        .map((c) => c.after),
    ).toEqual([7, 0]);
  });

  it('gives them back only when an unpaid order is cancelled', async () => {
    const { fake } = await shop();
    fake.addChannelsOrder(order('3705115058471200003', 2, 10));
    fake.addChannelsOrder(order('3705115058471200004', 1, 20));
    expect(fake.stockOf(CUP_W.product_id, CUP_W.sku_id)).toBe(7);
    fake.setOrderStatus('3705115058471200003', 250);
    fake.setOrderStatus('3705115058471200004', 250);
    expect(fake.stockOf(CUP_W.product_id, CUP_W.sku_id)).toBe(9);
  });

  it('takes them at payment or never when told to', async () => {
    const paid = await shop({ stock: { decrementsAt: 'payment' } });
    paid.fake.addChannelsOrder(order('3705115058471200005', 2, 10));
    expect(paid.fake.stockOf(CUP_W.product_id, CUP_W.sku_id)).toBe(10);
    paid.fake.setOrderStatus('3705115058471200005', 20);
    expect(paid.fake.stockOf(CUP_W.product_id, CUP_W.sku_id)).toBe(8);
    const never = await shop({ stock: { decrementsAt: 'never' } });
    never.fake.addChannelsOrder(order('3705115058471200006', 2));
    expect(never.fake.stockOf(CUP_W.product_id, CUP_W.sku_id)).toBe(10);
  });
});
