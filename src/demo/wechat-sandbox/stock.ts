// Channels product stock (库存), wechat-api-2.md §4: /channels/ec/product/stock/get, …/batchget and
// …/update, and the platform's own moves. Like the real shop it takes units off when a buyer places
// an order (the spec's inference, UNCONFIRMED — `decrementsAt` lets a test choose another point)
// and gives them back only when an unpaid order is cancelled. Every change is recorded with the
// fake clock, so a test sees when a value arrived and that it never went below zero.
import { type Body, WxError } from './wire.js';
import type { FakeChannelsOrder, FakeStockChange, FakeWechatOptions } from './types.js';

/** §4 update errors. */
export const STOCK_ERR = {
  badParams: 10020051,
  notFound: 10020052,
  /** Status forbids it, quantity 0, or not enough stock to subtract (SDK [K3]). */
  failed: 10020054,
  /** The same SKU updated again too soon (retry later). */
  tooFrequent: 10020112,
} as const;

/** §4 SKU identity: stock_num ≤ 10,000,000. */
const MAX_STOCK = 10_000_000;
/** batchget takes at most 50 product ids (§4). */
export const BATCHGET_MAX = 50;

export type StockOptions = NonNullable<FakeWechatOptions['stock']>;

interface SkuStock {
  productId: string;
  skuId: string;
  num: number;
  lastUpdateAt: number | null;
}

const key = (productId: string, skuId: string) => `${productId}/${skuId}`;
const PAID_STATUSES = new Set([20, 21, 30, 100]);
const CANCELLED = new Set([190, 200, 250]);

export class ChannelsStock {
  private readonly skus = new Map<string, SkuStock>();
  private readonly changes: FakeStockChange[] = [];
  /** Orders the platform took stock for, and what it took (so a cancel gives back exactly that). */
  private readonly taken = new Map<string, { productId: string; skuId: string; num: number }[]>();
  private readonly minIntervalMs: number;
  private readonly decrementsAt: NonNullable<StockOptions['decrementsAt']>;

  constructor(
    private readonly now: () => number,
    opts: StockOptions = {},
  ) {
    this.minIntervalMs = opts.minIntervalMs ?? 100;
    this.decrementsAt = opts.decrementsAt ?? 'order';
  }

  /** The merchant set the figure in the shop backend (not rate-limited, recorded as 'seed'). */
  set(productId: string, skuId: string, num: number): void {
    if (!Number.isInteger(num) || num < 0 || num > MAX_STOCK) throw new RangeError(`stock must be 0..${MAX_STOCK}`);
    const s = this.skus.get(key(productId, skuId)) ?? { productId, skuId, num: 0, lastUpdateAt: null };
    this.skus.set(key(productId, skuId), s);
    this.move(s, num - s.num, 'seed', null);
  }

  find(productId: string, skuId: string): number | undefined {
    return this.skus.get(key(productId, skuId))?.num;
  }

  history(): FakeStockChange[] {
    return this.changes.map((c) => ({ ...c }));
  }

  // --- the platform's own moves

  /** An order was added (placed) or changed; `before` is its status before the change, null when new. */
  orderChanged(order: FakeChannelsOrder, before: number | null): void {
    if (this.decrementsAt === 'never') return;
    const placedNow = before === null;
    const paidNow = PAID_STATUSES.has(order.status) && (before === null || before === 10);
    const takes = this.decrementsAt === 'order' ? placedNow && !CANCELLED.has(order.status) : paidNow;
    if (takes && !this.taken.has(order.order_id)) {
      const took: { productId: string; skuId: string; num: number }[] = [];
      for (const p of order.order_detail.product_infos) {
        const s = this.skus.get(key(p.product_id, p.sku_id));
        if (!s) continue;
        // A test may add an order the shop would have refused for want of stock: it stops at 0.
        const num = Math.min(s.num, p.sku_cnt);
        this.move(s, -num, 'order', order.order_id);
        took.push({ productId: s.productId, skuId: s.skuId, num });
      }
      this.taken.set(order.order_id, took);
    }
    // §4: stock rolls back only when an order is cancelled before payment.
    const unpaidCancel = before === 10 && CANCELLED.has(order.status);
    const took = this.taken.get(order.order_id);
    if (unpaidCancel && took) {
      for (const t of took) {
        const s = this.skus.get(key(t.productId, t.skuId));
        if (s) this.move(s, t.num, 'cancel', order.order_id);
      }
      this.taken.set(order.order_id, []);
    }
  }

