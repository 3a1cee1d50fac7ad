// Shipment, exception and e-waybill rows as both stores hold them and their mapping to and from the
// domain. No SQL here: each dialect's ops-repos.ts has its own.
import type { HubException } from '../../../contract/sync.js';
import type { EwaybillRow, ShipmentRow, ShipmentState } from '../types.js';

export type ShipmentDbRow = {
  parcel_id: string;
  order_id: string;
  station_id: string;
  pack_id: string;
  parcel_no: number;
  carrier: string;
  waybill: string | null;
  items: string;
  weight_g: number;
  packed_at: number;
  state: ShipmentState;
  attempts: number;
  next_at: number;
  uncertain: number;
  last_errcode: number | null;
  last_errmsg: string | null;
  last_rid: string | null;
  done_at: number | null;
};

export const toShipment = (r: ShipmentDbRow): ShipmentRow => ({
  parcelId: r.parcel_id,
  orderId: r.order_id,
  stationId: r.station_id,
  packId: r.pack_id,
  parcelNo: r.parcel_no,
  carrier: r.carrier,
  waybill: r.waybill,
  items: JSON.parse(r.items) as ShipmentRow['items'],
  weightG: r.weight_g,
  packedAt: r.packed_at,
  state: r.state,
  attempts: r.attempts,
  nextAt: r.next_at,
  uncertain: r.uncertain === 1,
  lastErrcode: r.last_errcode,
  lastErrmsg: r.last_errmsg,
  lastRid: r.last_rid,
  doneAt: r.done_at,
});

/** The shipments column of each field but the key (parcel_id). */
export const SHIPMENT_COLUMN: Record<keyof Omit<ShipmentRow, 'parcelId'>, string> = {
  orderId: 'order_id',
  stationId: 'station_id',
  packId: 'pack_id',
  parcelNo: 'parcel_no',
  carrier: 'carrier',
  waybill: 'waybill',
  items: 'items',
  weightG: 'weight_g',
  packedAt: 'packed_at',
  state: 'state',
  attempts: 'attempts',
  nextAt: 'next_at',
  uncertain: 'uncertain',
  lastErrcode: 'last_errcode',
  lastErrmsg: 'last_errmsg',
  lastRid: 'last_rid',
  doneAt: 'done_at',
};

/** Every shipments column, the key first, in the order shipmentParams gives their values. */
export const SHIPMENT_COLUMNS: readonly string[] = ['parcel_id', ...Object.values(SHIPMENT_COLUMN)];

/** A shipment field's value as its column stores it: items as JSON text, uncertain as 0/1. */
export const shipmentValue = (key: string, v: unknown): unknown =>
  key === 'items' ? JSON.stringify(v) : key === 'uncertain' ? (v ? 1 : 0) : v;

export const shipmentParams = (row: ShipmentRow): unknown[] => [
  row.parcelId,
  ...Object.keys(SHIPMENT_COLUMN).map((k) => shipmentValue(k, row[k as keyof ShipmentRow])),
];

/** Shipments per state from `SELECT state, count(*) AS n … GROUP BY state`; a state with none counts 0. */
export function shipmentCounts(rows: readonly { state: ShipmentState; n: number }[]): Record<ShipmentState, number> {
  const out: Record<ShipmentState, number> = {
    packing: 0,
    waiting_waybill: 0,
    pending: 0,
    sending: 0,
    done: 0,
    conflict: 0,
    failed: 0,
  };
  for (const r of rows) out[r.state] = r.n;
  return out;
}

export type ExceptionDbRow = {
  id: string;
  order_id: string;
  station_id: string | null;
  kind: HubException['kind'];
  detail: string;
  at: number;
  resolved_at: number | null;
};

/** An exception as `get` gives it: without its resolution. */
export const toException = (r: ExceptionDbRow): HubException => ({
  id: r.id,
  orderId: r.order_id,
  stationId: r.station_id,
  kind: r.kind,
  detail: r.detail,
  at: r.at,
});

/** An exception as `list` gives it: with when it was resolved. */
export const toListedException = (r: ExceptionDbRow): HubException & { resolvedAt: number | null } => ({
  ...toException(r),
  resolvedAt: r.resolved_at,
});

/** (id, order_id, station_id, kind, detail, at) */
export const exceptionParams = (e: HubException): unknown[] => [e.id, e.orderId, e.stationId, e.kind, e.detail, e.at];

export type EwaybillDbRow = {
  order_id: string;
  shop_id: string;
  ewaybill_order_id: string | null;
  carrier: string;
  waybill: string | null;
  state: EwaybillRow['state'];
  attempts: number;
  error: string | null;
  updated_at: number;
};

/** ewaybills' columns in the order ewaybillParams gives their values. */
export const EWAYBILL_COLUMNS =
  'order_id, shop_id, ewaybill_order_id, carrier, waybill, state, attempts, error, updated_at';

export const toEwaybill = (r: EwaybillDbRow): EwaybillRow => ({
  orderId: r.order_id,
  shopId: r.shop_id,
  ewaybillOrderId: r.ewaybill_order_id,
  carrier: r.carrier,
  waybill: r.waybill,
  state: r.state,
  attempts: r.attempts,
  error: r.error,
  updatedAt: r.updated_at,
});

export const ewaybillParams = (e: EwaybillRow): unknown[] => [
  e.orderId,
  e.shopId,
  e.ewaybillOrderId,
  e.carrier,
  e.waybill,
  e.state,
  e.attempts,
  e.error,
  e.updatedAt,
];
