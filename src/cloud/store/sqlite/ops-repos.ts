// SQLite repositories: shipments, exceptions, waybill numbers, WeChat bookkeeping and settings.
import type { Db } from '../../../base/node/sqlite/open.js';
import * as rows from '../rows/ops.js';
import type { HubTx, ShipmentState } from '../types.js';

export function shipmentsRepo(db: Db): HubTx['shipments'] {
  const get = db.prepare<[string], rows.ShipmentDbRow>('SELECT * FROM shipments WHERE parcel_id = ?');
  return {
    upsert(row) {
      db.prepare(
        `INSERT INTO shipments (${rows.SHIPMENT_COLUMNS.join(', ')}) VALUES (${rows.SHIPMENT_COLUMNS.map(() => '?').join(', ')})
         ON CONFLICT(parcel_id) DO UPDATE SET ${rows.SHIPMENT_COLUMNS.slice(1)
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')}`,
      ).run(...rows.shipmentParams(row));
    },
    get: (id) => {
      const r = get.get(id);
      return r ? rows.toShipment(r) : undefined;
    },
    forOrder: (orderId) =>
      (
        db
          .prepare('SELECT * FROM shipments WHERE order_id = ? ORDER BY parcel_no, packed_at')
          .all(orderId) as rows.ShipmentDbRow[]
      ).map(rows.toShipment),
    inStates: (states, limit) =>
      (
        db
          .prepare(
            `SELECT * FROM shipments WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY packed_at LIMIT ?`,
          )
          .all(...states, limit) as rows.ShipmentDbRow[]
      ).map(rows.toShipment),
    dueOrders: (now, limit) =>
      db
        .prepare(
          "SELECT DISTINCT order_id FROM shipments WHERE state IN ('pending', 'sending') AND next_at <= ? ORDER BY next_at LIMIT ?",
        )
        .pluck()
        .all(now, limit) as string[],
    update(parcelId, patch) {
      const keys = Object.keys(patch) as (keyof typeof rows.SHIPMENT_COLUMN)[];
      if (keys.length === 0) return;
      db.prepare(
        `UPDATE shipments SET ${keys.map((k) => `${rows.SHIPMENT_COLUMN[k]} = ?`).join(', ')} WHERE parcel_id = ?`,
      ).run(...keys.map((k) => rows.shipmentValue(k, patch[k])), parcelId);
    },
    handovers: (from, to) =>
      db
        .prepare(
          "SELECT parcel_id AS parcelId, done_at AS at FROM shipments WHERE state = 'done' AND done_at >= ? AND done_at < ?",
        )
        .all(from, to) as { parcelId: string; at: number }[],
    handoversSince: (since) =>
      db
        .prepare("SELECT parcel_id AS parcelId, done_at AS at FROM shipments WHERE state = 'done' AND done_at >= ?")
        .all(since) as { parcelId: string; at: number }[],
    counts: () =>
      rows.shipmentCounts(
        db.prepare('SELECT state, count(*) AS n FROM shipments GROUP BY state').all() as {
          state: ShipmentState;
          n: number;
        }[],
      ),
  };
}

export function exceptionsRepo(db: Db, feed: HubTx['feed']): HubTx['exceptions'] {
  return {
    add(e) {
      const open = db
        .prepare(
          "SELECT 1 FROM exceptions WHERE order_id = ? AND kind = ? AND coalesce(station_id, '') = coalesce(?, '') AND resolved_at IS NULL",
        )
        .get(e.orderId, e.kind, e.stationId);
      if (open) return null;
      db.prepare('INSERT INTO exceptions (id, order_id, station_id, kind, detail, at) VALUES (?, ?, ?, ?, ?, ?)').run(
        ...rows.exceptionParams(e),
      );
      // Stations see the exceptions about their own parcels; the supervisor sees them all at the hub.
      void feed.append('exception', e.id, e.stationId);
      return e;
    },
    get: (id) => {
      const r = db.prepare('SELECT * FROM exceptions WHERE id = ?').get(id) as rows.ExceptionDbRow | undefined;
      return r && rows.toException(r);
    },
    resolve: (orderId, kinds, at) =>
      db
        .prepare(
          `UPDATE exceptions SET resolved_at = ? WHERE order_id = ? AND resolved_at IS NULL AND kind IN (${kinds
            .map(() => '?')
            .join(', ')})`,
        )
        .run(at, orderId, ...kinds).changes,
    list(filter) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.orderId) {
        where.push('order_id = ?');
        args.push(filter.orderId);
      }
      if (filter.open) where.push('resolved_at IS NULL');
      return (
        db
          .prepare(`SELECT * FROM exceptions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at`)
          .all(...args) as rows.ExceptionDbRow[]
      ).map(rows.toListedException);
    },
  };
}

