// The hub's SQLite schema. Times are epoch ms; JSON columns hold arrays/objects written by the hub.
import type { Migration } from '../../../base/node/sqlite/migrate.js';
import { orderWire } from '../../order-wire.js';
import type { HubOrderRow } from '../types.js';
import { compactEvent } from '../../../domain/stats/compact.js';

export const hubMigrations: Migration[] = [
  {
    id: '0001_hub',
    up(db) {
      db.exec(`
        CREATE TABLE stations (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          layout TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,
          created_at INTEGER NOT NULL,
          revoked_at INTEGER,
          last_seen_at INTEGER
        );
        CREATE TABLE layout_history (station_id TEXT NOT NULL, layout TEXT NOT NULL, from_at INTEGER NOT NULL);
        CREATE INDEX layout_history_station ON layout_history(station_id, from_at);

        CREATE TABLE products (
          id INTEGER PRIMARY KEY,
          sku TEXT NOT NULL UNIQUE,
          body TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE packers (id TEXT PRIMARY KEY, body TEXT NOT NULL);

        CREATE TABLE orders (
          id TEXT PRIMARY KEY,
          source TEXT NOT NULL,
          shop_id TEXT,
          status TEXT NOT NULL,
          version INTEGER NOT NULL,
          content_hash TEXT NOT NULL,
          body TEXT NOT NULL,
          packed_by TEXT,
          packed_at INTEGER,
          updated_at INTEGER NOT NULL
        );

        -- The change feed stations pull by cursor; station_id NULL = for every station.
        CREATE TABLE feed (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL,
          ref TEXT NOT NULL,
          station_id TEXT
        );
        CREATE INDEX feed_station ON feed(station_id, seq);

        CREATE TABLE station_events (
          id TEXT PRIMARY KEY,
          station_id TEXT NOT NULL,
          type TEXT NOT NULL,
          at INTEGER NOT NULL,
          packer_id TEXT,
          payload TEXT NOT NULL,
          received_at INTEGER NOT NULL
        );
        CREATE INDEX station_events_at ON station_events(at);
        CREATE INDEX station_events_station ON station_events(station_id, at);

        CREATE TABLE claims (order_id TEXT PRIMARY KEY, station_id TEXT NOT NULL, pack_id TEXT NOT NULL, at INTEGER NOT NULL);

        CREATE TABLE shipments (
          parcel_id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL,
          station_id TEXT NOT NULL,
          pack_id TEXT NOT NULL,
          parcel_no INTEGER NOT NULL,
          carrier TEXT NOT NULL,
          waybill TEXT,
          items TEXT NOT NULL,
          weight_g INTEGER NOT NULL,
          packed_at INTEGER NOT NULL,
          state TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_at INTEGER NOT NULL DEFAULT 0,
          uncertain INTEGER NOT NULL DEFAULT 0,
          last_errcode INTEGER,
          last_errmsg TEXT,
          last_rid TEXT,
          done_at INTEGER
        );
        CREATE INDEX shipments_order ON shipments(order_id);
        CREATE INDEX shipments_due ON shipments(next_at) WHERE state IN ('pending', 'sending');

        CREATE TABLE exceptions (
          id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL,
          station_id TEXT,
          kind TEXT NOT NULL,
          detail TEXT NOT NULL,
          at INTEGER NOT NULL,
          resolved_at INTEGER
        );
        CREATE INDEX exceptions_order ON exceptions(order_id);

        CREATE TABLE waybill_numbers (
          carrier TEXT NOT NULL,
          number TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('free', 'allocated', 'used')),
          station_id TEXT,
          batch_id TEXT,
          at INTEGER NOT NULL,
          PRIMARY KEY (carrier, number)
        ) WITHOUT ROWID;
        CREATE INDEX waybill_free ON waybill_numbers(carrier, state);
        CREATE INDEX waybill_batch ON waybill_numbers(batch_id);
        CREATE INDEX waybill_station ON waybill_numbers(station_id, carrier, state);
        CREATE TABLE waybill_batches (id TEXT PRIMARY KEY, station_id TEXT NOT NULL, carrier TEXT NOT NULL, at INTEGER NOT NULL);

        CREATE TABLE wechat_tokens (appid TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL);
        CREATE TABLE wechat_watermarks (shop_id TEXT PRIMARY KEY, at INTEGER NOT NULL);
        -- Every WeChat call with errcode, errmsg and rid: support asks for the rid (spec §7.9).
        CREATE TABLE wechat_calls (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          appid TEXT NOT NULL,
          path TEXT NOT NULL,
          request TEXT NOT NULL,
          http_status INTEGER,
          errcode INTEGER,
          errmsg TEXT,
          rid TEXT,
          ms INTEGER NOT NULL,
          error TEXT
        );
        CREATE TABLE push_seen (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE quota_stops (path TEXT PRIMARY KEY, until INTEGER NOT NULL);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
    },
  },
  {
    id: '0002_ewaybill',
    up(db) {
      // One e-waybill per order of an e-waybill shop (spec §2.7): the ewaybill_order_id is kept from
      // precreate on, so a retried create reuses it and WeChat issues one number, not two.
      db.exec(`
        CREATE TABLE ewaybills (
          order_id TEXT PRIMARY KEY,
          shop_id TEXT NOT NULL,
          ewaybill_order_id TEXT,
          carrier TEXT NOT NULL,
          waybill TEXT,
          state TEXT NOT NULL CHECK (state IN ('precreated', 'created', 'printed', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          error TEXT,
          updated_at INTEGER NOT NULL
        );
      `);
    },
  },
  {
    id: '0003_order_wire',
    up(db) {
      // The order as stations receive it, kept as text beside the order (see order-wire.ts).
      db.exec('ALTER TABLE orders ADD COLUMN wire TEXT');
      const rows = db.prepare('SELECT id, body, version FROM orders').all() as {
        id: string;
        body: string;
        version: number;
      }[];
      const set = db.prepare('UPDATE orders SET wire = ? WHERE id = ?');
      for (const r of rows) set.run(orderWire(JSON.parse(r.body) as HubOrderRow, r.version), r.id);
    },
  },
  {
    id: '0004_stats',
    up(db) {
      // Statistics columns beside each event (src/domain/stats/compact.ts) and the station's last
      // report (layout, queue, faults) for the supervisor's tiles.
      db.exec(`
        ALTER TABLE station_events ADD COLUMN s_a TEXT;
        ALTER TABLE station_events ADD COLUMN s_b TEXT;
        ALTER TABLE station_events ADD COLUMN s_n1 INTEGER;
        ALTER TABLE station_events ADD COLUMN s_n2 INTEGER;
        ALTER TABLE station_events ADD COLUMN s_f INTEGER;
        ALTER TABLE stations ADD COLUMN report TEXT;
      `);
      const rows = db.prepare('SELECT id, type, payload FROM station_events').all() as {
        id: string;
        type: string;
        payload: string;
      }[];
      const set = db.prepare('UPDATE station_events SET s_a = ?, s_b = ?, s_n1 = ?, s_n2 = ?, s_f = ? WHERE id = ?');
      for (const r of rows) {
        const c = compactEvent({ type: r.type, payload: JSON.parse(r.payload) as Record<string, unknown> });
        set.run(c.a, c.b, c.n1, c.n2, c.f, r.id);
      }
    },
  },
  {
    id: '0005_wechat_call_counts',
    up(db) {
      // Per-API call counts for the admin's health view read one day of the call log, not all of it.
      db.exec('CREATE INDEX wechat_calls_at ON wechat_calls (at)');
    },
  },
  {
    id: '0006_pack_parts',
    up(db) {
      // A pack's parts may arrive in any order (pack.completed before its parcels, a waybill before
      // its parcel): each pack is tracked from its first part (by the hub's clock) until every parcel
      // can be reported, and one still missing a part after reportBack.partsTimeoutS is flagged.
      db.exec(`
        CREATE TABLE pack_parts (
          pack_id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL,
          station_id TEXT NOT NULL,
          parcels INTEGER,
          seen_at INTEGER NOT NULL,
          done_at INTEGER,
          overdue_at INTEGER
        );
        CREATE INDEX pack_parts_open ON pack_parts(seen_at) WHERE done_at IS NULL AND overdue_at IS NULL;
        CREATE TABLE early_waybills (parcel_id TEXT PRIMARY KEY, waybill TEXT NOT NULL, at INTEGER NOT NULL);
      `);
      // Parcels an older hub left waiting (pack.completed never came, or came first): watched from now
      // on, so the first check shows them instead of leaving them silent.
      db.exec(`
        INSERT OR IGNORE INTO pack_parts (pack_id, order_id, station_id, parcels, seen_at)
        SELECT pack_id, min(order_id), min(station_id),
               CASE WHEN sum(state = 'packing') > 0 THEN NULL ELSE count(*) END, min(packed_at)
        FROM shipments WHERE state IN ('packing', 'waiting_waybill') GROUP BY pack_id
      `);
      // Those whose pack.completed came first are complete after all: the watch releases them.
      const waiting = db.prepare('SELECT count(*) FROM pack_parts WHERE parcels IS NULL').pluck().get() as number;
      if (waiting > 0)
        db.exec(`
          UPDATE pack_parts SET parcels = c.n FROM (
            SELECT json_extract(payload, '$.packId') AS pack_id, json_extract(payload, '$.parcels') AS n
            FROM station_events WHERE type = 'pack.completed'
              AND json_extract(payload, '$.packId') IN (SELECT pack_id FROM pack_parts WHERE parcels IS NULL)
          ) AS c WHERE pack_parts.pack_id = c.pack_id
        `);
    },
  },
  {
    id: '0007_ewaybill_reprints',
    up(db) {
      // Reprints of e-waybills printed through WeChat's print component, to tell WeChat with
      // order/print re_print 1 once it knows the first print (workers/ewaybill-reprint.ts).
      db.exec(`
        CREATE TABLE ewaybill_reprints (
          label_id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL,
          waybill TEXT NOT NULL,
          station_id TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_at INTEGER NOT NULL DEFAULT 0,
          error TEXT,
          at INTEGER NOT NULL
        );
        CREATE INDEX ewaybill_reprints_pending ON ewaybill_reprints(order_id) WHERE state = 'pending';
      `);
    },
  },
  {
    id: '0008_video_hashes',
    up(db) {
      // Packing-video hash chains per station (video.recorded events): the hub's copy, against which
      // a station's clips can be checked even if its own database was rewritten.
      db.exec(`
        CREATE TABLE video_hashes (
          station_id TEXT NOT NULL,
          file_id INTEGER NOT NULL,
          pack_id TEXT NOT NULL,
          order_id TEXT NOT NULL,
          waybill TEXT,
          kind TEXT NOT NULL,
          name TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          chain_hash TEXT NOT NULL,
          at INTEGER NOT NULL,
          PRIMARY KEY (station_id, file_id)
        );
        CREATE INDEX video_hashes_order ON video_hashes(order_id);
      `);
    },
  },
  {
    id: '0009_catalog_images',
    up(db) {
      // Product photos the hub downloaded once (admin API / CSV image column), by the sha256 of their
      // bytes; source_url lets a re-import of the same URL reuse the copy instead of fetching again.
      db.exec(`
        CREATE TABLE catalog_images (
          sha256 TEXT PRIMARY KEY,
          content_type TEXT NOT NULL,
          bytes BLOB NOT NULL,
          source_url TEXT NOT NULL,
          at INTEGER NOT NULL
        );
        CREATE INDEX catalog_images_source ON catalog_images(source_url);
      `);
    },
  },
];
