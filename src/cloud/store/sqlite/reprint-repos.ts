// Reprints of Channels e-waybills printed through WeChat's print component, waiting to be told to
// WeChat (order/print with re_print 1, wechat-api-2.md §1.5). One row per reprinted label: a station
// re-sending its event adds nothing.
import type { Db } from '../../../base/node/sqlite/open.js';
import * as rows from '../rows/reprint.js';
import type { HubTx } from '../types.js';

export function ewaybillReprintsRepo(db: Db): HubTx['ewaybillReprints'] {
  return {
    add: (r) =>
      void db
        .prepare(
          `INSERT OR IGNORE INTO ewaybill_reprints (label_id, order_id, waybill, station_id, state, attempts, next_at, error, at)
           VALUES (?, ?, ?, ?, 'pending', 0, 0, NULL, ?)`,
        )
        .run(r.labelId, r.orderId, r.waybill, r.stationId, r.at),
    // Only once WeChat knows the first print (ewaybills.state 'printed'): re_print 1 must come after 0.
    due: (shopId, now, limit) =>
      (
        db
          .prepare(
            `SELECT r.* FROM ewaybill_reprints r JOIN ewaybills e ON e.order_id = r.order_id
             WHERE r.state = 'pending' AND r.next_at <= ? AND e.shop_id = ? AND e.state = 'printed' AND e.waybill = r.waybill
             ORDER BY r.at, r.label_id LIMIT ?`,
          )
          .all(now, shopId, limit) as rows.ReprintDbRow[]
      ).map(rows.toReprint),
    update: (labelId, patch) =>
      void db
        .prepare(`UPDATE ewaybill_reprints SET state = ?, attempts = ?, next_at = ?, error = ? WHERE label_id = ?`)
        .run(patch.state, patch.attempts, patch.nextAt, patch.error, labelId),
    forOrder: (orderId) =>
      (
        db
          .prepare('SELECT * FROM ewaybill_reprints WHERE order_id = ? ORDER BY at, label_id')
          .all(orderId) as rows.ReprintDbRow[]
      ).map(rows.toReprint),
  };
}
