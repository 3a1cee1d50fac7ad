// Channels e-waybill (电子面单) steps, wechat-api.md §2.7: precreate → create (取号) → print →
// print done. Taking a number does NOT ship the order; delivery/send with the same delivery_id
// and waybill_id still has to follow (§2.7 notify_print, §7.7).
import type { WechatCaller } from './client.js';
import { MALFORMED_REPLY, WechatError } from './errors.js';

const BASE = '/channels/ec/logistics/ewaybill/biz';

/** Sender or receiver. The receiver is the order's masked data as-is (§2.7 precreate). */
export interface EwaybillContact {
  name: string;
  mobile: string;
  province: string;
  city: string;
  county: string;
  street?: string;
  address: string;
}

export interface EwaybillGoods {
  name: string;
  count: number;
  productId: string;
  skuId: string;
}

/** Either the shop's own orders, or a drop-ship order known only by its ciphertext (§2.2 ewaybill_order_code). */
export type EwaybillSourceOrder =
  | { orderId: string; goods: EwaybillGoods[] }
  | { ewaybillOrderCode: string; ewaybillOrderAppid: string; goods: EwaybillGoods[] };

export interface EwaybillOrderInput {
  deliveryId: string;
  siteCode: string;
  acctId: string;
  shopId?: string;
  sender: EwaybillContact;
  receiver: EwaybillContact;
  orders: EwaybillSourceOrder[];
  remark?: string;
}

export interface EwaybillCreateInput extends EwaybillOrderInput {
  /** e.g. "single"; with it the reply carries print_info. */
  templateId?: string;
  orderType?: number;
}

export interface EwaybillCreated {
  ewaybillOrderId: string;
  waybillId: string;
  printInfo: string | null;
  deliveryErrorMsg: string | null;
  /** create answered 10025019 and the existing waybill was read back instead (§2.7 idempotency). */
  alreadyExisted: boolean;
}

export interface EwaybillOrder {
  ewaybillOrderId: string;
  deliveryId: string;
  waybillId: string;
  /** Enum UNCONFIRMED (§8); passed through for display. */
  status: number | null;
  /** The trace (wechat-api-2.md §1.5 path_info): the tracking worker's backup to ewaybill_push_path. */
  path?: unknown[];
}

export async function precreate(app: WechatCaller, input: EwaybillOrderInput): Promise<string> {
  const reply = await app.call<{ ewaybill_order_id?: unknown }>(`${BASE}/order/precreate`, orderBody(input));
  return requireId(reply.ewaybill_order_id, 'precreate: no ewaybill_order_id');
}

/**
 * Take a waybill number. Retries must reuse the same `ewaybillOrderId` (§7.7); when WeChat says
 * 10025019 "already exists" the waybill is read back with order/get. If that read finds no number
 * (seen in [C16]) the original 10025019 is thrown so the operator sees it.
 */
export async function create(
  app: WechatCaller,
  ewaybillOrderId: string,
  input: EwaybillCreateInput,
): Promise<EwaybillCreated> {
  const body = {
    ...orderBody(input),
    ewaybill_order_id: ewaybillOrderId,
    ...(input.templateId === undefined ? {} : { template_id: input.templateId }),
    ...(input.orderType === undefined ? {} : { order_type: input.orderType }),
  };
  try {
    const r = await app.call<{
      ewaybill_order_id?: unknown;
      waybill_id?: unknown;
      print_info?: unknown;
      delivery_error_msg?: unknown;
    }>(`${BASE}/order/create`, body);
    return {
      ewaybillOrderId:
        typeof r.ewaybill_order_id === 'string' && r.ewaybill_order_id ? r.ewaybill_order_id : ewaybillOrderId,
      waybillId: requireId(
        r.waybill_id,
        `create ${ewaybillOrderId}: no waybill_id (delivery_error_msg: ${typeof r.delivery_error_msg === 'string' ? r.delivery_error_msg : ''})`,
      ),
      printInfo: typeof r.print_info === 'string' ? r.print_info : null,
      deliveryErrorMsg: typeof r.delivery_error_msg === 'string' && r.delivery_error_msg ? r.delivery_error_msg : null,
      alreadyExisted: false,
    };
  } catch (err) {
    if (!(err instanceof WechatError) || err.errcode !== 10025019) throw err;
    const existing = await getEwaybill(app, ewaybillOrderId).catch(() => null);
    if (!existing?.waybillId) throw err;
    return {
      ewaybillOrderId,
      waybillId: existing.waybillId,
      printInfo: null,
      deliveryErrorMsg: null,
      alreadyExisted: true,
    };
  }
}