  // --- the API

  get(body: Body): Record<string, unknown> {
    const s = this.require(idOf(body, 'product_id'), idOf(body, 'sku_id'));
    return {
      data: {
        normal_stock_num: s.num,
        limited_discount_stock_num: 0,
        warehouse_stocks: [],
        total_stock_num: s.num,
      },
    };
  }

  /** Products the shop does not have are left out of the answer (the real one's behaviour is not documented). */
  batchGet(body: Body): Record<string, unknown> {
    const ids = body['product_id'];
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > BATCHGET_MAX)
      throw new WxError(STOCK_ERR.badParams, `invalid args: product_id must be a list of 1..${BATCHGET_MAX} ids`);
    const wanted = new Set(ids.map((id) => asId(id, 'product_id')));
    const bySpu = new Map<string, SkuStock[]>();
    for (const s of this.skus.values()) {
      if (!wanted.has(s.productId)) continue;
      bySpu.set(s.productId, [...(bySpu.get(s.productId) ?? []), s]);
    }
    return {
      spu_stock_list: [...bySpu].map(([productId, skus]) => ({
        product_id: productId,
        sku_stock: skus.map((s) => ({
          sku_id: s.skuId,
          normal_stock_num: s.num,
          warehouse_stocks: [],
          finder_total_num: 0,
          total_stock_num: s.num,
        })),
      })),
    };
  }

  update(body: Body): Record<string, unknown> {
    const s = this.require(idOf(body, 'product_id'), idOf(body, 'sku_id'));
    const diffType = body['diff_type'];
    const num = body['num'];
    if (diffType !== 1 && diffType !== 2 && diffType !== 3)
      throw new WxError(STOCK_ERR.badParams, 'invalid args: diff_type must be 1, 2 or 3');
    if (typeof num !== 'number' || !Number.isInteger(num) || num < 0 || num > MAX_STOCK)
      throw new WxError(STOCK_ERR.badParams, `invalid args: num must be an integer 0..${MAX_STOCK}`);
    const at = this.now();
    if (s.lastUpdateAt !== null && at - s.lastUpdateAt < this.minIntervalMs)
      throw new WxError(STOCK_ERR.tooFrequent, 'sku stock updated too frequently, retry later');
    if (num === 0 && diffType !== 3) throw new WxError(STOCK_ERR.failed, 'update stock failed: num is 0');
    const after = diffType === 1 ? s.num + num : diffType === 2 ? s.num - num : num;
    if (after < 0) throw new WxError(STOCK_ERR.failed, 'update stock failed: stock not enough');
    if (after > MAX_STOCK) throw new WxError(STOCK_ERR.badParams, `invalid args: stock above ${MAX_STOCK}`);
    s.lastUpdateAt = at;
    this.move(s, after - s.num, 'update', null);
    return {};
  }

  private require(productId: string, skuId: string): SkuStock {
    const s = this.skus.get(key(productId, skuId));
    if (!s) throw new WxError(STOCK_ERR.notFound, `product not found: ${productId} sku ${skuId}`);
    return s;
  }

  private move(s: SkuStock, delta: number, cause: FakeStockChange['cause'], orderId: string | null): void {
    const before = s.num;
    s.num += delta;
    this.changes.push({
      productId: s.productId,
      skuId: s.skuId,
      before,
      after: s.num,
      cause,
      orderId,
      at: this.now(),
    });
  }
}

function idOf(body: Body, field: string): string {
  return asId(body[field], field);
}

/** uint64 ids travel as strings (§4); a safe-integer number is taken too, as WeChat does. */
function asId(v: unknown, field: string): string {
  if (typeof v === 'string' && /^\d{1,20}$/.test(v)) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  throw new WxError(STOCK_ERR.badParams, `invalid args: ${field} must be a uint64 id`);
}
