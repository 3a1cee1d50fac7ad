// Tracking rows as both stores hold them (tracking_parcels, tracking_events, tracking_notifications)
// and their mapping to and from the domain. No SQL here: each dialect's tracking-repos.ts has its own.
import type { TrackingEvent, TrackingSource, TrackingState } from '../../../contract/tracking.js';
import type { NotificationRow, TrackingParcelRow, TrackingProviderId } from '../tracking-types.js';

export type ParcelRow = {
  waybill: string;
  carrier: string;
  order_id: string | null;
  provider: string;
  shop_id: string | null;
  ewaybill_order_id: string | null;
  handed_over_at: number | null;
  state: string | null;
  since: number | null;
  collected_at: number | null;
  out_for_delivery_at: number | null;
  delivered_at: number | null;
  return_started_at: number | null;
  last_scan_at: number | null;
  exception_detail: string | null;
  subscribed_at: number | null;
  subscribe_error: string | null;
  subscribe_attempts: number;
  next_subscribe_at: number;
  pulled_at: number | null;
  created_at: number;
};

export type EventRow = {
  waybill: string;
  carrier: string;
  state: string;
  at: number;
  place: string;
  detail: string;
  source: string;
};

export type NoteRow = {
  order_id: string;
  kind: string;
  waybill: string;
  state: string;
  errcode: number | null;
  error: string | null;
  at: number;
  done_at: number | null;
};

/** tracking_parcels' columns in the order parcelParams gives their values. */
export const PARCEL_COLUMNS = [
  'waybill',
  'carrier',
  'order_id',
  'provider',
  'shop_id',
  'ewaybill_order_id',
  'handed_over_at',
  'state',
  'since',
  'collected_at',
  'out_for_delivery_at',
  'delivered_at',
  'return_started_at',
  'last_scan_at',
  'exception_detail',
  'subscribed_at',
  'subscribe_error',
  'subscribe_attempts',
  'next_subscribe_at',
  'pulled_at',
  'created_at',
] as const;

export const toParcel = (r: ParcelRow): TrackingParcelRow => ({
  waybill: r.waybill,
  carrier: r.carrier,
  orderId: r.order_id,
  provider: r.provider as TrackingProviderId,
  shopId: r.shop_id,
  ewaybillOrderId: r.ewaybill_order_id,
  handedOverAt: r.handed_over_at,
  state: r.state as TrackingState | null,
  since: r.since,
  collectedAt: r.collected_at,
  outForDeliveryAt: r.out_for_delivery_at,
  deliveredAt: r.delivered_at,
  returnStartedAt: r.return_started_at,
  lastScanAt: r.last_scan_at,
  exceptionDetail: r.exception_detail,
  subscribedAt: r.subscribed_at,
  subscribeError: r.subscribe_error,
  subscribeAttempts: r.subscribe_attempts,
  nextSubscribeAt: r.next_subscribe_at,
  pulledAt: r.pulled_at,
  createdAt: r.created_at,
});

/** A parcel's values in PARCEL_COLUMNS order. */
export const parcelParams = (p: TrackingParcelRow): unknown[] => [
  p.waybill,
  p.carrier,
  p.orderId,
  p.provider,
  p.shopId,
  p.ewaybillOrderId,
  p.handedOverAt,
  p.state,
  p.since,
  p.collectedAt,
  p.outForDeliveryAt,
  p.deliveredAt,
  p.returnStartedAt,
  p.lastScanAt,
  p.exceptionDetail,
  p.subscribedAt,
  p.subscribeError,
  p.subscribeAttempts,
  p.nextSubscribeAt,
  p.pulledAt,
  p.createdAt,
];

export const toEvent = (r: EventRow): TrackingEvent => ({
  waybill: r.waybill,
  carrier: r.carrier,
  state: r.state as TrackingState,
  at: r.at,
  place: r.place,
  detail: r.detail,
  source: r.source as TrackingSource,
});

/** (waybill, key, carrier, state, at, place, detail, source, received_at) */
export const eventParams = (key: string, e: TrackingEvent, receivedAt: number): unknown[] => [
  e.waybill,
  key,
  e.carrier,
  e.state,
  e.at,
  e.place,
  e.detail,
  e.source,
  receivedAt,
];

export const toNote = (r: NoteRow): NotificationRow => ({
  orderId: r.order_id,
  kind: r.kind as NotificationRow['kind'],
  waybill: r.waybill,
  state: r.state as NotificationRow['state'],
  errcode: r.errcode,
  error: r.error,
  at: r.at,
  doneAt: r.done_at,
});

/** (order_id, kind, waybill, state, errcode, error, at, done_at) */
export const noteParams = (n: NotificationRow): unknown[] => [
  n.orderId,
  n.kind,
  n.waybill,
  n.state,
  n.errcode,
  n.error,
  n.at,
  n.doneAt,
];
