// E-waybill upkeep: unused e-waybills to cancel at WeChat (workers/ewaybill-cancel.ts), filed once
// their order is final, and 子母单 labels whose print_info is fetched again (workers/suborders.ts).
// Same behaviour as ../sqlite/ewaybill-upkeep-repos.ts.
import * as rows from '../rows/ewaybill-upkeep.js';
import type { HubTx } from '../types.js';
import type { PgSql } from './sql.js';

const CANCEL_COLUMNS =
  'order_id, shop_id, ewaybill_order_id, carrier, waybill, reason, state, attempts, next_at, error, at';

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
        await sql.rows<rows.DueCancelDbRow>(
          `SELECT ${CANCEL_COLUMNS} FROM ewaybill_cancels WHERE shop_id = $1 AND state = 'due' AND next_at <= $2
           ORDER BY next_at, rowid LIMIT $3`,
          [shopId, now, limit],
        )
      ).map(rows.toCancel),
    async update(orderId, p) {
      await sql.run(
        'UPDATE ewaybill_cancels SET state = $1, attempts = $2, next_at = $3, error = $4 WHERE order_id = $5',
        [p.state, p.attempts, p.nextAt, p.error, orderId],
      );
    },
    async forOrder(orderId) {
      const r = await sql.row<rows.CancelDbRow>(`SELECT ${CANCEL_COLUMNS} FROM ewaybill_cancels WHERE order_id = $1`, [
        orderId,
      ]);
      return rows.toFiledCancel(r);
    },
  };
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
        await sql.rows<rows.RetryDbRow>(
          `SELECT order_id, waybill, shop_id, state, attempts, next_at, error FROM sub_print_retries
           WHERE shop_id = $1 AND state = 'due' AND next_at <= $2 ORDER BY next_at, rowid LIMIT $3`,
          [shopId, now, limit],
        )
      ).map(rows.toRetry),
    async update(orderId, waybill, p) {
      await sql.run(
        'UPDATE sub_print_retries SET state = $1, attempts = $2, next_at = $3, error = $4 WHERE order_id = $5 AND waybill = $6',
        [p.state, p.attempts, p.nextAt, p.error, orderId, waybill],
      );
    },
  };
}
