// E-waybill upkeep rows (ewaybill_cancels, sub_print_retries) as both stores hold them and their
// mapping to the domain. No SQL here: each dialect's ewaybill-upkeep-repos.ts has its own.
import type { EwaybillCancelRow, SubPrintRetryRow } from '../types.js';

export interface CancelDbRow {
  order_id: string;
  shop_id: string;
  ewaybill_order_id: string;
  carrier: string;
  waybill: string;
  reason: EwaybillCancelRow['reason'] | 'used';
  state: EwaybillCancelRow['state'] | 'kept';
  attempts: number;
  next_at: number;
  error: string | null;
  at: number;
}

/** A row of one to cancel (not a 'kept' one). */
export type DueCancelDbRow = CancelDbRow & Pick<EwaybillCancelRow, 'reason' | 'state'>;

export const toCancel = (r: DueCancelDbRow): EwaybillCancelRow => ({
  orderId: r.order_id,
  shopId: r.shop_id,
  ewaybillOrderId: r.ewaybill_order_id,
  carrier: r.carrier,
  waybill: r.waybill,
  reason: r.reason,
  state: r.state,
  attempts: r.attempts,
  nextAt: r.next_at,
  error: r.error,
  at: r.at,
});

/** An order's filed row as forOrder gives it: nothing when the e-waybill was used and kept. */
export function toFiledCancel(r: CancelDbRow | undefined): EwaybillCancelRow | undefined {
  if (!r || r.state === 'kept' || r.reason === 'used') return undefined;
  return toCancel({ ...r, reason: r.reason, state: r.state });
}

export interface RetryDbRow {
  order_id: string;
  waybill: string;
  shop_id: string;
  state: SubPrintRetryRow['state'];
  attempts: number;
  next_at: number;
  error: string | null;
}

export const toRetry = (r: RetryDbRow): SubPrintRetryRow => ({
  orderId: r.order_id,
  waybill: r.waybill,
  shopId: r.shop_id,
  state: r.state,
  attempts: r.attempts,
  nextAt: r.next_at,
  error: r.error,
});