export function waybillsRepo(db: Db, feed: HubTx['feed']): HubTx['waybills'] {
  return {
    addNumbers(carrier, numbers, at) {
      const ins = db.prepare(
        "INSERT OR IGNORE INTO waybill_numbers (carrier, number, state, at) VALUES (?, ?, 'free', ?)",
      );
      let added = 0;
      for (const n of numbers) added += ins.run(carrier, n, at).changes;
      return { added, duplicates: numbers.length - added };
    },
    allocate(stationId, carrier, count, batchId, at) {
      const numbers = db
        .prepare("SELECT number FROM waybill_numbers WHERE carrier = ? AND state = 'free' ORDER BY at, number LIMIT ?")
        .pluck()
        .all(carrier, count) as string[];
      if (numbers.length === 0) return [];
      const mark = db.prepare(
        "UPDATE waybill_numbers SET state = 'allocated', station_id = ?, batch_id = ?, at = ? WHERE carrier = ? AND number = ?",
      );
      for (const n of numbers) mark.run(stationId, batchId, at, carrier, n);
      db.prepare('INSERT INTO waybill_batches (id, station_id, carrier, at) VALUES (?, ?, ?, ?)').run(
        batchId,
        stationId,
        carrier,
        at,
      );
      void feed.append('waybills', batchId, stationId);
      return numbers;
    },
    batch(batchId) {
      const b = db.prepare('SELECT id, station_id, carrier FROM waybill_batches WHERE id = ?').get(batchId) as
        { id: string; station_id: string; carrier: string } | undefined;
      if (!b) return undefined;
      const numbers = db
        .prepare('SELECT number FROM waybill_numbers WHERE batch_id = ? ORDER BY number')
        .pluck()
        .all(batchId) as string[];
      return { batchId: b.id, stationId: b.station_id, carrier: b.carrier, numbers };
    },
    markUsed: (carrier, waybill, stationId) =>
      void db
        .prepare(
          "UPDATE waybill_numbers SET state = 'used', station_id = coalesce(station_id, ?) WHERE carrier = ? AND number = ?",
        )
        .run(stationId, carrier, waybill),
    heldBy(stationId) {
      const out: Record<string, number> = {};
      for (const r of db
        .prepare(
          "SELECT carrier, count(*) AS n FROM waybill_numbers WHERE station_id = ? AND state = 'allocated' GROUP BY carrier",
        )
        .all(stationId) as { carrier: string; n: number }[]) {
        out[r.carrier] = r.n;
      }
      return out;
    },
    free: (carrier) =>
      db
        .prepare("SELECT count(*) FROM waybill_numbers WHERE carrier = ? AND state = 'free'")
        .pluck()
        .get(carrier) as number,
  };
}

export function wechatRepo(db: Db): HubTx['wechat'] {
  return {
    loadToken: (appid) =>
      (db.prepare('SELECT token, expires_at AS expiresAt FROM wechat_tokens WHERE appid = ?').get(appid) as
        { token: string; expiresAt: number } | undefined) ?? null,
    saveToken: (appid, token, expiresAt) =>
      void db
        .prepare(
          'INSERT INTO wechat_tokens (appid, token, expires_at) VALUES (?, ?, ?) ON CONFLICT(appid) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at',
        )
        .run(appid, token, expiresAt),
    watermark: (shopId) =>
      (db.prepare('SELECT at FROM wechat_watermarks WHERE shop_id = ?').pluck().get(shopId) as number | undefined) ??
      null,
    setWatermark: (shopId, at) =>
      void db
        .prepare(
          'INSERT INTO wechat_watermarks (shop_id, at) VALUES (?, ?) ON CONFLICT(shop_id) DO UPDATE SET at = excluded.at',
        )
        .run(shopId, at),
    logCall: (r) =>
      void db
        .prepare(
          'INSERT INTO wechat_calls (at, appid, path, request, http_status, errcode, errmsg, rid, ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(r.at, r.appid, r.path, r.request, r.httpStatus, r.errcode, r.errmsg, r.rid, r.ms, r.error),
    callCounts: (since) =>
      db
        .prepare(
          `SELECT appid, path, COUNT(*) AS calls, SUM(CASE WHEN errcode IS NOT NULL AND errcode <> 0 THEN 1 ELSE 0 END) AS errors
           FROM wechat_calls WHERE at >= ? GROUP BY appid, path ORDER BY appid, path`,
        )
        .all(since) as { appid: string; path: string; calls: number; errors: number }[],
    firstSeen: (key, at) =>
      db.prepare('INSERT OR IGNORE INTO push_seen (key, at) VALUES (?, ?)').run(key, at).changes === 1,
    quotaStop: (path) =>
      (db.prepare('SELECT until FROM quota_stops WHERE path = ?').pluck().get(path) as number | undefined) ?? null,
    setQuotaStop: (path, until) =>
      void db
        .prepare(
          'INSERT INTO quota_stops (path, until) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET until = excluded.until',
        )
        .run(path, until),
  };
}

export function settingsRepo(db: Db): HubTx['settings'] {
  return {
    get: <T>(key: string) => {
      const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
      return v === undefined ? null : (JSON.parse(v) as T);
    },
    set: (key, value) =>
      void db
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        )
        .run(key, JSON.stringify(value)),
  };
}

export function ewaybillsRepo(db: Db): HubTx['ewaybills'] {
  return {
    get: (orderId) => {
      const r = db.prepare('SELECT * FROM ewaybills WHERE order_id = ?').get(orderId) as rows.EwaybillDbRow | undefined;
      return r ? rows.toEwaybill(r) : undefined;
    },
    upsert: (e) =>
      void db
        .prepare(
          `INSERT INTO ewaybills (${rows.EWAYBILL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(order_id) DO UPDATE SET ewaybill_order_id = excluded.ewaybill_order_id, carrier = excluded.carrier, waybill = excluded.waybill,
             state = excluded.state, attempts = excluded.attempts, error = excluded.error, updated_at = excluded.updated_at`,
        )
        .run(...rows.ewaybillParams(e)),
    needing: (shopId, maxAttempts, limit) =>
      db
        .prepare(
          `SELECT o.id FROM orders o LEFT JOIN ewaybills e ON e.order_id = o.id
           WHERE o.shop_id = ? AND o.status = 'open' AND o.packed_by IS NULL
             AND (e.order_id IS NULL OR (e.state IN ('precreated', 'failed') AND e.attempts < ?))
           ORDER BY o.rowid LIMIT ?`,
        )
        .pluck()
        .all(shopId, maxAttempts, limit) as string[],
  };
}
