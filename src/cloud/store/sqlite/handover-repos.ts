// Courier handover (交接) at the hub: parcels handed over, closed batches, and what is still due.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { HandoverBatchRow, HandoverRow, HubTx, UnhandedParcel } from '../types.js';

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

export function handoversRepo(db: Db): HubTx['handovers'] {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO handovers (waybill, carrier, order_id, parcel_id, station_id, batch_id, handed_over_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const byWaybill = db.prepare<[string], Row>('SELECT * FROM handovers WHERE waybill = ?');
  const inRange = db.prepare<[number, number], Row>(
    'SELECT * FROM handovers WHERE handed_over_at >= ? AND handed_over_at < ? ORDER BY handed_over_at, waybill',
  );
  const insertBatch = db.prepare(
    `INSERT OR IGNORE INTO handover_batches (batch_id, station_id, carrier, courier, opened_at, closed_at, count,
       waybills, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const batchesIn = db.prepare<[number, number, number], BatchRow>(
    'SELECT * FROM handover_batches WHERE closed_at >= ? AND closed_at < ? ORDER BY closed_at DESC LIMIT ?',
  );
  // carrier null: every carrier.
  const due = db.prepare<[{ carrier: string | null; from: number; to: number }], UnhandedParcel>(
    `SELECT s.waybill AS waybill, s.carrier AS carrier, s.order_id AS orderId, s.parcel_id AS parcelId,
            s.station_id AS stationId, s.packed_at AS packedAt
       FROM shipments s
       LEFT JOIN handovers h ON h.waybill = s.waybill
      WHERE (@carrier IS NULL OR s.carrier = @carrier) AND s.packed_at >= @from AND s.packed_at < @to
        AND s.waybill IS NOT NULL AND s.state <> 'conflict' AND h.waybill IS NULL
      ORDER BY s.packed_at, s.waybill`,
  );
  const parcel = db.prepare<[string], { orderId: string; parcelId: string; carrier: string; state: string }>(
    `SELECT order_id AS orderId, parcel_id AS parcelId, carrier, state FROM shipments
      WHERE waybill = ? ORDER BY packed_at DESC LIMIT 1`,
  );
  const blocked = db.prepare<[string, number, number], { waybill: string; orderId: string; detail: string }>(
    `SELECT s.waybill AS waybill, s.order_id AS orderId,
            CASE WHEN o.status = 'cancelled' THEN 'order_cancelled' ELSE 'conflict' END AS detail
       FROM shipments s
       LEFT JOIN orders o ON o.id = s.order_id
      WHERE s.carrier = ? AND s.packed_at >= ? AND s.packed_at < ? AND s.waybill IS NOT NULL
        AND (s.state = 'conflict' OR o.status = 'cancelled')
      ORDER BY s.packed_at, s.waybill`,
  );
  return {
    add: (h) =>
      insert.run(h.waybill, h.carrier, h.orderId, h.parcelId, h.stationId, h.batchId, h.handedOverAt).changes > 0,
    get: (waybill) => {
      const row = byWaybill.get(waybill);
      return row ? map(row) : undefined;
    },
    between: (fromMs, toMs) => inRange.all(fromMs, toMs).map(map),
    addBatch(b) {
      insertBatch.run(
        b.batchId,
        b.stationId,
        b.carrier,
        b.courier,
        b.openedAt,
        b.closedAt,
        b.count,
        JSON.stringify(b.waybills),
        JSON.stringify(b.missing),
      );
    },
    batches: (fromMs, toMs, limit) => batchesIn.all(fromMs, toMs, limit).map(mapBatch),
    notHandedOver: (carrier, fromMs, toMs) => due.all({ carrier, from: fromMs, to: toMs }),
    blocked: (carrier, fromMs, toMs) => blocked.all(carrier, fromMs, toMs),
    parcelOf(waybill) {
      const row = parcel.get(waybill);
      return row
        ? { orderId: row.orderId, parcelId: row.parcelId, carrier: row.carrier, conflict: row.state === 'conflict' }
        : undefined;
    },
  };
}
