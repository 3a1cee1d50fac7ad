// Channels shipping: the carrier list (wechat-api.md §2.5) and /channels/ec/order/delivery/send
// (§2.4). A send is validated completely before anything is recorded, so a rejected call leaves the
// order untouched; an accepted one appends its packages to delivery_product_info and moves the
// status 20 → 21 (partial) → 30 (everything shipped).
import { type Body, WxError, formatError, isObject, reqString } from './wire.js';
import type { ChannelsOrders } from './orders.js';
import type { FakeChannelsOrder, FakePackage, FakeProductInfo, FakeShippedProduct } from './types.js';

export interface Carrier {
  delivery_id: string;
  delivery_name: string;
  /** Supports the platform e-waybill (§2.5 `ewaybill_only`). */
  ewaybill: boolean;
}

/** Codes from the §2.5 sample list; JD's code is "JD". */
export const CARRIERS: readonly Carrier[] = [
  { delivery_id: 'SF', delivery_name: '顺丰速运', ewaybill: true },
  { delivery_id: 'ZTO', delivery_name: '中通快递', ewaybill: true },
  { delivery_id: 'YTO', delivery_name: '圆通速递', ewaybill: true },
  { delivery_id: 'YUNDA', delivery_name: '韵达快递', ewaybill: true },
  { delivery_id: 'JTSD', delivery_name: '极兔速递', ewaybill: true },
  { delivery_id: 'STO', delivery_name: '申通快递', ewaybill: true },
  { delivery_id: 'JD', delivery_name: '京东物流', ewaybill: true },
  { delivery_id: 'EMS', delivery_name: '中国邮政速递物流', ewaybill: true },
  { delivery_id: 'CNSD', delivery_name: '菜鸟速递', ewaybill: false },
  { delivery_id: 'DBKD', delivery_name: '德邦快递', ewaybill: false },
  { delivery_id: 'ZJS', delivery_name: '宅急送', ewaybill: false },
];

/** "OTHER" is accepted by delivery/send for non-mainstream carriers [K1][S11] though no list shows it. */
const OTHER: Carrier = { delivery_id: 'OTHER', delivery_name: '其他', ewaybill: false };

export function carrier(id: string): Carrier | undefined {
  return id === OTHER.delivery_id ? OTHER : CARRIERS.find((c) => c.delivery_id === id);
}

/** Both the new list (§2.5, `ewaybill_only` honoured) and the legacy one share this answer shape. */
export function companyList(body: Body): Record<string, unknown> {
  const only = body['ewaybill_only'];
  if (only !== undefined && typeof only !== 'boolean') throw formatError('ewaybill_only must be a boolean');
  return {
    company_list: CARRIERS.filter((c) => !only || c.ewaybill).map(({ delivery_id, delivery_name }) => ({
      delivery_id,
      delivery_name,
    })),
  };
}

/** §2.3: unpaid and the three cancelled states cannot ship. */
const NOT_SHIPPABLE = new Set([10, 190, 200, 250]);
/** Shipped / completed: a repeat send is 109001 (C1). */
const FULLY_SHIPPED = new Set([30, 100]);
/** Waybill numbers are checked for shape only; §2.5 does not say how the real check works. */
const WAYBILL = /^[A-Za-z0-9-]{1,64}$/;

const lineKey = (productId: string, skuId: string) => `${productId}\u0000${skuId}`;

function shippedUnits(order: FakeChannelsOrder, line: FakeProductInfo): number {
  let n = 0;
  for (const pkg of order.order_detail.delivery_info.delivery_product_info) {
    for (const p of pkg.product_infos)
      if (p.product_id === line.product_id && p.sku_id === line.sku_id) n += p.product_cnt;
  }
  return n;
}

/** Units of a line that can still leave the warehouse: finished after-sales are refunded (§2.4 notes). */
function shippable(line: FakeProductInfo): number {
  return line.sku_cnt - line.finish_aftersale_sku_cnt;
}

