// SQLite repositories: stations, catalog, packers, orders, the change feed, events and claims.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { Layout, Product } from '../../../contract/entities.js';
import type { StationReport } from '../../../contract/sync.js';
import type { LayoutPeriod } from '../../../contract/stats.js';
import type { ClaimRow, FeedKind, HubOrderRow, HubTx, StationRow } from '../types.js';
import { orderWire } from '../../order-wire.js';
import { expandEvent } from '../../../domain/stats/compact.js';
import { EVENT_COLUMNS, eventParams } from '../rows/station-event.js';
import { selectEdgeRows, type EdgeRowAccess } from '../../../domain/stats/edge-events.js';
import type { StatsEvent } from '../../../contract/stats.js';

type StationDbRow = {
  id: string;
  name: string;
  layout: Layout;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
};
const station = (r: StationDbRow): StationRow => ({
  id: r.id,
  name: r.name,
  layout: r.layout,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
});

/** The statistics columns beside each stored event (a, b, n1, n2, f; src/domain/stats/compact.ts). */
type CompactColumns = [string | null, string | null, string | null, number | null, number | null, 0 | 1 | null];

/** A station_events row as range reads it: id, type, at, station_id, then the compact columns. */
type RawEvent = [string, string, number, string, ...CompactColumns];

const RAW_EVENT: EdgeRowAccess<RawEvent> = {
  type: (r) => r[1],
  at: (r) => r[2],
  stationId: (r) => r[3],
  packerId: (r) => r[4],
};

function expandRows(rows: Iterable<unknown>): StatsEvent[] {
  const out: StatsEvent[] = [];
  for (const r of rows as Iterable<RawEvent>)
    out.push(expandEvent(r[0], r[1], r[2], r[3], r[4], { a: r[5], b: r[6], n1: r[7], n2: r[8], f: r[9] }));
  return out;
}

