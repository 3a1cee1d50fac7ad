// Courier handover (交接) at the hub: parcels handed over, closed batches, and what is still due.
// Same behaviour as ../sqlite/handover-repos.ts.
import * as rows from '../rows/handover.js';
import type { HubTx, UnhandedParcel } from '../types.js';
import type { PgSql } from './sql.js';

export function handoversRepo(sql: PgSql): HubTx['handovers'] {
  return {
    add: async (h) =>
      (await sql.run(
        `INSERT INTO handovers (waybill, carrier, order_id, parcel_id, station_id, batch_id, handed_over_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        rows.handoverParams(h),
      )) > 0,
    get: async (waybill) => {
      const row = await sql.row<rows.HandoverDbRow>('SELECT * FROM handovers WHERE waybill = $1', [waybill]);
      return row ? rows.toHandover(row) : undefined;
    },
    between: async (fromMs, toMs) =>
      (
        await sql.rows<rows.HandoverDbRow>(
          'SELECT * FROM handovers WHERE handed_over_at >= $1 AND handed_over_at < $2 ORDER BY handed_over_at, waybill',
          [fromMs, toMs],
        )
      ).map(rows.toHandover),
    async addBatch(b) {
      await sql.run(
        `INSERT INTO handover_batches (${rows.BATCH_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        rows.batchParams(b),
      );
    },
    // Latest first; batches closed at the same ms come latest-filed first, as SQLite's backward index scan gives.
    batches: async (fromMs, toMs, limit) =>
      (
        await sql.rows<rows.BatchDbRow>(
          `SELECT ${rows.BATCH_COLUMNS} FROM handover_batches WHERE closed_at >= $1 AND closed_at < $2
           ORDER BY closed_at DESC, rowid DESC LIMIT $3`,
          [fromMs, toMs, limit],
        )
      ).map(rows.toBatch),
    // carrier null: every carrier.
    notHandedOver: (carrier, fromMs, toMs) =>
      sql.rows<UnhandedParcel>(
        `SELECT s.waybill AS waybill, s.carrier AS carrier, s.order_id AS "orderId", s.parcel_id AS "parcelId",
                s.station_id AS "stationId", s.packed_at AS "packedAt"
           FROM shipments s
           LEFT JOIN handovers h ON h.waybill = s.waybill
          WHERE ($1::text IS NULL OR s.carrier = $1::text) AND s.packed_at >= $2 AND s.packed_at < $3
            AND s.waybill IS NOT NULL AND s.state <> 'conflict' AND h.waybill IS NULL
          ORDER BY s.packed_at, s.waybill, s.rowid`,
        [carrier, fromMs, toMs],
      ),
    blocked: (carrier, fromMs, toMs) =>
      sql.rows<{ waybill: string; orderId: string; detail: string }>(
        `SELECT s.waybill AS waybill, s.order_id AS "orderId",
                CASE WHEN o.status = 'cancelled' THEN 'order_cancelled' ELSE 'conflict' END AS detail
           FROM shipments s
           LEFT JOIN orders o ON o.id = s.order_id
          WHERE s.carrier = $1 AND s.packed_at >= $2 AND s.packed_at < $3 AND s.waybill IS NOT NULL
            AND (s.state = 'conflict' OR o.status = 'cancelled')
          ORDER BY s.packed_at, s.waybill, s.rowid`,
        [carrier, fromMs, toMs],
      ),
    async parcelOf(waybill) {
      const row = await sql.row<rows.WaybillShipment>(
        `SELECT order_id AS "orderId", parcel_id AS "parcelId", carrier, state FROM shipments
          WHERE waybill = $1 ORDER BY packed_at DESC, rowid LIMIT 1`,
        [waybill],
      );
      return row && rows.toParcelOf(row);
    },
  };
}
