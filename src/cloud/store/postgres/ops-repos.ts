// PostgreSQL repositories: shipments, exceptions, waybill numbers, WeChat bookkeeping, settings and
// e-waybills. Same behaviour as ../sqlite/ops-repos.ts; ties SQLite broke by rowid are broken by the
// explicit `rowid` column (schema/ops.ts).
import * as rows from '../rows/ops.js';
import type { HubTx, ShipmentState } from '../types.js';
import type { PgSql } from './sql.js';

// `SELECT *` would add the rowid column; rows are read by these names only.
const SHIPMENT_LIST = rows.SHIPMENT_COLUMNS.join(', ');
const SHIPMENT_UPSERT = `INSERT INTO shipments (${SHIPMENT_LIST})
  VALUES (${rows.SHIPMENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (parcel_id) DO UPDATE SET ${rows.SHIPMENT_COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

export function shipmentsRepo(sql: PgSql): HubTx['shipments'] {
  const list = async (text: string, params: unknown[]) =>
    (await sql.rows<rows.ShipmentDbRow>(text, params)).map(rows.toShipment);
  return {
    async upsert(row) {
      await sql.run(SHIPMENT_UPSERT, rows.shipmentParams(row));
    },
    async get(id) {
      const r = await sql.row<rows.ShipmentDbRow>(`SELECT ${SHIPMENT_LIST} FROM shipments WHERE parcel_id = $1`, [id]);
      return r ? rows.toShipment(r) : undefined;
    },
    forOrder: (orderId) =>
      list(`SELECT ${SHIPMENT_LIST} FROM shipments WHERE order_id = $1 ORDER BY parcel_no, packed_at, rowid`, [
        orderId,
      ]),
    inStates: (states, limit) =>
      list(`SELECT ${SHIPMENT_LIST} FROM shipments WHERE state = ANY($1::text[]) ORDER BY packed_at, rowid LIMIT $2`, [
        states,
        limit,
      ]),
    // An order with several due parcels comes once, at its earliest due time.
    dueOrders: async (now, limit) =>
      (
        await sql.rows<{ order_id: string }>(
          `SELECT order_id FROM shipments WHERE state IN ('pending', 'sending') AND next_at <= $1
           GROUP BY order_id ORDER BY min(next_at), min(rowid) LIMIT $2`,
          [now, limit],
        )
      ).map((r) => r.order_id),
    async update(parcelId, patch) {
      const keys = Object.keys(patch) as (keyof typeof rows.SHIPMENT_COLUMN)[];
      if (keys.length === 0) return;
      await sql.run(
        `UPDATE shipments SET ${keys.map((k, i) => `${rows.SHIPMENT_COLUMN[k]} = $${i + 1}`).join(', ')} WHERE parcel_id = $${keys.length + 1}`,
        [...keys.map((k) => rows.shipmentValue(k, patch[k])), parcelId],
      );
    },
    handovers: (from, to) =>
      sql.rows<{ parcelId: string; at: number }>(
        `SELECT parcel_id AS "parcelId", done_at AS at FROM shipments
         WHERE state = 'done' AND done_at >= $1 AND done_at < $2 ORDER BY rowid`,
        [from, to],
      ),
    handoversSince: (since) =>
      sql.rows<{ parcelId: string; at: number }>(
        `SELECT parcel_id AS "parcelId", done_at AS at FROM shipments WHERE state = 'done' AND done_at >= $1 ORDER BY rowid`,
        [since],
      ),
    counts: async () =>
      rows.shipmentCounts(
        await sql.rows<{ state: ShipmentState; n: number }>(
          'SELECT state, count(*) AS n FROM shipments GROUP BY state',
        ),
      ),
  };
}

export function exceptionsRepo(sql: PgSql, feed: HubTx['feed']): HubTx['exceptions'] {
  const COLUMNS = 'id, order_id, station_id, kind, detail, at, resolved_at';
  return {
    async add(e) {
      const open = await sql.row(
        `SELECT 1 FROM exceptions WHERE order_id = $1 AND kind = $2 AND coalesce(station_id, '') = coalesce($3::text, '')
           AND resolved_at IS NULL`,
        [e.orderId, e.kind, e.stationId],
      );
      if (open) return null;
      await sql.run(
        'INSERT INTO exceptions (id, order_id, station_id, kind, detail, at) VALUES ($1, $2, $3, $4, $5, $6)',
        rows.exceptionParams(e),
      );
      // Stations see the exceptions about their own parcels; the supervisor sees them all at the hub.
      await feed.append('exception', e.id, e.stationId);
      return e;
    },
    async get(id) {
      const r = await sql.row<rows.ExceptionDbRow>(`SELECT ${COLUMNS} FROM exceptions WHERE id = $1`, [id]);
      return r && rows.toException(r);
    },
    resolve: (orderId, kinds, at) =>
      sql.run(
        'UPDATE exceptions SET resolved_at = $1 WHERE order_id = $2 AND resolved_at IS NULL AND kind = ANY($3::text[])',
        [at, orderId, kinds],
      ),
    async list(filter) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.orderId) {
        args.push(filter.orderId);
        where.push(`order_id = $${args.length}`);
      }
      if (filter.open) where.push('resolved_at IS NULL');
      const found = await sql.rows<rows.ExceptionDbRow>(
        `SELECT ${COLUMNS} FROM exceptions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, rowid`,
        args,
      );
      return found.map(rows.toListedException);
    },
  };
}

export function waybillsRepo(sql: PgSql, feed: HubTx['feed']): HubTx['waybills'] {
  return {
    async addNumbers(carrier, numbers, at) {
      // One statement for the whole list; a number repeated within it counts as a duplicate, as in SQLite.
      const added = await sql.run(
        `INSERT INTO waybill_numbers (carrier, number, state, at)
         SELECT $1::text, n, 'free', $3::bigint FROM unnest($2::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i
         ON CONFLICT DO NOTHING`,
        [carrier, numbers, at],
      );
      return { added, duplicates: numbers.length - added };
    },
    async allocate(stationId, carrier, count, batchId, at) {
      const numbers = (
        await sql.rows<{ number: string }>(
          "SELECT number FROM waybill_numbers WHERE carrier = $1 AND state = 'free' ORDER BY at, number LIMIT $2",
          [carrier, count],
        )
      ).map((r) => r.number);
      if (numbers.length === 0) return [];
      await sql.run(
        `UPDATE waybill_numbers SET state = 'allocated', station_id = $1, batch_id = $2, at = $3
         WHERE carrier = $4 AND number = ANY($5::text[])`,
        [stationId, batchId, at, carrier, numbers],
      );
      await sql.run('INSERT INTO waybill_batches (id, station_id, carrier, at) VALUES ($1, $2, $3, $4)', [
        batchId,
        stationId,
        carrier,
        at,
      ]);
      await feed.append('waybills', batchId, stationId);
      return numbers;
    },
    async batch(batchId) {
      const b = await sql.row<{ id: string; station_id: string; carrier: string }>(
        'SELECT id, station_id, carrier FROM waybill_batches WHERE id = $1',
        [batchId],
      );
      if (!b) return undefined;
      const numbers = await sql.rows<{ number: string }>(
        'SELECT number FROM waybill_numbers WHERE batch_id = $1 ORDER BY number',
        [batchId],
      );
      return { batchId: b.id, stationId: b.station_id, carrier: b.carrier, numbers: numbers.map((r) => r.number) };
    },
    async markUsed(carrier, waybill, stationId) {
      await sql.run(
        "UPDATE waybill_numbers SET state = 'used', station_id = coalesce(station_id, $1) WHERE carrier = $2 AND number = $3",
        [stationId, carrier, waybill],
      );
    },
    async heldBy(stationId) {
      const out: Record<string, number> = {};
      for (const r of await sql.rows<{ carrier: string; n: number }>(
        `SELECT carrier, count(*) AS n FROM waybill_numbers WHERE station_id = $1 AND state = 'allocated'
         GROUP BY carrier ORDER BY carrier`,
        [stationId],
      ))
        out[r.carrier] = r.n;
      return out;
    },
    free: async (carrier) =>
      (
        await sql.row<{ n: number }>(
          "SELECT count(*) AS n FROM waybill_numbers WHERE carrier = $1 AND state = 'free'",
          [carrier],
        )
      )?.n ?? 0,
  };
}

export function wechatRepo(sql: PgSql): HubTx['wechat'] {
  return {
    loadToken: async (appid) =>
      (await sql.row<{ token: string; expiresAt: number }>(
        'SELECT token, expires_at AS "expiresAt" FROM wechat_tokens WHERE appid = $1',
        [appid],
      )) ?? null,
    async saveToken(appid, token, expiresAt) {
      await sql.run(
        `INSERT INTO wechat_tokens (appid, token, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (appid) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at`,
        [appid, token, expiresAt],
      );
    },
    watermark: async (shopId) =>
      (await sql.row<{ at: number }>('SELECT at FROM wechat_watermarks WHERE shop_id = $1', [shopId]))?.at ?? null,
    async setWatermark(shopId, at) {
      await sql.run(
        'INSERT INTO wechat_watermarks (shop_id, at) VALUES ($1, $2) ON CONFLICT (shop_id) DO UPDATE SET at = EXCLUDED.at',
        [shopId, at],
      );
    },
    async logCall(r) {
      await sql.run(
        `INSERT INTO wechat_calls (at, appid, path, request, http_status, errcode, errmsg, rid, ms, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [r.at, r.appid, r.path, r.request, r.httpStatus, r.errcode, r.errmsg, r.rid, r.ms, r.error],
      );
    },
    callCounts: (since) =>
      sql.rows<{ appid: string; path: string; calls: number; errors: number }>(
        `SELECT appid, path, count(*) AS calls,
                sum(CASE WHEN errcode IS NOT NULL AND errcode <> 0 THEN 1 ELSE 0 END) AS errors
         FROM wechat_calls WHERE at >= $1 GROUP BY appid, path ORDER BY appid, path`,
        [since],
      ),
    firstSeen: async (key, at) =>
      (await sql.run('INSERT INTO push_seen (key, at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, at])) === 1,
    quotaStop: async (path) =>
      (await sql.row<{ until: number }>('SELECT until FROM quota_stops WHERE path = $1', [path]))?.until ?? null,
    async setQuotaStop(path, until) {
      await sql.run(
        'INSERT INTO quota_stops (path, until) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET until = EXCLUDED.until',
        [path, until],
      );
    },
  };
}

export function settingsRepo(sql: PgSql): HubTx['settings'] {
  return {
    get: async <T>(key: string) => {
      const r = await sql.row<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
      return r === undefined ? null : (JSON.parse(r.value) as T);
    },
    async set(key, value) {
      await sql.run(
        'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
        [key, JSON.stringify(value)],
      );
    },
  };
}

export function ewaybillsRepo(sql: PgSql): HubTx['ewaybills'] {
  return {
    async get(orderId) {
      const r = await sql.row<rows.EwaybillDbRow>(
        `SELECT ${rows.EWAYBILL_COLUMNS} FROM ewaybills WHERE order_id = $1`,
        [orderId],
      );
      return r ? rows.toEwaybill(r) : undefined;
    },
    async upsert(e) {
      await sql.run(
        `INSERT INTO ewaybills (${rows.EWAYBILL_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (order_id) DO UPDATE SET ewaybill_order_id = EXCLUDED.ewaybill_order_id, carrier = EXCLUDED.carrier,
           waybill = EXCLUDED.waybill, state = EXCLUDED.state, attempts = EXCLUDED.attempts, error = EXCLUDED.error,
           updated_at = EXCLUDED.updated_at`,
        rows.ewaybillParams(e),
      );
    },
    // Oldest order first: orders.rowid is the order's insertion position (schema/core.ts).
    needing: async (shopId, maxAttempts, limit) =>
      (
        await sql.rows<{ id: string }>(
          `SELECT o.id FROM orders o LEFT JOIN ewaybills e ON e.order_id = o.id
           WHERE o.shop_id = $1 AND o.status = 'open' AND o.packed_by IS NULL
             AND (e.order_id IS NULL OR (e.state IN ('precreated', 'failed') AND e.attempts < $2))
           ORDER BY o.rowid LIMIT $3`,
          [shopId, maxAttempts, limit],
        )
      ).map((r) => r.id),
  };
}
