// Channels product stock (库存), wechat-api-2.md §4 [S25]: read one SKU, read up to 50 products,
// move one SKU's figure. Only normal stock (`normal_stock_num`): update has no stock_type, and the
// hub publishes nothing else. Replies are parsed tolerantly like orders (missing numbers → 0) but
// strictly about ids, which must come back as exact strings.
import { z } from 'zod';
import type { WechatCaller } from './client.js';
import { MALFORMED_REPLY, WechatError } from './errors.js';
import { wechatId } from './order-schema.js';

const BASE = '/channels/ec/product/stock';
export const STOCK_GET_PATH = `${BASE}/get`;
export const STOCK_BATCHGET_PATH = `${BASE}/batchget`;
export const STOCK_UPDATE_PATH = `${BASE}/update`;

/** batchget takes at most this many product ids (§4). */
export const STOCK_BATCHGET_MAX = 50;
/** One SKU updated again too soon: retry that SKU later (§4). */
export const STOCK_TOO_FREQUENT = 10020112;
/** Update failed: status forbids it, quantity 0, or not enough stock to subtract (§4, SDK [K3]). */
export const STOCK_UPDATE_FAILED = 10020054;

/** diff_type: 1 add, 2 subtract, 3 set. The docs advise 1/2 ("3 may misbehave under concurrency"). */
export type StockDiffType = 1 | 2 | 3;

export interface SkuRef {
  productId: string;
  skuId: string;
}

const count = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? 0);

const getReply = z.object({ data: z.object({ normal_stock_num: count, total_stock_num: count }) });

const batchReply = z.object({
  spu_stock_list: z
    .array(
      z.object({
        product_id: wechatId,
        sku_stock: z
          .array(z.object({ sku_id: wechatId, normal_stock_num: count }))
          .nullish()
          .transform((v) => v ?? []),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
});

function parse<T>(path: string, schema: z.ZodType<T>, reply: unknown): T {
  const r = schema.safeParse(reply);
  if (!r.success) throw new WechatError(path, MALFORMED_REPLY, `unexpected reply: ${r.error.message}`);
  return r.data;
}

/** The SKU's normal stock as WeChat holds it now. */
export async function getStock(app: WechatCaller, ref: SkuRef): Promise<number> {
  const reply = await app.call(STOCK_GET_PATH, { product_id: ref.productId, sku_id: ref.skuId });
  return parse(STOCK_GET_PATH, getReply, reply).data.normal_stock_num;
}

/**
 * Normal stock of every SKU of these products, keyed `productId/skuId`; ≤ 50 products per call,
 * so longer lists go in several calls. A product WeChat leaves out is simply absent.
 */
export async function batchGetStock(app: WechatCaller, productIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(productIds)];
  for (let i = 0; i < unique.length; i += STOCK_BATCHGET_MAX) {
    const ids = unique.slice(i, i + STOCK_BATCHGET_MAX);
    const reply = parse(STOCK_BATCHGET_PATH, batchReply, await app.call(STOCK_BATCHGET_PATH, { product_id: ids }));
    for (const spu of reply.spu_stock_list)
      for (const sku of spu.sku_stock)
        out.set(skuKey({ productId: spu.product_id, skuId: sku.sku_id }), sku.normal_stock_num);
  }
  return out;
}

/** Moves one SKU's normal stock; takes effect at once (§4). `num` ≥ 1 for add/subtract. */
export async function updateStock(app: WechatCaller, ref: SkuRef, diffType: StockDiffType, num: number): Promise<void> {
  if (!Number.isInteger(num) || num < 0 || (num === 0 && diffType !== 3))
    throw new RangeError(`stock/update ${ref.productId}/${ref.skuId}: num must be a whole number ≥ 1, got ${num}`);
  await app.call(STOCK_UPDATE_PATH, { product_id: ref.productId, sku_id: ref.skuId, diff_type: diffType, num });
}

export function skuKey(ref: SkuRef): string {
  return `${ref.productId}/${ref.skuId}`;
}
