// Parcel tracking at the hub: parcels followed, carrier events, buyer notifications. Same behaviour
// as ../sqlite/tracking-repos.ts.
import type { TrackingEvent, TrackingSource, TrackingState } from '../../../contract/tracking.js';
import type { NotificationRow, TrackingParcelRow, TrackingProviderId, TrackingRepo } from '../tracking-types.js';
import type { PgSql } from './sql.js';

type ParcelRow = {
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

type EventRow = {
  waybill: string;
  carrier: string;
  state: string;
  at: number;
  place: string;
  detail: string;
  source: string;
};

type NoteRow = {
  order_id: string;
  kind: string;
  waybill: string;
  state: string;
  errcode: number | null;
  error: string | null;
  at: number;
  done_at: number | null;
};

const toParcel = (r: ParcelRow): TrackingParcelRow => ({
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

const toEvent = (r: EventRow): TrackingEvent => ({
  waybill: r.waybill,
  carrier: r.carrier,
  state: r.state as TrackingState,
  at: r.at,
  place: r.place,
  detail: r.detail,
  source: r.source as TrackingSource,
});

const toNote = (r: NoteRow): NotificationRow => ({
  orderId: r.order_id,
  kind: r.kind as NotificationRow['kind'],
  waybill: r.waybill,
  state: r.state as NotificationRow['state'],
  errcode: r.errcode,
  error: r.error,
  at: r.at,
  doneAt: r.done_at,
});

const PARCEL_COLUMNS = [
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
];
// SQLite's INSERT OR REPLACE: the whole row is the new one.
const PUT_PARCEL = `INSERT INTO tracking_parcels (${PARCEL_COLUMNS.join(', ')})
  VALUES (${PARCEL_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (waybill) DO UPDATE SET ${PARCEL_COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

export function trackingRepo(sql: PgSql): TrackingRepo {
  const parcels = async (text: string, params: unknown[]) => (await sql.rows<ParcelRow>(text, params)).map(toParcel);
  const notes = async (text: string, params: unknown[]) => (await sql.rows<NoteRow>(text, params)).map(toNote);
  return {
    parcel: async (waybill) => {
      const r = await sql.row<ParcelRow>('SELECT * FROM tracking_parcels WHERE waybill = $1', [waybill]);
      return r && toParcel(r);
    },
    async putParcel(p) {
      await sql.run(PUT_PARCEL, [
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
      ]);
    },
    events: async (waybill) =>
      (
        await sql.rows<EventRow>(
          'SELECT waybill, carrier, state, at, place, detail, source FROM tracking_events WHERE waybill = $1 ORDER BY at, key',
          [waybill],
        )
      ).map(toEvent),
    async addEvents(list, receivedAt) {
      let added = 0;
      for (const { key, event: e } of list)
        added += await sql.run(
          `INSERT INTO tracking_events (waybill, key, carrier, state, at, place, detail, source, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
          [e.waybill, key, e.carrier, e.state, e.at, e.place, e.detail, e.source, receivedAt],
        );
      return added;
    },
    undelivered: (limit) =>
      parcels('SELECT * FROM tracking_parcels WHERE delivered_at IS NULL ORDER BY created_at, waybill LIMIT $1', [
        limit,
      ]),
    handedOverBetween: (from, to) =>
      parcels(
        'SELECT * FROM tracking_parcels WHERE handed_over_at >= $1 AND handed_over_at < $2 ORDER BY handed_over_at, waybill',
        [from, to],
      ),
    dueSubscriptions: (provider, now, limit) =>
      parcels(
        `SELECT * FROM tracking_parcels WHERE provider = $1 AND subscribed_at IS NULL AND delivered_at IS NULL
           AND next_subscribe_at <= $2 ORDER BY next_subscribe_at, waybill LIMIT $3`,
        [provider, now, limit],
      ),
    duePulls: (before, limit) =>
      parcels(
        `SELECT * FROM tracking_parcels WHERE provider = 'wechat' AND delivered_at IS NULL AND ewaybill_order_id IS NOT NULL
           AND COALESCE(pulled_at, 0) < $1 ORDER BY COALESCE(pulled_at, 0), waybill LIMIT $2`,
        [before, limit],
      ),
    addNotification: async (n) =>
      (await sql.run(
        `INSERT INTO tracking_notifications (order_id, kind, waybill, state, errcode, error, at, done_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [n.orderId, n.kind, n.waybill, n.state, n.errcode, n.error, n.at, n.doneAt],
      )) > 0,
    // Ties as SQLite's index on (at) over its (order_id, kind) key gives them.
    dueNotifications: (limit) =>
      notes("SELECT * FROM tracking_notifications WHERE state = 'due' ORDER BY at, order_id, kind LIMIT $1", [limit]),
    async finishNotification(orderId, kind, p) {
      await sql.run(
        'UPDATE tracking_notifications SET state = $1, errcode = $2, error = $3, done_at = $4 WHERE order_id = $5 AND kind = $6',
        [p.state, p.errcode, p.error, p.doneAt, orderId, kind],
      );
    },
    notifications: (orderId) =>
      notes('SELECT * FROM tracking_notifications WHERE order_id = $1 ORDER BY at, kind', [orderId]),
  };
}
