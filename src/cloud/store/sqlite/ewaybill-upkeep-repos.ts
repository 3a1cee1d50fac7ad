// E-waybill upkeep: unused e-waybills to cancel at WeChat (workers/ewaybill-cancel.ts), filed once
// their order is final, and 子母单 labels whose print_info is fetched again (workers/suborders.ts).
import type { Db } from '../../../base/node/sqlite/open.js';
import * as rows from '../rows/ewaybill-upkeep.js';
import type { HubTx } from '../types.js';

export function ewaybillCancelsRepo(db: Db): HubTx['ewaybillCancels'] {
  // A parcel "used" the e-waybill when it carries its number (a 子母单's parent parcel does).
  const file = db.prepare(`
    INSERT INTO ewaybill_cancels (order_id, shop_id, ewaybill_order_id, carrier, waybill, reason, state, next_at, at)
    SELECT e.order_id, e.shop_id, e.ewaybill_order_id, e.carrier, e.waybill,
      CASE WHEN o.status = 'cancelled' THEN 'order_cancelled'
           WHEN EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = e.order_id AND s.waybill = e.waybill) THEN 'used'
           ELSE 'not_used' END,
      CASE WHEN o.status = 'shipped'
            AND EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = e.order_id AND s.waybill = e.waybill)
           THEN 'kept' ELSE 'due' END,
      @now, @now
    FROM ewaybills e JOIN orders o ON o.id = e.order_id
    WHERE e.shop_id = @shopId AND e.waybill IS NOT NULL AND e.ewaybill_order_id IS NOT NULL
      AND o.status IN ('cancelled', 'shipped')
      AND NOT EXISTS (SELECT 1 FROM ewaybill_cancels c WHERE c.order_id = e.order_id)
    LIMIT @limit`);
  return {
    fileFinished: (shopId, now, limit) => file.run({ shopId, now, limit }).changes,
    due: (shopId, now, limit) =>
      (
        db
          .prepare(
            "SELECT * FROM ewaybill_cancels WHERE shop_id = ? AND state = 'due' AND next_at <= ? ORDER BY next_at LIMIT ?",
          )
          .all(shopId, now, limit) as rows.DueCancelDbRow[]
      ).map(rows.toCancel),
    update: (orderId, p) =>
      void db
        .prepare('UPDATE ewaybill_cancels SET state = ?, attempts = ?, next_at = ?, error = ? WHERE order_id = ?')
        .run(p.state, p.attempts, p.nextAt, p.error, orderId),
    forOrder: (orderId) => {
      const r = db.prepare('SELECT * FROM ewaybill_cancels WHERE order_id = ?').get(orderId) as
        rows.CancelDbRow | undefined;
      return rows.toFiledCancel(r);
    },
  };
}

export function subPrintRetriesRepo(db: Db): HubTx['subPrintRetries'] {
  return {
    add: (r) =>
      void db
        .prepare(
          `INSERT INTO sub_print_retries (order_id, waybill, shop_id, state, next_at, error) VALUES (?, ?, ?, 'due', ?, ?)
           ON CONFLICT DO NOTHING`,
        )
        .run(r.orderId, r.waybill, r.shopId, r.nextAt, r.error),
    due: (shopId, now, limit) =>
      (
        db
          .prepare(
            "SELECT * FROM sub_print_retries WHERE shop_id = ? AND state = 'due' AND next_at <= ? ORDER BY next_at LIMIT ?",
          )
          .all(shopId, now, limit) as rows.RetryDbRow[]
      ).map(rows.toRetry),
    update: (orderId, waybill, p) =>
      void db
        .prepare(
          'UPDATE sub_print_retries SET state = ?, attempts = ?, next_at = ?, error = ? WHERE order_id = ? AND waybill = ?',
        )
        .run(p.state, p.attempts, p.nextAt, p.error, orderId, waybill),
  };
}
