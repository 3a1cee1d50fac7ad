// Mini-program combined payments: `POST /wxa/sec/order/upload_combined_shipping_info` (wechat-api.md
// §3.2, wechat-api-2.md §5.3). One call for every sub-order of the payment, each with its own
// order_key, delivery_mode, is_all_delivered and shipping_list ("one payment can update shipping
// info only once"); upload_time and payer are the call's.
import { rfc3339Shanghai } from './china-time.js';
import type { WechatCaller } from './client.js';
import { buildUploadShippingBody, type ShippingOrderKey, type ShippingParcel } from './miniprogram.js';

export const COMBINED_SHIPPING_PATH = '/wxa/sec/order/upload_combined_shipping_info';

export interface CombinedSubOrder {
  orderKey: ShippingOrderKey;
  parcels: ShippingParcel[];
  isFinal: boolean;
}

export interface CombinedShippingInput {
  /** The combined payment's key (combine mchid + combine_out_trade_no). */
  combinedKey: { mchid: string; outTradeNo: string };
  payerOpenid: string;
  subOrders: CombinedSubOrder[];
  uploadTime: Date;
}

/** The exact body; each sub-order is built (and checked) like its own upload_shipping_info. */
export function buildCombinedShippingBody(input: CombinedShippingInput): Record<string, unknown> {
  if (input.subOrders.length === 0) throw new RangeError('upload_combined_shipping_info: no sub_orders');
  return {
    order_key: { order_number_type: 1, mchid: input.combinedKey.mchid, out_trade_no: input.combinedKey.outTradeNo },
    sub_orders: input.subOrders.map((s) => {
      const {
        upload_time: _time,
        payer: _payer,
        ...sub
      } = buildUploadShippingBody({
        orderKey: s.orderKey,
        payerOpenid: input.payerOpenid,
        parcels: s.parcels,
        isFinal: s.isFinal,
        uploadTime: input.uploadTime,
      });
      return sub;
    }),
    upload_time: rfc3339Shanghai(input.uploadTime),
    payer: { openid: input.payerOpenid },
  };
}

export async function uploadCombinedShipping(app: WechatCaller, input: CombinedShippingInput): Promise<void> {
  await app.call(COMBINED_SHIPPING_PATH, buildCombinedShippingBody(input));
}