export function deliverySend(orders: ChannelsOrders, nowS: number, body: Body): Record<string, unknown> {
  const orderId = reqString(body, 'order_id');
  const list = body['delivery_list'];
  if (!Array.isArray(list) || list.length === 0) throw formatError('delivery_list must be a non-empty array');
  const order = orders.find(orderId);
  if (!order) throw new WxError(100002, 'order not found');
  if (FULLY_SHIPPED.has(order.status))
    throw new WxError(109001, 'order already fully shipped, repeat shipping is not allowed');
  if (NOT_SHIPPABLE.has(order.status))
    throw new WxError(101100, `order status ${order.status} does not allow shipping`);
  if (order.aftersale_detail.on_aftersale_order_cnt > 0)
    throw new WxError(108009, 'order has an unfinished after-sale');

  const lines = new Map(order.order_detail.product_infos.map((l) => [lineKey(l.product_id, l.sku_id), l]));
  const inThisCall = new Set<string>();
  const packages: FakePackage[] = list.map((entry, i): FakePackage => {
    if (!isObject(entry)) throw formatError(`delivery_list[${i}] must be an object`);
    const c = typeof entry['delivery_id'] === 'string' ? carrier(entry['delivery_id']) : undefined;
    if (!c) throw new WxError(606004, `delivery_list[${i}].delivery_id is not a known carrier code`);
    const waybill = entry['waybill_id'];
    if (typeof waybill !== 'string' || !WAYBILL.test(waybill))
      throw new WxError(606005, `delivery_list[${i}].waybill_id is invalid`);
    const type = entry['deliver_type'];
    if (typeof type !== 'number') throw formatError(`delivery_list[${i}].deliver_type must be a number`);
    // 1 = self-arranged courier for physical orders; 3 only for virtual ones (deliver_method 1) [K1][C12].
    const wanted = order.order_detail.delivery_info.deliver_method === 1 ? 3 : 1;
    if (type !== wanted) throw new WxError(606008, `deliver_type ${type} does not match the order's deliver_method`);
    const infos = entry['product_infos'];
    if (!Array.isArray(infos) || infos.length === 0)
      throw new WxError(109002, 'no products in the request (product_infos)');
    const products = infos.map((p, j) =>
      shippedProduct(order, lines, inThisCall, p, `delivery_list[${i}].product_infos[${j}]`),
    );
    return {
      waybill_id: waybill,
      delivery_id: c.delivery_id,
      delivery_name: c.delivery_name,
      delivery_time: nowS,
      deliver_type: type,
      product_infos: products,
    };
  });

  const info = order.order_detail.delivery_info;
  info.delivery_product_info.push(...packages);
  const done = order.order_detail.product_infos.every((l) => shippedUnits(order, l) >= shippable(l));
  order.status = done ? 30 : 21;
  if (done) info.ship_done_time = nowS;
  orders.touch(order);
  return {};
}

function shippedProduct(
  order: FakeChannelsOrder,
  lines: Map<string, FakeProductInfo>,
  inThisCall: Set<string>,
  raw: unknown,
  where: string,
): FakeShippedProduct {
  if (!isObject(raw)) throw formatError(`${where} must be an object`);
  const { product_id: productId, sku_id: skuId, product_cnt: cnt } = raw;
  if (typeof productId !== 'string' || typeof skuId !== 'string')
    throw formatError(`${where}: product_id and sku_id must be strings`);
  if (typeof cnt !== 'number' || !Number.isInteger(cnt) || cnt < 1)
    throw formatError(`${where}.product_cnt must be a positive integer`);
  const key = lineKey(productId, skuId);
  const line = lines.get(key);
  if (!line) throw new WxError(606031, `${where}: product_id/sku_id ${productId}/${skuId} is not in this order`);
  // All units of one SKU go in one package [Go-SDK]: twice in one call, or fewer units than remain,
  // would split it.
  if (inThisCall.has(key)) throw new WxError(606030, `${where}: all units of sku ${skuId} must be in one package`);
  inThisCall.add(key);
  const left = shippable(line);
  if (left <= 0) throw new WxError(109000, `shipping failed: sku ${skuId} has been refunded`);
  if (shippedUnits(order, line) > 0)
    throw new WxError(109000, `shipping failed: sku ${skuId} has already been shipped`);
  if (cnt > left)
    throw new WxError(
      109000,
      `shipping failed: product_cnt ${cnt} for sku ${skuId} exceeds the ${left} unit(s) to ship`,
    );
  if (cnt < left) throw new WxError(606030, `${where}: all ${left} units of sku ${skuId} must be in one package`);
  return { product_id: productId, sku_id: skuId, product_cnt: cnt };
}
