// E-waybill 子母单 — `…/biz/order/addsuborder` (wechat-api-2.md §5.2 [S21]): child waybills for the
// extra parcels of one e-waybill order. Unlike every other e-waybill call, `ewaybill_order_id` is
// a JSON *number* here (a string gives 47001 [C20]); it is a uint64, so the body is written as text
// with the digits spliced in — a JS number would round it above 2^53.
import type { WechatCaller } from './client.js';
import { MALFORMED_REPLY, WechatError } from './errors.js';
import { RawJson } from './http.js';
import { ADD_PACKAGE_MAX, ADD_PACKAGE_MIN } from '../../contract/multi-parcel.js';

export const ADDSUBORDER_PATH = '/channels/ec/logistics/ewaybill/biz/order/addsuborder';
/** Appending too soon after create (concurrency conflict): try again later [S21][C19]. */
export const SUBORDER_CONFLICT = 10025024;

export interface AddSubOrderInput {
  /** uint64 as decimal digits. */
  ewaybillOrderId: string;
  waybillId: string;
  deliveryId: string;
  /** add_package_quantity, 1–300. */
  quantity: number;
  acctId: string;
  shopId?: string;
  templateId?: string;
}

export interface SubOrderAdded {
  /** waybill_id_list: the new children only; JD answers every label (renumbered base-seq-total) [C21]. */
  waybillIds: string[];
  deliveryErrorMsg: string | null;
}

/** The request body as text: every field JSON-encoded, the id spliced in as a bare number. */
export function addSubOrderBody(input: AddSubOrderInput): RawJson {
  if (!/^\d{1,20}$/.test(input.ewaybillOrderId) || BigInt(input.ewaybillOrderId) > 18_446_744_073_709_551_615n)
    throw new RangeError(`addsuborder: ewaybill_order_id ${input.ewaybillOrderId} is not a uint64`);
  if (!Number.isInteger(input.quantity) || input.quantity < ADD_PACKAGE_MIN || input.quantity > ADD_PACKAGE_MAX)
    throw new RangeError(
      `addsuborder: add_package_quantity must be ${ADD_PACKAGE_MIN}–${ADD_PACKAGE_MAX}, got ${input.quantity}`,
    );
  const rest = JSON.stringify({
    waybill_id: input.waybillId,
    delivery_id: input.deliveryId,
    add_package_quantity: input.quantity,
    ewaybill_acct_id: input.acctId,
    ...(input.shopId === undefined ? {} : { shop_id: input.shopId }),
    ...(input.templateId === undefined ? {} : { template_id: input.templateId }),
  });
  return new RawJson(`{"ewaybill_order_id":${BigInt(input.ewaybillOrderId).toString()},${rest.slice(1)}`);
}

export async function addSubOrder(app: WechatCaller, input: AddSubOrderInput): Promise<SubOrderAdded> {
  const r = await app.call<{ waybill_id_list?: unknown; delivery_error_msg?: unknown }>(
    ADDSUBORDER_PATH,
    addSubOrderBody(input),
  );
  const list = r.waybill_id_list;
  if (!Array.isArray(list) || !list.every((w): w is string => typeof w === 'string' && w !== ''))
    throw new WechatError(ADDSUBORDER_PATH, MALFORMED_REPLY, 'addsuborder: no waybill_id_list');
  // print_info may repeat labels [C22]: keep each number once, in the order given.
  return {
    waybillIds: [...new Set(list)],
    deliveryErrorMsg: typeof r.delivery_error_msg === 'string' && r.delivery_error_msg ? r.delivery_error_msg : null,
  };
}