export function stationsRepo(db: Db): HubTx['stations'] {
  const byId = db.prepare<[string], StationDbRow>('SELECT * FROM stations WHERE id = ?');
  const byHash = db.prepare<[string], StationDbRow>('SELECT * FROM stations WHERE token_hash = ?');
  const history = db.prepare('INSERT INTO layout_history (station_id, layout, from_at) VALUES (?, ?, ?)');
  return {
    add(r) {
      db.prepare('INSERT INTO stations (id, name, layout, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
        r.id,
        r.name,
        r.layout,
        r.tokenHash,
        r.createdAt,
      );
      history.run(r.id, r.layout, r.createdAt);
    },
    get: (id) => {
      const r = byId.get(id);
      return r ? station(r) : undefined;
    },
    byTokenHash: (hash) => {
      const r = byHash.get(hash);
      return r ? station(r) : undefined;
    },
    list: () => (db.prepare('SELECT * FROM stations ORDER BY id').all() as StationDbRow[]).map(station),
    touch: (id, at) => void db.prepare('UPDATE stations SET last_seen_at = ? WHERE id = ?').run(at, id),
    revoke: (id, at) =>
      db.prepare('UPDATE stations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1,
    setToken: (id, hash) =>
      void db.prepare('UPDATE stations SET token_hash = ?, revoked_at = NULL WHERE id = ?').run(hash, id),
    setReport: (id, report) =>
      void db.prepare('UPDATE stations SET report = ? WHERE id = ?').run(JSON.stringify(report), id),
    report: (id) => {
      const v = db.prepare('SELECT report FROM stations WHERE id = ?').pluck().get(id) as string | null | undefined;
      return v ? (JSON.parse(v) as StationReport) : null;
    },
    layoutPeriods: () =>
      db
        .prepare(
          'SELECT station_id AS stationId, layout, from_at AS "from" FROM layout_history ORDER BY from_at, rowid',
        )
        .all() as LayoutPeriod[],
    setLayout(id, layout, at) {
      db.prepare('UPDATE stations SET layout = ? WHERE id = ?').run(layout, id);
      history.run(id, layout, at);
    },
    correctLayout(id, layout) {
      db.prepare('UPDATE stations SET layout = ? WHERE id = ?').run(layout, id);
      db.prepare(
        'UPDATE layout_history SET layout = ? WHERE rowid = (SELECT rowid FROM layout_history WHERE station_id = ? ORDER BY from_at DESC, rowid DESC LIMIT 1)',
      ).run(layout, id);
    },
    layoutHistory: (id) =>
      db
        .prepare('SELECT layout, from_at AS "from" FROM layout_history WHERE station_id = ? ORDER BY from_at, rowid')
        .all(id) as { layout: Layout; from: number }[],
  };
}

export function productsRepo(db: Db, feed: HubTx['feed']): HubTx['products'] {
  const get = db.prepare<[number], { body: string }>('SELECT body FROM products WHERE id = ?');
  const bySku = db.prepare<[string], { body: string }>('SELECT body FROM products WHERE sku = ?');
  const remove = db.prepare('DELETE FROM products WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO products (id, sku, body, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET sku = excluded.sku, body = excluded.body, updated_at = excluded.updated_at`,
  );
  return {
    upsert(products, opts) {
      let changed = 0;
      for (const p of products) {
        const body = JSON.stringify(p);
        if (get.get(p.id)?.body === body) {
          if (opts.resend) void feed.append('product', String(p.id), null);
          continue;
        }
        upsert.run(p.id, p.sku, body, opts.at);
        void feed.append('product', String(p.id), null);
        changed++;
      }
      return changed;
    },
    remove: (id) => remove.run(id).changes > 0,
    get: (id) => {
      const r = get.get(id);
      return r ? (JSON.parse(r.body) as Product) : undefined;
    },
    bySku: (sku) => {
      const r = bySku.get(sku);
      return r ? (JSON.parse(r.body) as Product) : undefined;
    },
    bySkus(skus) {
      const out = new Map<string, Product>();
      for (const sku of new Set(skus)) {
        const r = bySku.get(sku);
        if (r) out.set(sku, JSON.parse(r.body) as Product);
      }
      return out;
    },
    all: () =>
      (db.prepare('SELECT body FROM products ORDER BY id').all() as { body: string }[]).map(
        (r) => JSON.parse(r.body) as Product,
      ),
    nextId: () => db.prepare('SELECT coalesce(max(id), 0) + 1 FROM products').pluck().get() as number,
  };
}

type PackerRow = Awaited<ReturnType<HubTx['packers']['all']>>[number];

export function packersRepo(db: Db, feed: HubTx['feed']): HubTx['packers'] {
  return {
    upsert(packers) {
      const get = db.prepare<[string], { body: string }>('SELECT body FROM packers WHERE id = ?');
      for (const p of packers) {
        const body = JSON.stringify({ id: p.id, name: p.name, badge: p.badge, role: p.role });
        if (get.get(p.id)?.body === body) continue;
        db.prepare(
          'INSERT INTO packers (id, body) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body',
        ).run(p.id, body);
        void feed.append('packer', p.id, null);
      }
    },
    all: () =>
      (db.prepare('SELECT body FROM packers ORDER BY id').all() as { body: string }[]).map(
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

export function ordersRepo(db: Db, feed: HubTx['feed']): HubTx['orders'] {
  const get = db.prepare<[string], OrderDbRow & { content_hash: string }>(
    'SELECT body, version, packed_by, packed_at, content_hash FROM orders WHERE id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO orders (id, source, shop_id, status, version, content_hash, body, wire, updated_at) VALUES (@id, @source, @shopId, @status, 1, @contentHash, @body, @wire, @updatedAt)`,
  );
  const replace = db.prepare(
    'UPDATE orders SET status = @status, version = version + 1, content_hash = @contentHash, body = @body, wire = @wire, updated_at = @updatedAt WHERE id = @id',
  );
  const writeStmt = db.prepare(
    'UPDATE orders SET status = ?, version = version + 1, body = ?, wire = ?, updated_at = ? WHERE id = ?',
  );
  const write = (row: HubOrderRow) =>
    writeStmt.run(
      row.status,
      JSON.stringify({ ...row, version: undefined, packedBy: undefined, packedAt: undefined }),
      orderWire(row, row.version + 1),
      row.updatedAt,
      row.id,
    );
  const wires = db.prepare<[string], { id: string; wire: string }>(
    'SELECT id, wire FROM orders WHERE id IN (SELECT value FROM json_each(?))',
  );
  const isKnown = db.prepare<[string], number>('SELECT 1 FROM orders WHERE id = ?').pluck();
  const insertIfNew = db.prepare(
    `INSERT OR IGNORE INTO orders (id, source, shop_id, status, version, content_hash, body, wire, updated_at) VALUES (@id, @source, @shopId, @status, 1, @contentHash, @body, @wire, @updatedAt)`,
  );
  return {
    get: (id) => {
      const r = get.get(id);
      return r ? order(r) : undefined;
    },
    upsert(row) {
      const existing = get.get(row.id);
      const body = JSON.stringify(row);
      if (!existing) {
        insert.run({ ...row, body, shopId: row.shopId, wire: orderWire(row, 1) });
      } else if (existing.content_hash !== row.contentHash) {
        replace.run({ ...row, body, shopId: row.shopId, wire: orderWire(row, existing.version + 1) });
      } else {
        return { changed: false, version: existing.version };
      }
      void feed.append('order', row.id, null);
      return { changed: true, version: existing ? existing.version + 1 : 1 };
    },
    known: (ids) => new Set(ids.filter((id) => isKnown.get(id) !== undefined)),
    insertNew(rows) {
      const stored = rows
        .filter((row) => insertIfNew.run({ ...row, body: JSON.stringify(row), wire: orderWire(row, 1) }).changes === 1)
        .map((row) => row.id);
      if (stored.length > 0) void feed.appendMany('order', stored, null);
      return stored;
    },
    setStatus(id, status, holdReason, at) {
      const current = get.get(id);
      if (!current) return;
      const o = order(current);
      write({ ...o, status, holdReason, updatedAt: at });
      void feed.append('order', id, null);
    },
    markPacked: (id, stationId, at) =>
      void db
        .prepare(
          'UPDATE orders SET packed_by = coalesce(packed_by, ?), packed_at = coalesce(packed_at, ?) WHERE id = ?',
        )
        .run(stationId, at, id),
    setPreassigned(id, preassigned) {
      const current = get.get(id);
      if (!current) return;
      write({ ...order(current), preassigned });
      void feed.append('order', id, null);
    },
    setSubWaybills(id, subWaybills) {
      const current = get.get(id);
      if (!current) return;
      write({ ...order(current), subWaybills });
      void feed.append('order', id, null);
    },
    setStockHints(id, hints) {
      const current = get.get(id);
      if (!current) return;
      const o = order(current);
      const lines = o.lines.map(({ stockHint: _old, ...line }) => {
        const hint = hints.get(line.lineNo);
        return hint ? { ...line, stockHint: hint } : line;
      });
      write({ ...o, lines });
      void feed.append('order', id, null);
    },
    count: () => db.prepare('SELECT count(*) FROM orders').pluck().get() as number,
    wires(ids) {
      const out = new Map<string, string>();
      for (let i = 0; i < ids.length; i += 1000)
        for (const r of wires.all(JSON.stringify(ids.slice(i, i + 1000)))) out.set(r.id, r.wire);
      return out;
    },
  };
}

export function feedRepo(db: Db): HubTx['feed'] {
  const append = db.prepare('INSERT INTO feed (kind, ref, station_id) VALUES (?, ?, ?)');
  const since = db.prepare<[number, string, number], { seq: number; kind: FeedKind; ref: string }>(
    'SELECT seq, kind, ref FROM feed WHERE seq > ? AND (station_id IS NULL OR station_id = ?) ORDER BY seq LIMIT ?',
  );
  return {
    append: (kind, ref, stationId) => Number(append.run(kind, ref, stationId).lastInsertRowid),
    appendMany(kind, refs, stationId) {
      for (const ref of refs) append.run(kind, ref, stationId);
    },
    since: (cursor, stationId, limit) => since.all(cursor, stationId, limit),
    head: () => db.prepare('SELECT coalesce(max(seq), 0) FROM feed').pluck().get() as number,
  };
}

export function eventsRepo(db: Db): HubTx['events'] {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO station_events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const range = db
    .prepare(
      'SELECT id, type, at, station_id, packer_id, s_a, s_b, s_n1, s_n2, s_f FROM station_events WHERE at >= ? AND at < ? ORDER BY at',
    )
    .raw();
  const tail = db
    .prepare(
      'SELECT rowid, type, at, station_id, packer_id, s_a, s_b, s_n1, s_n2, s_f FROM station_events WHERE rowid > ? ORDER BY rowid LIMIT ?',
    )
    .raw();
  return {
    insertIfNew: (e, receivedAt) => insert.run(...eventParams(e, receivedAt)).changes === 1,
    stationOf: (id) =>
      (db.prepare('SELECT station_id FROM station_events WHERE id = ?').pluck().get(id) as string | undefined) ?? null,
    count: () => db.prepare('SELECT count(*) FROM station_events').pluck().get() as number,
    withPayload(types, from, to) {
      if (types.length === 0) return [];
      const rows = db
        .prepare(
          `SELECT id, type, at, station_id, packer_id, payload FROM station_events
           WHERE at >= ? AND at < ? AND type IN (${types.map(() => '?').join(',')}) ORDER BY at`,
        )
        .raw()
        .all(from, to, ...types) as [string, string, number, string, string | null, string][];
      return rows.map(([id, type, at, stationId, packerId, payload]) => ({
        id,
        type,
        at,
        stationId,
        packerId,
        payload: JSON.parse(payload) as Record<string, unknown>,
      }));
    },
    range: (from, to) => expandRows(range.iterate(from, to)),
    edgeEvents: (q) =>
      expandRows(selectEdgeRows(range.all(q.from - q.before, q.to + q.after) as RawEvent[], q, RAW_EVENT)),
    tail(after, minAt, limit) {
      const events: StatsEvent[] = [];
      let last = after;
      for (const r of tail.iterate(after, limit) as Iterable<[number, string, number, string, ...CompactColumns]>) {
        last = r[0];
        if (r[2] < minAt) continue;
        events.push(expandEvent('', r[1], r[2], r[3], r[4], { a: r[5], b: r[6], n1: r[7], n2: r[8], f: r[9] }));
      }
      return { events, last };
    },
    lastLogin(stationId) {
      return (db
        .prepare(
          "SELECT type, packer_id FROM station_events WHERE station_id = ? AND type IN ('packer.login', 'packer.logout') ORDER BY at DESC, rowid DESC LIMIT 1",
        )
        .get(stationId) ?? null) as { type: string; packer_id: string | null } | null;
    },
  };
}

export function claimsRepo(db: Db): HubTx['claims'] {
  const touch = db.prepare('UPDATE claims SET at = ? WHERE order_id = ? AND pack_id = ?');
  return {
    get: (orderId) =>
      db
        .prepare('SELECT station_id AS stationId, pack_id AS packId, at FROM claims WHERE order_id = ?')
        .get(orderId) as { stationId: string; packId: string; at: number } | undefined,
    set: (orderId, stationId, packId, at) =>
      void db
        .prepare(
          'INSERT INTO claims (order_id, station_id, pack_id, at) VALUES (?, ?, ?, ?) ON CONFLICT(order_id) DO UPDATE SET station_id = excluded.station_id, pack_id = excluded.pack_id, at = excluded.at',
        )
        .run(orderId, stationId, packId, at),
    touch: (orderId, packId, at) => void touch.run(at, orderId, packId),
    release: (orderId, packId) =>
      void db.prepare('DELETE FROM claims WHERE order_id = ? AND pack_id = ?').run(orderId, packId),
    remove: (orderId) => db.prepare('DELETE FROM claims WHERE order_id = ?').run(orderId).changes > 0,
    list: (limit) =>
      db
        .prepare(
          'SELECT order_id AS orderId, station_id AS stationId, pack_id AS packId, at FROM claims ORDER BY at LIMIT ?',
        )
        .all(limit) as ClaimRow[],
  };
}
