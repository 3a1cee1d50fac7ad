// WeChat Channels shop (微信小店) calls the hub makes: order list/detail, shipping, carriers, and
// the e-waybill steps (delegated to ewaybill.ts). Paths and fields: wechat-api.md §2.
import { addSubOrder, type AddSubOrderInput, type SubOrderAdded } from './suborder.js';
import { shanghaiDay } from './china-time.js';
import type { WechatCaller } from './client.js';
import * as ewaybill from './ewaybill.js';
import { wechatOrderSchema, type WechatOrder } from './order-schema.js';
import * as stock from './stock.js';

export type { WechatOrder } from './order-schema.js';
export type { EwaybillCreated, EwaybillOrder, EwaybillOrderInput } from './ewaybill.js';

/** list/get rejects ranges longer than 7 days (§2.1). */
export const MAX_WINDOW_S = 7 * 86_400;
/** list/get page_size maximum (§2.1). */
export const MAX_PAGE_SIZE = 100;

export interface TimeWindow {
  /** Unix seconds, inclusive. */
  start: number;
  end: number;
}

export interface ListOptions {
  status?: number;
  pageSize?: number;
  /** Which range to filter on; the pull loop uses update_time (§7.2). Default 'update'. */
  by?: 'update' | 'create';
}

export interface DeliveryPackage {
  /** Carrier code from deliverycompanylist/new/get (§2.5), e.g. "SF". */
  deliveryId: string;
  waybillId: string;
  /** The units in THIS package (§2.4). */
  products: { productId: string; skuId: string; count: number }[];
}

export interface Carrier {
  id: string;
  name: string;
}

/** The carrier list, refreshed once per China calendar day (§2.5: "cache the list (daily)"). */
export class CarrierCache {
  private cached: { day: string; list: Carrier[] } | null = null;
  private inflight: Promise<Carrier[]> | null = null;

  constructor(private readonly opts: { now: () => number }) {}

