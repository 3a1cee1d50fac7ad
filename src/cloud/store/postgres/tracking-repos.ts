// Parcel tracking at the hub: parcels followed, carrier events, buyer notifications. Same behaviour
// as ../sqlite/tracking-repos.ts.
import * as rows from '../rows/tracking.js';
import type { TrackingRepo } from '../tracking-types.js';
import type { PgSql } from './sql.js';

// SQLite's INSERT OR REPLACE: the whole row is the new one.
const PUT_PARCEL = `INSERT INTO tracking_parcels (${rows.PARCEL_COLUMNS.join(', ')})
  VALUES (${rows.PARCEL_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (waybill) DO UPDATE SET ${rows.PARCEL_COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

export function trackingRepo(sql: PgSql): TrackingRepo {
  const parcels = async (text: string, params: unknown[]) =>
    (await sql.rows<rows.ParcelRow>(text, params)).map(rows.toParcel);
  const notes = async (text: string, params: unknown[]) =>
    (await sql.rows<rows.NoteRow>(text, params)).map(rows.toNote);
  return {
    parcel: async (waybill) => {
      const r = await sql.row<rows.ParcelRow>('SELECT * FROM tracking_parcels WHERE waybill = $1', [waybill]);
      return r && rows.toParcel(r);
    },
    async putParcel(p) {
      await sql.run(PUT_PARCEL, rows.parcelParams(p));
    },
    events: async (waybill) =>
      (
        await sql.rows<rows.EventRow>(
          'SELECT waybill, carrier, state, at, place, detail, source FROM tracking_events WHERE waybill = $1 ORDER BY at, key',
          [waybill],
        )
      ).map(rows.toEvent),
    async addEvents(list, receivedAt) {
      let added = 0;
      for (const { key, event: e } of list)
        added += await sql.run(
          `INSERT INTO tracking_events (waybill, key, carrier, state, at, place, detail, source, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
          rows.eventParams(key, e, receivedAt),
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
        rows.noteParams(n),
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
