// Mini-program combined payments (合单支付): `upload_combined_shipping_info` (wechat-api.md §3.2,
// wechat-api-2.md §5.3) ships every sub-order of one payment in one call: `order_key` names the
// combined payment, `sub_orders[]` each carry their own order_key, logistics_type, delivery_mode,
// is_all_delivered and shipping_list. Each sub-order is checked and recorded like its own
// upload_shipping_info (same rules, same error codes); all are checked before any is recorded.
import { type Body, formatError, isObject } from './wire.js';
import type { MiniProgram } from './miniprogram.js';

export const COMBINED_PATH = '/wxa/sec/order/upload_combined_shipping_info';

export function combinedUpload(mini: MiniProgram, body: Body): Record<string, unknown> {
  const key = body['order_key'];
  if (!isObject(key)) throw formatError('order_key (the combined payment) must be an object');
  const subs = body['sub_orders'];
  if (!Array.isArray(subs) || subs.length === 0) throw formatError('sub_orders must be a non-empty array');
  const uploads = subs.map((sub, i): Body => {
    if (!isObject(sub)) throw formatError(`sub_orders[${i}] must be an object`);
    return {
      order_key: sub['order_key'],
      logistics_type: sub['logistics_type'],
      delivery_mode: sub['delivery_mode'],
      is_all_delivered: sub['is_all_delivered'],
      shipping_list: sub['shipping_list'],
      upload_time: body['upload_time'],
      payer: body['payer'],
    };
  });
  // "One payment can update shipping info only once": a bad sub-order must not leave the others shipped.
  for (const u of uploads) mini.check(u);
  for (const u of uploads) mini.upload(u);
  return {};
}
