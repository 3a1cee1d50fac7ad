// The stock client (wechat-api-2.md §4): batchget in calls of ≤ 50 products, replies parsed with
// exact ids, update bodies as the docs give them.
import { describe, expect, it } from 'vitest';
import type { WechatCaller } from '../../../../src/cloud/wechat/client.js';
import { MALFORMED_REPLY, WechatError } from '../../../../src/cloud/wechat/errors.js';
import { batchGetStock, getStock, updateStock } from '../../../../src/cloud/wechat/stock.js';

function caller(reply: (path: string, body: Record<string, unknown>) => unknown) {
  const calls: { path: string; body: Record<string, unknown> }[] = [];
  const app: WechatCaller = {
    call: <T>(path: string, body: unknown) => {
      calls.push({ path, body: body as Record<string, unknown> });
      return Promise.resolve(reply(path, body as Record<string, unknown>) as T);
    },
  };
  return { app, calls };
}

describe('stock client', () => {
  it('reads up to 50 products a call and keys figures by product/SKU', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => String(10_000 + i));
    const { app, calls } = caller((_path, body) => ({
      errcode: 0,
      spu_stock_list: (body['product_id'] as string[]).map((id) => ({
        product_id: id,
        sku_stock: [{ sku_id: `9${id}`, normal_stock_num: Number(id) % 7, warehouse_stocks: [] }],
      })),
    }));
    const figures = await batchGetStock(app, [...ids, ids[0]!]);
    expect(calls.map((c) => (c.body['product_id'] as string[]).length)).toEqual([50, 50, 20]);
    expect(figures.size).toBe(120);
    expect(figures.get('10003/910003')).toBe(10_003 % 7);
  });

  it('keeps 19-digit ids exact and treats a missing count as 0', async () => {
    const { app } = caller(() => ({
      spu_stock_list: [{ product_id: '3705115058471208928', sku_stock: [{ sku_id: '3705115058471208929' }] }],
    }));
    expect([...(await batchGetStock(app, ['3705115058471208928']))]).toEqual([
      ['3705115058471208928/3705115058471208929', 0],
    ]);
  });

  it('a reply without the figures is a malformed reply, not a zero', async () => {
    const { app } = caller(() => ({ errcode: 0 }));
    const err = await getStock(app, { productId: '1', skuId: '2' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatError);
    expect((err as WechatError).errcode).toBe(MALFORMED_REPLY);
    const ok = caller(() => ({ data: { normal_stock_num: 12, total_stock_num: 12 } }));
    expect(await getStock(ok.app, { productId: '1', skuId: '2' })).toBe(12);
  });

  it('sends updates as product_id, sku_id, diff_type, num and refuses a move of 0', async () => {
    const { app, calls } = caller(() => ({ errcode: 0 }));
    await updateStock(app, { productId: '1', skuId: '2' }, 2, 5);
    expect(calls).toEqual([
      { path: '/channels/ec/product/stock/update', body: { product_id: '1', sku_id: '2', diff_type: 2, num: 5 } },
    ]);
    await expect(updateStock(app, { productId: '1', skuId: '2' }, 1, 0)).rejects.toThrow(RangeError);
  });
});
