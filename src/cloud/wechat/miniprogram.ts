// Mini-program shipping-info management (发货信息管理服务), wechat-api.md §3. A WeChat Pay payment
// in a self-operated mini program stays frozen until shipping is uploaded here (§3).
import { z } from 'zod';
import { rfc3339Shanghai } from './china-time.js';
import type { WechatCaller } from './client.js';

export type ShippingOrderKey =
  { kind: 'transaction'; transactionId: string } | { kind: 'merchant'; mchid: string; outTradeNo: string };

export interface ShippingParcel {
  /** Mini-program carrier code (§3.3 — a different catalog from the Channels one). */
  expressCompany: string;
  trackingNo: string;
  /** e.g. "T-shirt ×2"; trimmed and cut to 120 characters. */
  itemDesc: string;
  /** The receiver's phone as the order holds it; required for SF (§3.1). */
  receiverPhoneMasked?: string;
}

export interface UploadShippingInput {
  orderKey: ShippingOrderKey;
  payerOpenid: string;
  parcels: ShippingParcel[];
  /** The last upload for this payment: UNIFIED when it is also the only parcel, else is_all_delivered. */
  isFinal: boolean;
  /** Must be later than any earlier upload for the payment (§7.6). */
  uploadTime: Date;
  /**
   * Force SPLIT mode even for one final parcel. Used when completing a shipment that started in
   * SPLIT mode: changing delivery_mode counts as the payment's single re-ship (§3.1).
   */
  split?: boolean;
}

const MAX_PARCELS = 15;
const MAX_ITEM_DESC = 120;

/** The exact upload_shipping_info body (§3.1). Pure; throws on input WeChat would reject. */
export function buildUploadShippingBody(input: UploadShippingInput): Record<string, unknown> {
  const { parcels, isFinal } = input;
  if (parcels.length < 1 || parcels.length > MAX_PARCELS) {
    throw new RangeError(`upload_shipping_info takes 1..${MAX_PARCELS} parcels, got ${parcels.length} (10060024)`);
  }
  const unified = parcels.length === 1 && isFinal && input.split !== true;
  return {
    order_key: orderKeyBody(input.orderKey),
    // 1 = express: the station only ships physical parcels by courier.
    logistics_type: 1,
    delivery_mode: unified ? 1 : 2,
    ...(unified ? {} : { is_all_delivered: isFinal }),
    shipping_list: parcels.map(parcelBody),
    upload_time: rfc3339Shanghai(input.uploadTime),
    payer: { openid: input.payerOpenid },
  };
}

export async function uploadShipping(app: WechatCaller, input: UploadShippingInput): Promise<void> {
  await app.call('/wxa/sec/order/upload_shipping_info', buildUploadShippingBody(input));
}

function orderKeyBody(key: ShippingOrderKey): Record<string, unknown> {
  return key.kind === 'transaction'
    ? { order_number_type: 2, transaction_id: key.transactionId }
    : { order_number_type: 1, mchid: key.mchid, out_trade_no: key.outTradeNo };
}

function parcelBody(p: ShippingParcel): Record<string, unknown> {
  if (!p.trackingNo.trim()) throw new RangeError('tracking_no is required for express parcels (268485226)');
  if (!p.expressCompany.trim())
    throw new RangeError(`express_company is required for parcel ${p.trackingNo} (268485227)`);
  return {
    tracking_no: p.trackingNo.trim(),
    express_company: p.expressCompany,
    item_desc: itemDesc(p.itemDesc),
    ...(p.expressCompany === 'SF'
      ? { contact: { receiver_contact: sfContact(p.receiverPhoneMasked, p.trackingNo) } }
      : {}),
  };
}

/** Trimmed, at most 120 characters counted as code points, so a cut never splits an emoji. */
export function itemDesc(text: string): string {
  const chars = Array.from(text.trim().replace(/\s+/g, ' '));
  if (chars.length === 0) throw new RangeError('item_desc must not be empty (10060008)');
  return chars.length <= MAX_ITEM_DESC ? chars.join('') : `${chars.slice(0, MAX_ITEM_DESC - 1).join('')}…`;
}

/**
 * SF needs a contact phone, masked, with the last 4 digits visible, e.g. 189****1234 (§3.1).
 * A full mobile (or other all-digit number) is masked here; an already masked number is kept as given. A number
 * with an extension (a virtual number, "132****1234-5678") is refused: its last 4 digits are the
 * extension, not the phone.
 */
export function sfContact(phone: string | undefined, trackingNo: string): string {
  const p = (phone ?? '').replace(/[\s()]/g, '');
  if (/^(?:\+?86)?1\d{10}$/.test(p)) {
    const local = p.slice(-11);
    return `${local.slice(0, 3)}****${local.slice(-4)}`;
  }
  if (/^\d{7,}$/.test(p)) return `${'*'.repeat(p.length - 4)}${p.slice(-4)}`;
  if (/\d{4}$/.test(p) && !/-\d+$/.test(p) && /[*＊]/.test(p)) return p;
  throw new RangeError(
    `SF parcel ${trackingNo}: receiver_contact needs the phone with its last 4 digits visible (§3.1); the order's phone ${JSON.stringify(phone ?? '')} has no 4 trailing digits`,
  );
}

const shippingOrderSchema = z.object({
  transaction_id: z.string().nullish(),
  merchant_trade_no: z.string().nullish(),
  openid: z.string().nullish(),
  /** 1 awaiting shipment, 2 shipped, 3 receipt confirmed, 4 completed, 5 refunded, 6 settlement pending. */
  order_state: z.number().int().nullish(),
  shipping: z
    .object({
      delivery_mode: z.number().int().nullish(),
      logistics_type: z.number().int().nullish(),
      finish_shipping: z.boolean().nullish(),
      /** 0/1/2 — 2 means the one re-ship was used (§3.2). */
      finish_shipping_count: z.number().int().nullish(),
      shipping_list: z
        .array(z.object({ tracking_no: z.string().nullish(), express_company: z.string().nullish() }))
        .nullish(),
    })
    .nullish(),
});

export interface ShippingOrder {
  transactionId: string | null;
  orderState: number | null;
  deliveryMode: number | null;
  finishShipping: boolean;
  finishShippingCount: number;
  /** Tracking numbers already uploaded for the payment. */
  trackingNos: string[];
}

/**
 * get_order (§3.2). Its key fields are named differently from upload's: transaction_id, or
 * merchant_id + merchant_trade_no ([C-code] reports 47001 with mchid/out_trade_no).
 */
export async function getShippingOrder(app: WechatCaller, key: ShippingOrderKey): Promise<ShippingOrder> {
  const body =
    key.kind === 'transaction'
      ? { transaction_id: key.transactionId }
      : { merchant_id: key.mchid, merchant_trade_no: key.outTradeNo };
  const reply = await app.call<{ order?: unknown }>('/wxa/sec/order/get_order', body);
  const parsed = shippingOrderSchema.safeParse(reply.order ?? {});
  if (!parsed.success) throw new Error(`get_order: unexpected order shape: ${parsed.error.message}`);
  const o = parsed.data;
  return {
    transactionId: o.transaction_id ?? null,
    orderState: o.order_state ?? null,
    deliveryMode: o.shipping?.delivery_mode ?? null,
    finishShipping: o.shipping?.finish_shipping === true,
    finishShippingCount: o.shipping?.finish_shipping_count ?? 0,
    trackingNos: (o.shipping?.shipping_list ?? []).map((s) => s.tracking_no ?? '').filter(Boolean),
  };
}
