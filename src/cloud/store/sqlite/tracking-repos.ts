// Parcel tracking at the hub: parcels followed, carrier events, buyer notifications.
import type { Db } from '../../../base/node/sqlite/open.js';
import * as rows from '../rows/tracking.js';
import type { TrackingRepo } from '../tracking-types.js';

export function trackingRepo(db: Db): TrackingRepo {
  const getParcel = db.prepare<[string], rows.ParcelRow>('SELECT * FROM tracking_parcels WHERE waybill = ?');
  const putParcel = db.prepare(
    `INSERT OR REPLACE INTO tracking_parcels (${rows.PARCEL_COLUMNS.join(', ')})
     VALUES (${rows.PARCEL_COLUMNS.map(() => '?').join(', ')})`,
  );
  const events = db.prepare<[string], rows.EventRow>(
    'SELECT waybill, carrier, state, at, place, detail, source FROM tracking_events WHERE waybill = ? ORDER BY at, key',
  );
  const addEvent = db.prepare(
    `INSERT OR IGNORE INTO tracking_events (waybill, key, carrier, state, at, place, detail, source, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const undelivered = db.prepare<[number], rows.ParcelRow>(
    'SELECT * FROM tracking_parcels WHERE delivered_at IS NULL ORDER BY created_at, waybill LIMIT ?',
  );
  const between = db.prepare<[number, number], rows.ParcelRow>(
    'SELECT * FROM tracking_parcels WHERE handed_over_at >= ? AND handed_over_at < ? ORDER BY handed_over_at, waybill',
  );
  const dueSubs = db.prepare<[string, number, number], rows.ParcelRow>(
    `SELECT * FROM tracking_parcels WHERE provider = ? AND subscribed_at IS NULL AND delivered_at IS NULL
       AND next_subscribe_at <= ? ORDER BY next_subscribe_at, waybill LIMIT ?`,
  );
  const duePulls = db.prepare<[number, number], rows.ParcelRow>(
    `SELECT * FROM tracking_parcels WHERE provider = 'wechat' AND delivered_at IS NULL AND ewaybill_order_id IS NOT NULL
       AND COALESCE(pulled_at, 0) < ? ORDER BY COALESCE(pulled_at, 0), waybill LIMIT ?`,
  );
  const addNote = db.prepare(
    `INSERT OR IGNORE INTO tracking_notifications (order_id, kind, waybill, state, errcode, error, at, done_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const dueNotes = db.prepare<[number], rows.NoteRow>(
    "SELECT * FROM tracking_notifications WHERE state = 'due' ORDER BY at, order_id LIMIT ?",
  );
  const finishNote = db.prepare(
    'UPDATE tracking_notifications SET state = ?, errcode = ?, error = ?, done_at = ? WHERE order_id = ? AND kind = ?',
  );
  const notesOf = db.prepare<[string], rows.NoteRow>(
    'SELECT * FROM tracking_notifications WHERE order_id = ? ORDER BY at',
  );

  return {
    parcel: (waybill) => {
      const r = getParcel.get(waybill);
      return r && rows.toParcel(r);
    },
    putParcel: (p) => {
      putParcel.run(...rows.parcelParams(p));
    },
    events: (waybill) => events.all(waybill).map(rows.toEvent),
    addEvents: (list, receivedAt) => {
      let added = 0;
      for (const { key, event: e } of list) added += addEvent.run(...rows.eventParams(key, e, receivedAt)).changes;
      return added;
    },
    undelivered: (limit) => undelivered.all(limit).map(rows.toParcel),
    handedOverBetween: (from, to) => between.all(from, to).map(rows.toParcel),
    dueSubscriptions: (provider, now, limit) => dueSubs.all(provider, now, limit).map(rows.toParcel),
    duePulls: (before, limit) => duePulls.all(before, limit).map(rows.toParcel),
    addNotification: (n) => addNote.run(...rows.noteParams(n)).changes > 0,
    dueNotifications: (limit) => dueNotes.all(limit).map(rows.toNote),
    finishNotification: (orderId, kind, p) => {
      finishNote.run(p.state, p.errcode, p.error, p.doneAt, orderId, kind);
    },
    notifications: (orderId) => notesOf.all(orderId).map(rows.toNote),
  };
}
