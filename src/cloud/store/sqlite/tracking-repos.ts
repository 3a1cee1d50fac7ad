// Parcel tracking at the hub: parcels followed, carrier events, buyer notifications.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { TrackingEvent, TrackingSource, TrackingState } from '../../../contract/tracking.js';
import type { NotificationRow, TrackingParcelRow, TrackingProviderId, TrackingRepo } from '../tracking-types.js';

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

export function trackingRepo(db: Db): TrackingRepo {
  const getParcel = db.prepare<[string], ParcelRow>('SELECT * FROM tracking_parcels WHERE waybill = ?');
  const putParcel = db.prepare(
    `INSERT OR REPLACE INTO tracking_parcels (waybill, carrier, order_id, provider, shop_id, ewaybill_order_id,
       handed_over_at, state, since, collected_at, out_for_delivery_at, delivered_at, return_started_at, last_scan_at,
       exception_detail, subscribed_at, subscribe_error, subscribe_attempts, next_subscribe_at, pulled_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const events = db.prepare<[string], EventRow>(
    'SELECT waybill, carrier, state, at, place, detail, source FROM tracking_events WHERE waybill = ? ORDER BY at, key',
  );
  const addEvent = db.prepare(
    `INSERT OR IGNORE INTO tracking_events (waybill, key, carrier, state, at, place, detail, source, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const undelivered = db.prepare<[number], ParcelRow>(
    'SELECT * FROM tracking_parcels WHERE delivered_at IS NULL ORDER BY created_at, waybill LIMIT ?',
  );
  const between = db.prepare<[number, number], ParcelRow>(
    'SELECT * FROM tracking_parcels WHERE handed_over_at >= ? AND handed_over_at < ? ORDER BY handed_over_at, waybill',
  );
  const dueSubs = db.prepare<[string, number, number], ParcelRow>(
    `SELECT * FROM tracking_parcels WHERE provider = ? AND subscribed_at IS NULL AND delivered_at IS NULL
       AND next_subscribe_at <= ? ORDER BY next_subscribe_at, waybill LIMIT ?`,
  );
  const duePulls = db.prepare<[number, number], ParcelRow>(
    `SELECT * FROM tracking_parcels WHERE provider = 'wechat' AND delivered_at IS NULL AND ewaybill_order_id IS NOT NULL
       AND COALESCE(pulled_at, 0) < ? ORDER BY COALESCE(pulled_at, 0), waybill LIMIT ?`,
  );
  const addNote = db.prepare(
    `INSERT OR IGNORE INTO tracking_notifications (order_id, kind, waybill, state, errcode, error, at, done_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const dueNotes = db.prepare<[number], NoteRow>(
    "SELECT * FROM tracking_notifications WHERE state = 'due' ORDER BY at, order_id LIMIT ?",
  );
  const finishNote = db.prepare(
    'UPDATE tracking_notifications SET state = ?, errcode = ?, error = ?, done_at = ? WHERE order_id = ? AND kind = ?',
  );
  const notesOf = db.prepare<[string], NoteRow>('SELECT * FROM tracking_notifications WHERE order_id = ? ORDER BY at');

  return {
    parcel: (waybill) => {
      const r = getParcel.get(waybill);
      return r && toParcel(r);
    },
    putParcel: (p) => {
      putParcel.run(
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
      );
    },
    events: (waybill) => events.all(waybill).map(toEvent),
    addEvents: (list, receivedAt) => {
      let added = 0;
      for (const { key, event: e } of list)
        added += addEvent.run(
          e.waybill,
          key,
          e.carrier,
          e.state,
          e.at,
          e.place,
          e.detail,
          e.source,
          receivedAt,
        ).changes;
      return added;
    },
    undelivered: (limit) => undelivered.all(limit).map(toParcel),
    handedOverBetween: (from, to) => between.all(from, to).map(toParcel),
    dueSubscriptions: (provider, now, limit) => dueSubs.all(provider, now, limit).map(toParcel),
    duePulls: (before, limit) => duePulls.all(before, limit).map(toParcel),
    addNotification: (n) =>
      addNote.run(n.orderId, n.kind, n.waybill, n.state, n.errcode, n.error, n.at, n.doneAt).changes > 0,
    dueNotifications: (limit) => dueNotes.all(limit).map(toNote),
    finishNotification: (orderId, kind, p) => {
      finishNote.run(p.state, p.errcode, p.error, p.doneAt, orderId, kind);
    },
    notifications: (orderId) => notesOf.all(orderId).map(toNote),
  };
}
