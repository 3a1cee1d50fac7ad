// Courier handover (交接) at the hub: parcels handed over, closed batches, and what is still due.
// Same behaviour as ../sqlite/handover-repos.ts.
import type { HandoverBatchRow, HandoverRow, HubTx, UnhandedParcel } from '../types.js';
import type { PgSql } from './sql.js';

type Row = {
  waybill: string;
  carrier: string;
  order_id: string | null;
  parcel_id: string | null;
  station_id: string;
  batch_id: string;
  handed_over_at: number;
};

type BatchRow = {
  batch_id: string;
  station_id: string;
  carrier: string;
  courier: string | null;
  opened_at: number;
  closed_at: number;
  count: number;
  waybills: string;
  missing: string;
};

const map = (r: Row): HandoverRow => ({
  waybill: r.waybill,
  carrier: r.carrier,
  orderId: r.order_id,
  parcelId: r.parcel_id,
  stationId: r.station_id,
  batchId: r.batch_id,
  handedOverAt: r.handed_over_at,
});

const mapBatch = (r: BatchRow): HandoverBatchRow => ({
  batchId: r.batch_id,
  stationId: r.station_id,
  carrier: r.carrier,
  courier: r.courier,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  count: r.count,
  waybills: JSON.parse(r.waybills) as string[],
  missing: JSON.parse(r.missing) as string[],
});

const BATCH_COLUMNS = 'batch_id, station_id, carrier, courier, opened_at, closed_at, count, waybills, missing';

export function handoversRepo(sql: PgSql): HubTx['handovers'] {
  return {
    add: async (h) =>
      (await sql.run(
        `INSERT INTO handovers (waybill, carrier, order_id, parcel_id, station_id, batch_id, handed_over_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [h.waybill, h.carrier, h.orderId, h.parcelId, h.stationId, h.batchId, h.handedOverAt],
      )) > 0,
    get: async (waybill) => {
      const row = await sql.row<Row>('SELECT * FROM handovers WHERE waybill = $1', [waybill]);
      return row ? map(row) : undefined;
    },
    between: async (fromMs, toMs) =>
      (
        await sql.rows<Row>(
          'SELECT * FROM handovers WHERE handed_over_at >= $1 AND handed_over_at < $2 ORDER BY handed_over_at, waybill',
          [fromMs, toMs],
        )
      ).map(map),
    async addBatch(b) {
      await sql.run(
        `INSERT INTO handover_batches (${BATCH_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [
          b.batchId,
          b.stationId,
          b.carrier,
          b.courier,
          b.openedAt,
          b.closedAt,
          b.count,
          JSON.stringify(b.waybills),
          JSON.stringify(b.missing),
        ],
      );
    },
    // Latest first; batches closed at the same ms come latest-filed first, as SQLite's backward index scan gives.
    batches: async (fromMs, toMs, limit) =>
      (
        await sql.rows<BatchRow>(
          `SELECT ${BATCH_COLUMNS} FROM handover_batches WHERE closed_at >= $1 AND closed_at < $2
           ORDER BY closed_at DESC, rowid DESC LIMIT $3`,
          [fromMs, toMs, limit],
        )
      ).map(mapBatch),
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
      const row = await sql.row<{ orderId: string; parcelId: string; carrier: string; state: string }>(
        `SELECT order_id AS "orderId", parcel_id AS "parcelId", carrier, state FROM shipments
          WHERE waybill = $1 ORDER BY packed_at DESC, rowid LIMIT 1`,
        [waybill],
      );
      return row
        ? { orderId: row.orderId, parcelId: row.parcelId, carrier: row.carrier, conflict: row.state === 'conflict' }
        : undefined;
    },
  };
}
