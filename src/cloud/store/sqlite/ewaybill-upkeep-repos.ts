// E-waybill upkeep: unused e-waybills to cancel at WeChat (workers/ewaybill-cancel.ts), filed once
// their order is final, and 子母单 labels whose print_info is fetched again (workers/suborders.ts).
import type { Db } from '../../../base/node/sqlite/open.js';
import type { EwaybillCancelRow, HubTx, SubPrintRetryRow } from '../types.js';

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
          .all(shopId, now, limit) as (Row & Pick<EwaybillCancelRow, 'reason' | 'state'>)[]
      ).map(map),
    update: (orderId, p) =>
      void db
        .prepare('UPDATE ewaybill_cancels SET state = ?, attempts = ?, next_at = ?, error = ? WHERE order_id = ?')
        .run(p.state, p.attempts, p.nextAt, p.error, orderId),
    forOrder: (orderId) => {
      const r = db.prepare('SELECT * FROM ewaybill_cancels WHERE order_id = ?').get(orderId) as Row | undefined;
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
          .all(shopId, now, limit) as RetryRow[]
      ).map((r) => ({
        orderId: r.order_id,
        waybill: r.waybill,
        shopId: r.shop_id,
        state: r.state,
        attempts: r.attempts,
        nextAt: r.next_at,
        error: r.error,
      })),
    update: (orderId, waybill, p) =>
      void db
        .prepare(
          'UPDATE sub_print_retries SET state = ?, attempts = ?, next_at = ?, error = ? WHERE order_id = ? AND waybill = ?',
        )
        .run(p.state, p.attempts, p.nextAt, p.error, orderId, waybill),
  };
}