  async get(load: () => Promise<Carrier[]>): Promise<Carrier[]> {
    const day = shanghaiDay(this.opts.now());
    if (this.cached?.day === day) return this.cached.list;
    this.inflight ??= load()
      .then((list) => {
        this.cached = { day, list };
        return list;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}

interface ListReply {
  order_id_list?: unknown[];
  next_key?: string;
  has_more?: boolean;
}

export class ChannelsApi {
  private readonly app: WechatCaller;
  private readonly carrierCache: CarrierCache;

  /** `now`: the hub's clock (the carrier list is cached for a while). */
  constructor(opts: { app: WechatCaller; now: () => number; carrierCache?: CarrierCache }) {
    this.app = opts.app;
    this.carrierCache = opts.carrierCache ?? new CarrierCache({ now: opts.now });
  }

  /**
   * All order ids in the window, in the order WeChat returns them, duplicates removed.
   * Every parameter except next_key is built once and sent byte-for-byte identical on each page;
   * any change makes WeChat answer 606006 (§2.1). The first page sends next_key "" — the official
   * page marks it required, the sibling page says "empty on first call" (§2.1); "" satisfies both.
   */
  async listOrderIds(window: TimeWindow, opts: ListOptions = {}): Promise<string[]> {
    checkWindow(window);
    const pageSize = opts.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new RangeError(`list/get page_size must be 1..${MAX_PAGE_SIZE}, got ${pageSize}`);
    }
    const frozen: Record<string, unknown> = {
      [opts.by === 'create' ? 'create_time_range' : 'update_time_range']: {
        start_time: window.start,
        end_time: window.end,
      },
      ...(opts.status === undefined ? {} : { status: opts.status }),
      page_size: pageSize,
    };
    const ids = new Set<string>();
    let nextKey = '';
    for (;;) {
      const reply = await this.app.call<ListReply>('/channels/ec/order/list/get', { ...frozen, next_key: nextKey });
      for (const id of reply.order_id_list ?? []) ids.add(asId(id));
      if (reply.has_more !== true) break;
      // A cursor that does not move would page forever; fail loudly instead.
      if (!reply.next_key || reply.next_key === nextKey)
        throw new Error(`list/get said has_more without a new next_key (${JSON.stringify(reply.next_key)})`);
      nextKey = reply.next_key;
    }
    return [...ids];
  }

  async getOrder(id: string): Promise<WechatOrder> {
    const reply = await this.app.call<{ order?: unknown }>('/channels/ec/order/get', { order_id: id });
    const parsed = wechatOrderSchema.safeParse(reply.order);
    if (!parsed.success) throw new Error(`order/get ${id}: unexpected order shape: ${parsed.error.message}`);
    return parsed.data;
  }

  /**
   * Ship packages of one order in one call: one delivery_list entry per package, deliver_type 1
   * (self-arranged courier; 3 is only for virtual orders, §2.4). There is no idempotency key:
   * callers verify with getOrder before re-sending (report.ts, §7.4).
   */
  async sendDelivery(orderId: string, packages: DeliveryPackage[]): Promise<void> {
    if (packages.length === 0) throw new RangeError(`delivery/send ${orderId}: no packages`);
    // Checked here because WeChat's answers (109002, 606030) say less about which package is wrong.
    const skuPackage = new Map<string, string>();
    for (const p of packages) {
      if (p.products.length === 0)
        throw new RangeError(`delivery/send ${orderId}: package ${p.waybillId} has no products (109002)`);
      for (const x of p.products) {
        const other = skuPackage.get(x.skuId);
        if (other !== undefined && other !== p.waybillId) {
          throw new RangeError(
            `delivery/send ${orderId}: SKU ${x.skuId} is split across packages ${other} and ${p.waybillId}; all units of a SKU go in one package (606030)`,
          );
        }
        skuPackage.set(x.skuId, p.waybillId);
      }
    }
    await this.app.call('/channels/ec/order/delivery/send', {
      order_id: orderId,
      delivery_list: packages.map((p) => ({
        delivery_id: p.deliveryId,
        waybill_id: p.waybillId,
        deliver_type: 1,
        product_infos: p.products.map((x) => ({ product_id: x.productId, sku_id: x.skuId, product_cnt: x.count })),
      })),
    });
  }

  /** The current carrier catalog (deliverycompanylist/new/get, §2.5), cached per China day. */
  carriers(): Promise<Carrier[]> {
    return this.carrierCache.get(async () => {
      const reply = await this.app.call<{ company_list?: { delivery_id?: unknown; delivery_name?: unknown }[] }>(
        '/channels/ec/order/deliverycompanylist/new/get',
        { ewaybill_only: false },
      );
      return (reply.company_list ?? []).map((c) => ({
        id: textOf(c.delivery_id),
        name: textOf(c.delivery_name),
      }));
    });
  }

  precreate(input: ewaybill.EwaybillOrderInput): Promise<string> {
    return ewaybill.precreate(this.app, input);
  }

  create(ewaybillOrderId: string, input: ewaybill.EwaybillCreateInput): Promise<ewaybill.EwaybillCreated> {
    return ewaybill.create(this.app, ewaybillOrderId, input);
  }

  printDone(input: ewaybill.PrintDoneInput): Promise<void> {
    return ewaybill.printDone(this.app, input);
  }

  cancelEwaybill(input: { ewaybillOrderId: string; deliveryId: string; waybillId: string }): Promise<void> {
    return ewaybill.cancel(this.app, input);
  }

  getEwaybill(ewaybillOrderId: string): Promise<ewaybill.EwaybillOrder> {
    return ewaybill.getEwaybill(this.app, ewaybillOrderId);
  }

  /** print_info for the print component (print/get), when create gave none; one 子母单 label with subWaybillId. */
  printInfo(input: { ewaybillOrderId: string; templateId: string; subWaybillId?: string }): Promise<string> {
    return ewaybill.printGet(this.app, input);
  }

  /** 子母单 children for an e-waybill order (suborder.ts). */
  addSubOrder(input: AddSubOrderInput): Promise<SubOrderAdded> {
    return addSubOrder(this.app, input);
  }

  /** Normal stock of every SKU of these products (stock.ts, wechat-api-2.md §4). */
  stocks(productIds: readonly string[]): Promise<Map<string, number>> {
    return stock.batchGetStock(this.app, productIds);
  }

  /** Moves one SKU's normal stock: 1 add, 2 subtract, 3 set (stock.ts). */
  updateStock(ref: stock.SkuRef, diffType: stock.StockDiffType, num: number): Promise<void> {
    return stock.updateStock(this.app, ref, diffType, num);
  }
}

function checkWindow(w: TimeWindow): void {
  if (!Number.isInteger(w.start) || !Number.isInteger(w.end) || w.start > w.end) {
    throw new RangeError(`list/get window must be whole seconds with start ≤ end, got ${w.start}..${w.end}`);
  }
  if (w.end - w.start > MAX_WINDOW_S) {
    throw new RangeError(
      `list/get window is ${w.end - w.start} s; WeChat allows at most 7 days (${MAX_WINDOW_S} s, §2.1)`,
    );
  }
}

/** A text field of a reply: strings and numbers as text, anything else as ''. */
function textOf(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

function asId(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  throw new Error(`list/get returned an order id that is not exact: ${String(v)}`);
}
