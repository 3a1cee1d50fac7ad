// The parts of a Channels order (POST /channels/ec/order/get, wechat-api.md §2.2) the hub uses.
// Parsing is tolerant — missing or null fields become ''/0/[] — because field presence varies
// between shops and doc versions (§2.2 notes out_sku_id coming back missing [C10]); it is strict
// only about ids: they must end up as exact strings.
import { z } from 'zod';

/** An id: a string, or a number small enough to be exact (bigger ones were quoted by http.ts). */
export const wechatId = z
  .union([z.string(), z.number().int().refine(Number.isSafeInteger, 'id above 2^53 arrived as a JSON number')])
  .transform(String);

const str = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const int = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? 0);
const optInt = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? null);
/** A nested block that may be missing or null: parsed as {} so its own defaults apply. */
function block<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => v ?? {}, schema);
}
/** Flags come as bool in some SDKs and 0/1 in others (§2.2 address_under_review, use_tel_number). */
const flag = z
  .union([z.boolean(), z.number()])
  .nullish()
  .transform((v) => v === true || (typeof v === 'number' && v !== 0));

const productInfo = z.object({
  product_id: wechatId,
  sku_id: wechatId,
  sku_cnt: int,
  title: str,
  sku_code: str,
  /** Unit price in fen. */
  sale_price: int,
  real_price: int,
  on_aftersale_sku_cnt: int,
  finish_aftersale_sku_cnt: int,
  sku_attrs: z
    .array(z.object({ attr_key: str, attr_value: str }))
    .nullish()
    .transform((v) => v ?? []),
});

const deliveredProduct = z.object({ product_id: wechatId, sku_id: wechatId, product_cnt: int });

/** A package already shipped (delivery_product_info[]). */
const deliveredPackage = z.object({
  waybill_id: str,
  delivery_id: str,
  delivery_name: str,
  delivery_time: int,
  deliver_type: int,
  product_infos: z
    .array(deliveredProduct)
    .nullish()
    .transform((v) => v ?? []),
});

const addressInfo = z.object({
  user_name: str,
  postal_code: str,
  province_name: str,
  city_name: str,
  county_name: str,
  detail_info: str,
  national_code: str,
  house_number: str,
  tel_number: str,
});

const deliveryInfo = z.object({
  address_info: block(addressInfo),
  use_tel_number: flag,
  tel_number_ext_info: z
    .object({ real_tel_number: str, virtual_tel_number: str, virtual_tel_expire_time: int })
    .nullish()
    .transform((v) => v ?? null),
  deliver_method: int,
  delivery_product_info: z
    .array(deliveredPackage)
    .nullish()
    .transform((v) => v ?? []),
  ship_done_time: int,
  address_under_review: flag,
  ewaybill_order_code: str,
});

const orderDetail = z.object({
  product_infos: z
    .array(productInfo)
    .nullish()
    .transform((v) => v ?? []),
  pay_info: block(z.object({ pay_time: optInt, transaction_id: str })),
  price_info: block(z.object({ product_price: optInt, order_price: optInt, freight: int })),
  ext_info: block(z.object({ customer_notes: str, merchant_notes: str })),
  delivery_info: block(deliveryInfo),
});

export const wechatOrderSchema = z.object({
  order_id: wechatId,
  status: z.number().int(),
  create_time: int,
  update_time: int,
  openid: str,
  /** Gift orders (wechat-api.md §2.2 [S6]): the giver's note travels in present_note. */
  is_present: flag,
  present_note: str,
  order_detail: block(orderDetail),
  aftersale_detail: block(
    z.object({
      on_aftersale_order_cnt: int,
      aftersale_order_list: z
        .array(z.object({ aftersale_order_id: wechatId, status: optInt }))
        .nullish()
        .transform((v) => v ?? []),
    }),
  ),
});

export type WechatOrder = z.output<typeof wechatOrderSchema>;
export type WechatProductInfo = z.output<typeof productInfo>;
export type WechatDeliveredPackage = z.output<typeof deliveredPackage>;

/** §2.3 status enum. */
export const ORDER_STATUS = {
  unpaid: 10,
  paid: 20,
  partlyShipped: 21,
  shipped: 30,
  completed: 100,
  cancelledOversell: 190,
  cancelledAftersale: 200,
  cancelled: 250,
} as const;

export const CANCELLED_STATUSES: ReadonlySet<number> = new Set([190, 200, 250]);
export const SHIPPED_STATUSES: ReadonlySet<number> = new Set([30, 100]);
