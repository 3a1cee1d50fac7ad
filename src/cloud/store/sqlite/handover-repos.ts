// Courier handover (交接) at the hub: parcels handed over, closed batches, and what is still due.
import type { Db } from '../../../base/node/sqlite/open.js';
import * as rows from '../rows/handover.js';
import type { HubTx, UnhandedParcel } from '../types.js';

export function handoversRepo(db: Db): HubTx['handovers'] {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO handovers (waybill, carrier, order_id, parcel_id, station_id, batch_id, handed_over_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const byWaybill = db.prepare<[string], rows.HandoverDbRow>('SELECT * FROM handovers WHERE waybill = ?');
  const inRange = db.prepare<[number, number], rows.HandoverDbRow>(
    'SELECT * FROM handovers WHERE handed_over_at >= ? AND handed_over_at < ? ORDER BY handed_over_at, waybill',
  );
  const insertBatch = db.prepare(
    `INSERT OR IGNORE INTO handover_batches (${rows.BATCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const batchesIn = db.prepare<[number, number, number], rows.BatchDbRow>(
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
  const parcel = db.prepare<[string], rows.WaybillShipment>(
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
    add: (h) => insert.run(...rows.handoverParams(h)).changes > 0,
    get: (waybill) => {
      const row = byWaybill.get(waybill);
      return row ? rows.toHandover(row) : undefined;
    },
    between: (fromMs, toMs) => inRange.all(fromMs, toMs).map(rows.toHandover),
    addBatch(b) {
      insertBatch.run(...rows.batchParams(b));
    },
    batches: (fromMs, toMs, limit) => batchesIn.all(fromMs, toMs, limit).map(rows.toBatch),
    notHandedOver: (carrier, fromMs, toMs) => due.all({ carrier, from: fromMs, to: toMs }),
    blocked: (carrier, fromMs, toMs) => blocked.all(carrier, fromMs, toMs),
    parcelOf(waybill) {
      const row = parcel.get(waybill);
      return row && rows.toParcelOf(row);
    },
  };
}
