// Reprints of Channels e-waybills printed through WeChat's print component, waiting to be told to
// WeChat (order/print with re_print 1). Same behaviour as ../sqlite/reprint-repos.ts.
import * as rows from '../rows/reprint.js';
import type { HubTx } from '../types.js';
import type { PgSql } from './sql.js';

export function ewaybillReprintsRepo(sql: PgSql): HubTx['ewaybillReprints'] {
  return {
    async add(r) {
      await sql.run(
        `INSERT INTO ewaybill_reprints (label_id, order_id, waybill, station_id, state, attempts, next_at, error, at)
         VALUES ($1, $2, $3, $4, 'pending', 0, 0, NULL, $5) ON CONFLICT DO NOTHING`,
        [r.labelId, r.orderId, r.waybill, r.stationId, r.at],
      );
    },
    // Only once WeChat knows the first print (ewaybills.state 'printed'): re_print 1 must come after 0.
    due: async (shopId, now, limit) =>
      (
        await sql.rows<rows.ReprintDbRow>(
          `SELECT r.* FROM ewaybill_reprints r JOIN ewaybills e ON e.order_id = r.order_id
           WHERE r.state = 'pending' AND r.next_at <= $1 AND e.shop_id = $2 AND e.state = 'printed' AND e.waybill = r.waybill
           ORDER BY r.at, r.label_id LIMIT $3`,
          [now, shopId, limit],
        )
      ).map(rows.toReprint),
    async update(labelId, patch) {
      await sql.run(
        'UPDATE ewaybill_reprints SET state = $1, attempts = $2, next_at = $3, error = $4 WHERE label_id = $5',
        [patch.state, patch.attempts, patch.nextAt, patch.error, labelId],
      );
    },
    forOrder: async (orderId) =>
      (
        await sql.rows<rows.ReprintDbRow>('SELECT * FROM ewaybill_reprints WHERE order_id = $1 ORDER BY at, label_id', [
          orderId,
        ])
      ).map(rows.toReprint),
  };
}
