// Outbox events: the station's durable event log. Each is written in the same SQLite transaction as
// the state change it describes, carries a globally unique id, and is applied by the hub
// idempotently by that id. Statistics (stats module) are computed from these events alone.
import type { Channel, PackerRole } from './entities.js';
import type { AlertCode, ScanVerdict } from './station.js';

export interface ItemCount {
  productId: number;
  sku: string;
  qty: number;
}

export interface OutboxPayloads {
  'packer.login': { packerId: string; role: PackerRole };
  'packer.logout': { packerId: string };
  'order.intercepted': { orderId: string; reason: AlertCode; packId: string | null };
  'order.released': { orderId: string; supervisorId: string; was: 'flagged' | 'held' };
  'order.held': { orderId: string; packId: string | null; reason: string };
  'alert.acknowledged': { code: AlertCode; orderId: string | null; packId: string | null };
  'pack.started': {
    packId: string;
    orderId: string;
    channel: Channel;
    units: number;
    lines: ItemCount[];
    paidAt: number | null;
  };
  'scan.recorded': {
    scanId: number;
    packId: string | null;
    orderId: string | null;
    code: string;
    verdict: ScanVerdict;
    productId: number | null;
    qty: number;
    parcelNo: number | null;
  };
  'weight.exception': WeightPayload;
  'weight.accepted': WeightPayload & { override: { supervisorId: string; reason: string } | null };
  'parcel.packed': {
    parcelId: string;
    packId: string;
    orderId: string;
    parcelNo: number;
    carrier: string;
    waybill: string | null;
    weightG: number;
    packaging: string;
    valueFen: number;
    /** Shipping cost from the routing table's rates (fen); null when the station has none. */
    costFen: number | null;
    items: ItemCount[];
  };
  'label.printed': {
    labelId: string;
    parcelId: string;
    packId: string;
    orderId: string;
    waybill: string;
    reprint: boolean;
  };
  'label.pending': { parcelId: string; orderId: string; carrier: string };
  /** A parcel that waited for a number (label.pending) got one from the pool. */
  'parcel.waybill': { parcelId: string; orderId: string; carrier: string; waybill: string };
  'pack.completed': {
    packId: string;
    orderId: string;
    parcels: number;
    units: number;
    startedAt: number;
    durationMs: number;
  };
  'pack.cancelled': { packId: string; orderId: string; reason: 'command' | 'order_cancelled' | 'order_changed' };
}

export interface WeightPayload {
  packId: string;
  orderId: string;
  parcelNo: number;
  weightG: number;
  expectedG: number;
  toleranceG: number;
}

export type OutboxType = keyof OutboxPayloads;

export interface OutboxEvent<T extends OutboxType = OutboxType> {
  id: string;
  type: T;
  at: number;
  stationId: string;
  packerId: string | null;
  payload: OutboxPayloads[T];
}

/** A discriminated union, handy for switch statements over events. */
export type AnyOutboxEvent = { [T in OutboxType]: OutboxEvent<T> }[OutboxType];