export interface PrintDoneInput {
  ewaybillOrderId: string;
  deliveryId: string;
  waybillId: string;
  /** A reprint of a label printed before (re_print 1). */
  reprint: boolean;
}

export async function printDone(app: WechatCaller, input: PrintDoneInput): Promise<void> {
  await app.call(`${BASE}/order/print`, {
    ewaybill_order_id: input.ewaybillOrderId,
    delivery_id: input.deliveryId,
    waybill_id: input.waybillId,
    re_print: input.reprint ? 1 : 0,
  });
}

/** Cancels an unused e-waybill (biz/order/cancel, wechat-api.md §2.7): its number is void after. */
export async function cancel(
  app: WechatCaller,
  input: { ewaybillOrderId: string; deliveryId: string; waybillId: string },
): Promise<void> {
  await app.call(`${BASE}/order/cancel`, {
    ewaybill_order_id: input.ewaybillOrderId,
    delivery_id: input.deliveryId,
    waybill_id: input.waybillId,
  });
}

/**
 * The print data for WeChat's print component (wechat-api-2.md §1.5 print/get), for when create
 * answered without print_info [C33]. `templateId` is "single" or a template id — not a template URL,
 * which gives 10025125 and an empty print_info [C31].
 */
export async function printGet(
  app: WechatCaller,
  input: { ewaybillOrderId: string; templateId: string; subWaybillId?: string },
): Promise<string> {
  const r = await app.call<{ print_info?: unknown }>(`${BASE}/print/get`, {
    ewaybill_order_id: input.ewaybillOrderId,
    template_id: input.templateId,
    ...(input.subWaybillId === undefined ? {} : { sub_waybill_id: input.subWaybillId }),
  });
  if (typeof r.print_info === 'string' && r.print_info !== '') return r.print_info;
  throw new WechatError(BASE, MALFORMED_REPLY, `print/get ${input.ewaybillOrderId}: no print_info`);
}

export async function getEwaybill(app: WechatCaller, ewaybillOrderId: string): Promise<EwaybillOrder> {
  const r = await app.call<{
    order_info?: {
      ewaybill_order_id?: unknown;
      delivery_id?: unknown;
      waybill_id?: unknown;
      status?: unknown;
      path_info?: unknown;
    };
  }>(`${BASE}/order/get`, { ewaybill_order_id: ewaybillOrderId });
  const o = r.order_info ?? {};
  return {
    ewaybillOrderId:
      typeof o.ewaybill_order_id === 'string' && o.ewaybill_order_id ? o.ewaybill_order_id : ewaybillOrderId,
    deliveryId: typeof o.delivery_id === 'string' ? o.delivery_id : '',
    waybillId: typeof o.waybill_id === 'string' ? o.waybill_id : '',
    status: typeof o.status === 'number' ? o.status : null,
    ...(Array.isArray(o.path_info) ? { path: o.path_info as unknown[] } : {}),
  };
}

function orderBody(input: EwaybillOrderInput): Record<string, unknown> {
  if (input.orders.length === 0) throw new RangeError('e-waybill: at least one order is required');
  return {
    delivery_id: input.deliveryId,
    site_code: input.siteCode,
    ewaybill_acct_id: input.acctId,
    ...(input.shopId === undefined ? {} : { shop_id: input.shopId }),
    sender: contact(input.sender),
    receiver: contact(input.receiver),
    ec_order_list: input.orders.map((o) => ({
      ...('orderId' in o
        ? { ec_order_id: o.orderId }
        : { ewaybill_order_code: o.ewaybillOrderCode, ewaybill_order_appid: o.ewaybillOrderAppid }),
      goods_list: o.goods.map((g) => ({
        good_name: g.name,
        good_count: g.count,
        product_id: numericId(g.productId),
        sku_id: numericId(g.skuId),
      })),
    })),
    ...(input.remark === undefined ? {} : { remark: input.remark }),
  };
}

function contact(c: EwaybillContact): Record<string, string> {
  return {
    name: c.name,
    mobile: c.mobile,
    province: c.province,
    city: c.city,
    county: c.county,
    street: c.street ?? '',
    address: c.address,
  };
}

/**
 * goods_list product_id/sku_id are JSON numbers in the SDK models [K2], unlike order/get's strings.
 * Channels product ids are 14-digit, well inside 2^53, so they go out as numbers; an id too large
 * for a double is sent as a string rather than rounded (UNCONFIRMED whether WeChat accepts that).
 */
function numericId(id: string): number | string {
  const n = Number(id);
  return /^\d+$/.test(id) && Number.isSafeInteger(n) ? n : id;
}

function requireId(v: unknown, message: string): string {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  throw new WechatError(BASE, MALFORMED_REPLY, message);
}
