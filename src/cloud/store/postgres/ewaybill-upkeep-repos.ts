// E-waybill upkeep: unused e-waybills to cancel at WeChat (workers/ewaybill-cancel.ts), filed once
// their order is final, and 子母单 labels whose print_info is fetched again (workers/suborders.ts).
// Same behaviour as ../sqlite/ewaybill-upkeep-repos.ts.
import type { EwaybillCancelRow, HubTx, SubPrintRetryRow } from '../types.js';
import type { PgSql } from './sql.js';

interface Row {
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

const CANCEL_COLUMNS =
  'order_id, shop_id, ewaybill_order_id, carrier, waybill, reason, state, attempts, next_at, error, at';

/** A row of one to cancel (not a 'kept' one). */
const map = (r: Row & Pick<EwaybillCancelRow, 'reason' | 'state'>): EwaybillCancelRow => ({
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

// A parcel "used" the e-waybill when it carries its number (a 子母单's parent parcel does). Taken in
// the e-waybills' own order (rowid), as SQLite's scan does when the limit cuts the list.
const FILE_FINISHED = `
  INSERT INTO ewaybill_cancels (order_id, shop_id, ewaybill_order_id, carrier, waybill, reason, state, next_at, at)
  SELECT e.order_id, e.shop_id, e.ewaybill_order_id, e.carrier, e.waybill,
    CASE WHEN o.status = 'cancelled' THEN 'order_cancelled'
         WHEN EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = e.order_id AND s.waybill = e.waybill) THEN 'used'
         ELSE 'not_used' END,
    CASE WHEN o.status = 'shipped'
          AND EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = e.order_id AND s.waybill = e.waybill)
         THEN 'kept' ELSE 'due' END,
    $2::bigint, $2::bigint
  FROM ewaybills e JOIN orders o ON o.id = e.order_id
  WHERE e.shop_id = $1 AND e.waybill IS NOT NULL AND e.ewaybill_order_id IS NOT NULL
    AND o.status IN ('cancelled', 'shipped')
    AND NOT EXISTS (SELECT 1 FROM ewaybill_cancels c WHERE c.order_id = e.order_id)
  ORDER BY e.rowid
  LIMIT $3`;

export function ewaybillCancelsRepo(sql: PgSql): HubTx['ewaybillCancels'] {
  return {
    fileFinished: (shopId, now, limit) => sql.run(FILE_FINISHED, [shopId, now, limit]),
    due: async (shopId, now, limit) =>
      (
        await sql.rows<Row & Pick<EwaybillCancelRow, 'reason' | 'state'>>(
          `SELECT ${CANCEL_COLUMNS} FROM ewaybill_cancels WHERE shop_id = $1 AND state = 'due' AND next_at <= $2
           ORDER BY next_at, rowid LIMIT $3`,
          [shopId, now, limit],
        )
      ).map(map),
    async update(orderId, p) {
      await sql.run(
        'UPDATE ewaybill_cancels SET state = $1, attempts = $2, next_at = $3, error = $4 WHERE order_id = $5',
        [p.state, p.attempts, p.nextAt, p.error, orderId],
      );
    },
    async forOrder(orderId) {
      const r = await sql.row<Row>(`SELECT ${CANCEL_COLUMNS} FROM ewaybill_cancels WHERE order_id = $1`, [orderId]);
      if (!r || r.state === 'kept' || r.reason === 'used') return undefined;
      return map({ ...r, reason: r.reason, state: r.state });
    },
  };
}

interface RetryRow {
  order_id: string;
  waybill: string;
  shop_id: string;
  state: SubPrintRetryRow['state'];
  attempts: number;
  next_at: number;
  error: string | null;
}

export function subPrintRetriesRepo(sql: PgSql): HubTx['subPrintRetries'] {
  return {
    async add(r) {
      await sql.run(
        `INSERT INTO sub_print_retries (order_id, waybill, shop_id, state, next_at, error) VALUES ($1, $2, $3, 'due', $4, $5)
         ON CONFLICT DO NOTHING`,
        [r.orderId, r.waybill, r.shopId, r.nextAt, r.error],
      );
    },
    due: async (shopId, now, limit) =>
      (
        await sql.rows<RetryRow>(
          `SELECT order_id, waybill, shop_id, state, attempts, next_at, error FROM sub_print_retries
           WHERE shop_id = $1 AND state = 'due' AND next_at <= $2 ORDER BY next_at, rowid LIMIT $3`,
          [shopId, now, limit],
        )
      ).map((r) => ({
        orderId: r.order_id,
        waybill: r.waybill,
        shopId: r.shop_id,
        state: r.state,
        attempts: r.attempts,
        nextAt: r.next_at,
        error: r.error,
      })),
    async update(orderId, waybill, p) {
      await sql.run(
        'UPDATE sub_print_retries SET state = $1, attempts = $2, next_at = $3, error = $4 WHERE order_id = $5 AND waybill = $6',
        [p.state, p.attempts, p.nextAt, p.error, orderId, waybill],
      );
    },
  };
}
