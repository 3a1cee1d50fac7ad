// Handover rows as both stores hold them (handovers, handover_batches) and their mapping to and from
// the domain. No SQL here: each dialect's handover-repos.ts has its own.
import type { HandoverBatchRow, HandoverRow } from '../types.js';

export type HandoverDbRow = {
  waybill: string;
  carrier: string;
  order_id: string | null;
  parcel_id: string | null;
  station_id: string;
  batch_id: string;
  handed_over_at: number;
};

export type BatchDbRow = {
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

export const toHandover = (r: HandoverDbRow): HandoverRow => ({
  waybill: r.waybill,
  carrier: r.carrier,
  orderId: r.order_id,
  parcelId: r.parcel_id,
  stationId: r.station_id,
  batchId: r.batch_id,
  handedOverAt: r.handed_over_at,
});

/** (waybill, carrier, order_id, parcel_id, station_id, batch_id, handed_over_at) */
export const handoverParams = (h: HandoverRow): unknown[] => [
  h.waybill,
  h.carrier,
  h.orderId,
  h.parcelId,
  h.stationId,
  h.batchId,
  h.handedOverAt,
];

/** handover_batches' columns in the order batchParams gives their values. */
export const BATCH_COLUMNS = 'batch_id, station_id, carrier, courier, opened_at, closed_at, count, waybills, missing';

export const toBatch = (r: BatchDbRow): HandoverBatchRow => ({
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

export const batchParams = (b: HandoverBatchRow): unknown[] => [
  b.batchId,
  b.stationId,
  b.carrier,
  b.courier,
  b.openedAt,
  b.closedAt,
  b.count,
  JSON.stringify(b.waybills),
  JSON.stringify(b.missing),
];

/** The shipment a handed-over waybill belongs to, as parcelOf reads it. */
export type WaybillShipment = { orderId: string; parcelId: string; carrier: string; state: string };

export const toParcelOf = (row: WaybillShipment) => ({
  orderId: row.orderId,
  parcelId: row.parcelId,
  carrier: row.carrier,
  conflict: row.state === 'conflict',
});
