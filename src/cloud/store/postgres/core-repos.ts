// PostgreSQL repositories: stations, catalog, packers, orders, the change feed, events (event-repos.ts)
// and claims, with the behaviour of ../sqlite/core-repos.ts. Text is ordered with COLLATE "C" (byte order, as SQLite
// compares), whatever collation the database was created with; ties SQLite broke by rowid are
// broken by the explicit rowid column.
import type { Layout, Product } from '../../../contract/entities.js';
import type { StationReport } from '../../../contract/sync.js';
import type { LayoutPeriod } from '../../../contract/stats.js';
import type { ClaimRow, FeedKind, HubOrderRow, HubTx, StationRow } from '../types.js';
import { orderWire } from '../../order-wire.js';
import type { PgSql } from './sql.js';

export { eventsRepo } from './event-repos.js';

type StationDbRow = {
  id: string;
  name: string;
  layout: Layout;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
};
const STATION_COLUMNS = 'id, name, layout, token_hash, created_at, revoked_at, last_seen_at';
const station = (r: StationDbRow): StationRow => ({
  id: r.id,
  name: r.name,
  layout: r.layout,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
});

export function stationsRepo(sql: PgSql): HubTx['stations'] {
  const history = (id: string, layout: Layout, at: number) =>
    sql.run('INSERT INTO layout_history (station_id, layout, from_at) VALUES ($1, $2, $3)', [id, layout, at]);
  const one = async (where: string, value: string) => {
    const r = await sql.row<StationDbRow>(`SELECT ${STATION_COLUMNS} FROM stations WHERE ${where} = $1`, [value]);
    return r ? station(r) : undefined;
  };
  return {
    async add(r) {
      await sql.run('INSERT INTO stations (id, name, layout, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
        r.id,
        r.name,
        r.layout,
        r.tokenHash,
        r.createdAt,
      ]);
      await history(r.id, r.layout, r.createdAt);
    },
    get: (id) => one('id', id),
    byTokenHash: (hash) => one('token_hash', hash),
    list: async () =>
      (await sql.rows<StationDbRow>(`SELECT ${STATION_COLUMNS} FROM stations ORDER BY id COLLATE "C"`)).map(station),
    async touch(id, at) {
      await sql.run('UPDATE stations SET last_seen_at = $1 WHERE id = $2', [at, id]);
    },
    revoke: async (id, at) =>
      (await sql.run('UPDATE stations SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])) === 1,
    async setToken(id, hash) {
      await sql.run('UPDATE stations SET token_hash = $1, revoked_at = NULL WHERE id = $2', [hash, id]);
    },
    async setReport(id, report) {
      await sql.run('UPDATE stations SET report = $1 WHERE id = $2', [JSON.stringify(report), id]);
    },
    async report(id) {
      const r = await sql.row<{ report: string | null }>('SELECT report FROM stations WHERE id = $1', [id]);
      return r?.report ? (JSON.parse(r.report) as StationReport) : null;
    },
    layoutPeriods: () =>
      sql.rows<LayoutPeriod>(
        'SELECT station_id AS "stationId", layout, from_at AS "from" FROM layout_history ORDER BY from_at, rowid',
      ),
    async setLayout(id, layout, at) {
      await sql.run('UPDATE stations SET layout = $1 WHERE id = $2', [layout, id]);
      await history(id, layout, at);
    },
    async correctLayout(id, layout) {
      await sql.run('UPDATE stations SET layout = $1 WHERE id = $2', [layout, id]);
      await sql.run(
        `UPDATE layout_history SET layout = $1 WHERE rowid = (
           SELECT rowid FROM layout_history WHERE station_id = $2 ORDER BY from_at DESC, rowid DESC LIMIT 1)`,
        [layout, id],
      );
    },
    layoutHistory: (id) =>
      sql.rows<{ layout: Layout; from: number }>(
        'SELECT layout, from_at AS "from" FROM layout_history WHERE station_id = $1 ORDER BY from_at, rowid',
        [id],
      ),
  };
}

export function productsRepo(sql: PgSql, feed: HubTx['feed']): HubTx['products'] {
  const body = async (where: string, value: number | string) =>
    (await sql.row<{ body: string }>(`SELECT body FROM products WHERE ${where} = $1`, [value]))?.body;
  return {
    async upsert(products, opts) {
      let changed = 0;
      for (const p of products) {
        const next = JSON.stringify(p);
        if ((await body('id', p.id)) === next) {
          if (opts.resend) await feed.append('product', String(p.id), null);
          continue;
        }
        await sql.run(
          `INSERT INTO products (id, sku, body, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, body = excluded.body, updated_at = excluded.updated_at`,
          [p.id, p.sku, next, opts.at],
        );
        await feed.append('product', String(p.id), null);
        changed++;
      }
      return changed;
    },
    remove: async (id) => (await sql.run('DELETE FROM products WHERE id = $1', [id])) > 0,
    async get(id) {
      const b = await body('id', id);
      return b === undefined ? undefined : (JSON.parse(b) as Product);
    },
    async bySku(sku) {
      const b = await body('sku', sku);
      return b === undefined ? undefined : (JSON.parse(b) as Product);
    },
    async bySkus(skus) {
      const rows = await sql.rows<{ sku: string; body: string }>(
        'SELECT sku, body FROM products WHERE sku = ANY($1::text[])',
        [[...new Set(skus)]],
      );
      return new Map(rows.map((r) => [r.sku, JSON.parse(r.body) as Product]));
    },
    all: async () =>
      (await sql.rows<{ body: string }>('SELECT body FROM products ORDER BY id')).map(
        (r) => JSON.parse(r.body) as Product,
      ),
    nextId: async () => (await sql.row<{ n: number }>('SELECT coalesce(max(id), 0) + 1 AS n FROM products'))!.n,
  };
}

type PackerRow = Awaited<ReturnType<HubTx['packers']['all']>>[number];

export function packersRepo(sql: PgSql, feed: HubTx['feed']): HubTx['packers'] {
  return {
    async upsert(packers) {
      for (const p of packers) {
        const body = JSON.stringify({ id: p.id, name: p.name, badge: p.badge, role: p.role });
        const current = await sql.row<{ body: string }>('SELECT body FROM packers WHERE id = $1', [p.id]);
        if (current?.body === body) continue;
        await sql.run(
          'INSERT INTO packers (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
          [p.id, body],
        );
        await feed.append('packer', p.id, null);
      }
    },
    all: async () =>
      (await sql.rows<{ body: string }>('SELECT body FROM packers ORDER BY id COLLATE "C"')).map(
        (r) => JSON.parse(r.body) as PackerRow,
      ),
  };
}

type OrderDbRow = { body: string; version: number; packed_by: string | null; packed_at: number | null };
const order = (r: OrderDbRow): HubOrderRow => ({
  ...(JSON.parse(r.body) as HubOrderRow),
  version: r.version,
  packedBy: r.packed_by,
  packedAt: r.packed_at,
});

export function ordersRepo(sql: PgSql, feed: HubTx['feed']): HubTx['orders'] {
  const get = (id: string) =>
    sql.row<OrderDbRow & { content_hash: string }>(
      'SELECT body, version, packed_by, packed_at, content_hash FROM orders WHERE id = $1',
      [id],
    );
  const write = (row: HubOrderRow) =>
    sql.run(
      'UPDATE orders SET status = $1, version = version + 1, body = $2, wire = $3, updated_at = $4 WHERE id = $5',
      [
        row.status,
        JSON.stringify({ ...row, version: undefined, packedBy: undefined, packedAt: undefined }),
        orderWire(row, row.version + 1),
        row.updatedAt,
        row.id,
      ],
    );
  /** Rewrites the order with `change` applied and tells the stations; nothing when there is no such order. */
  const rewrite = async (id: string, change: (o: HubOrderRow) => HubOrderRow) => {
    const current = await get(id);
    if (!current) return;
    await write(change(order(current)));
    await feed.append('order', id, null);
  };
  return {
    async get(id) {
      const r = await get(id);
      return r ? order(r) : undefined;
    },
    async upsert(row) {
      const existing = await get(row.id);
      const body = JSON.stringify(row);
      if (!existing) {
        await sql.run(
          `INSERT INTO orders (id, source, shop_id, status, version, content_hash, body, wire, updated_at)
           VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8)`,
          [row.id, row.source, row.shopId, row.status, row.contentHash, body, orderWire(row, 1), row.updatedAt],
        );
      } else if (existing.content_hash !== row.contentHash) {
        await sql.run(
          `UPDATE orders SET status = $1, version = version + 1, content_hash = $2, body = $3, wire = $4, updated_at = $5
           WHERE id = $6`,
          [row.status, row.contentHash, body, orderWire(row, existing.version + 1), row.updatedAt, row.id],
        );
      } else {
        return { changed: false, version: existing.version };
      }
      await feed.append('order', row.id, null);
      return { changed: true, version: existing ? existing.version + 1 : 1 };
    },
    async known(ids) {
      const rows = await sql.rows<{ id: string }>('SELECT id FROM orders WHERE id = ANY($1::text[])', [[...ids]]);
      return new Set(rows.map((r) => r.id));
    },
    async insertNew(rows) {
      if (rows.length === 0) return [];
      // One statement for the whole batch, whatever its size: columns as arrays, unnested in order.
      const inserted = await sql.rows<{ id: string }>(
        `INSERT INTO orders (id, source, shop_id, status, version, content_hash, body, wire, updated_at)
         SELECT id, source, shop_id, status, 1, content_hash, body, wire, updated_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
           WITH ORDINALITY AS r(id, source, shop_id, status, content_hash, body, wire, updated_at, n)
         ORDER BY n
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.source),
          rows.map((r) => r.shopId),
          rows.map((r) => r.status),
          rows.map((r) => r.contentHash),
          rows.map((r) => JSON.stringify(r)),
          rows.map((r) => orderWire(r, 1)),
          rows.map((r) => r.updatedAt),
        ],
      );
      // RETURNING follows no promised order: the feed follows the rows' own.
      const stored = new Set(inserted.map((r) => r.id));
      const ids = rows.map((r) => r.id).filter((id) => stored.has(id));
      if (ids.length > 0) await feed.appendMany('order', ids, null);
      return ids;
    },
    setStatus: (id, status, holdReason, at) => rewrite(id, (o) => ({ ...o, status, holdReason, updatedAt: at })),
    async markPacked(id, stationId, at) {
      await sql.run(
        'UPDATE orders SET packed_by = coalesce(packed_by, $1), packed_at = coalesce(packed_at, $2) WHERE id = $3',
        [stationId, at, id],
      );
    },
    setPreassigned: (id, preassigned) => rewrite(id, (o) => ({ ...o, preassigned })),
    setSubWaybills: (id, subWaybills) => rewrite(id, (o) => ({ ...o, subWaybills })),
    setStockHints: (id, hints) =>
      rewrite(id, (o) => ({
        ...o,
        lines: o.lines.map(({ stockHint: _old, ...line }) => {
          const hint = hints.get(line.lineNo);
          return hint ? { ...line, stockHint: hint } : line;
        }),
      })),
    count: async () => (await sql.row<{ n: number }>('SELECT count(*) AS n FROM orders'))!.n,
    async wires(ids) {
      const out = new Map<string, string>();
      for (let i = 0; i < ids.length; i += 1000) {
        const rows = await sql.rows<{ id: string; wire: string }>(
          'SELECT id, wire FROM orders WHERE id = ANY($1::text[])',
          [ids.slice(i, i + 1000)],
        );
        for (const r of rows) out.set(r.id, r.wire);
      }
      return out;
    },
  };
}

export function feedRepo(sql: PgSql): HubTx['feed'] {
  return {
    append: async (kind, ref, stationId) =>
      (await sql.row<{ seq: number }>('INSERT INTO feed (kind, ref, station_id) VALUES ($1, $2, $3) RETURNING seq', [
        kind,
        ref,
        stationId,
      ]))!.seq,
    async appendMany(kind, refs, stationId) {
      await sql.run(
        `INSERT INTO feed (kind, ref, station_id)
         SELECT $1::text, ref, $3::text FROM unnest($2::text[]) WITH ORDINALITY AS r(ref, n) ORDER BY n`,
        [kind, [...refs], stationId],
      );
    },
    since: (cursor, stationId, limit) =>
      sql.rows<{ seq: number; kind: FeedKind; ref: string }>(
        'SELECT seq, kind, ref FROM feed WHERE seq > $1 AND (station_id IS NULL OR station_id = $2) ORDER BY seq LIMIT $3',
        [cursor, stationId, limit],
      ),
    head: async () => (await sql.row<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM feed'))!.n,
  };
}

export function claimsRepo(sql: PgSql): HubTx['claims'] {
  return {
    get: (orderId) =>
      sql.row<{ stationId: string; packId: string; at: number }>(
        'SELECT station_id AS "stationId", pack_id AS "packId", at FROM claims WHERE order_id = $1',
        [orderId],
      ),
    async set(orderId, stationId, packId, at) {
      await sql.run(
        `INSERT INTO claims (order_id, station_id, pack_id, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (order_id) DO UPDATE SET station_id = excluded.station_id, pack_id = excluded.pack_id, at = excluded.at`,
        [orderId, stationId, packId, at],
      );
    },
    async touch(orderId, packId, at) {
      await sql.run('UPDATE claims SET at = $1 WHERE order_id = $2 AND pack_id = $3', [at, orderId, packId]);
    },
    async release(orderId, packId) {
      await sql.run('DELETE FROM claims WHERE order_id = $1 AND pack_id = $2', [orderId, packId]);
    },
    remove: async (orderId) => (await sql.run('DELETE FROM claims WHERE order_id = $1', [orderId])) > 0,
    list: (limit) =>
      sql.rows<ClaimRow>(
        `SELECT order_id AS "orderId", station_id AS "stationId", pack_id AS "packId", at FROM claims
         ORDER BY at, order_id COLLATE "C" LIMIT $1`,
        [limit],
      ),
  };
}
