// The hub's SQLite schema. Times are epoch ms; JSON columns hold arrays/objects written by the hub.
import type { Migration } from '../../../base/node/sqlite/migrate.js';
import { orderWire } from '../../order-wire.js';
import type { HubOrderRow } from '../types.js';
import { compactEvent } from '../../../domain/stats/compact.js';
import { createStatsCells } from './stats-schema.js';
import { STATS_EVENT_REFS_DDL } from '../stats-event-refs.js';
import { SQLITE_STATS_BLOCKS_DDL } from '../stats-blocks-ddl.js';

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
  {
    id: '0010_stock',
    up(db) {
      // The stock ledger: append-only movements, one per cause (key); stock_levels holds their
      // running totals, written in the same transaction as each movement (store/sqlite/stock-repos.ts).
      db.exec(`
        CREATE TABLE stock_movements (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL,
          key TEXT NOT NULL UNIQUE,
          sku TEXT NOT NULL,
          location TEXT NOT NULL,
          pool TEXT NOT NULL,
          kind TEXT NOT NULL,
          qty INTEGER NOT NULL,
          channel TEXT,
          order_id TEXT,
          ref TEXT,
          at INTEGER NOT NULL,
          by TEXT
        );
        CREATE INDEX stock_movements_sku ON stock_movements(sku, seq);
        CREATE INDEX stock_movements_order ON stock_movements(order_id, sku) WHERE order_id IS NOT NULL;
        CREATE INDEX stock_movements_kind_at ON stock_movements(kind, at);
        CREATE TABLE stock_levels (
          sku TEXT NOT NULL,
          location TEXT NOT NULL,
          pool TEXT NOT NULL,
          on_hand INTEGER NOT NULL DEFAULT 0,
          reserved INTEGER NOT NULL DEFAULT 0,
          written_off INTEGER NOT NULL DEFAULT 0,
          at INTEGER NOT NULL,
          PRIMARY KEY (sku, location, pool)
        );
        CREATE TABLE stock_orders (
          order_id TEXT PRIMARY KEY,
          channel TEXT NOT NULL,
          pool TEXT NOT NULL,
          needs TEXT NOT NULL,
          state TEXT NOT NULL,
          unpaid_until INTEGER,
          short_at INTEGER,
          shortages TEXT NOT NULL DEFAULT '[]',
          released_by TEXT,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX stock_orders_short ON stock_orders(short_at) WHERE state = 'short';
        CREATE INDEX stock_orders_unpaid ON stock_orders(unpaid_until) WHERE state = 'unpaid';
        -- A return names the parcel's waybill; this finds its order.
        CREATE INDEX IF NOT EXISTS shipments_by_waybill ON shipments(waybill) WHERE waybill IS NOT NULL;
      `);
    },
  },
  {
    id: '0011_stock_publish',
    up(db) {
      // The stock publisher (workers/stock-publish.ts): each channel's figure per SKU; for a Channels
      // shop `sent` is WeChat's figure as the hub knows it (NULL: read it before the next update).
      // WeChat's own moves per order are kept once each, so none is taken off twice.
      db.exec(`
        CREATE TABLE stock_published (
          channel TEXT NOT NULL,
          sku TEXT NOT NULL,
          target INTEGER NOT NULL,
          sent INTEGER,
          sent_at INTEGER,
          read_at INTEGER,
          in_flight INTEGER NOT NULL DEFAULT 0,
          error TEXT,
          PRIMARY KEY (channel, sku)
        ) WITHOUT ROWID;
        CREATE TABLE stock_wechat_skus (
          shop_id TEXT NOT NULL,
          sku TEXT NOT NULL,
          product_id TEXT NOT NULL,
          sku_id TEXT NOT NULL,
          source TEXT NOT NULL,
          at INTEGER NOT NULL,
          PRIMARY KEY (shop_id, sku)
        ) WITHOUT ROWID;
        CREATE TABLE stock_wechat_moves (
          shop_id TEXT NOT NULL,
          order_id TEXT NOT NULL,
          sku TEXT NOT NULL,
          kind TEXT NOT NULL,
          qty INTEGER NOT NULL,
          at_s INTEGER NOT NULL,
          PRIMARY KEY (shop_id, order_id, sku, kind)
        ) WITHOUT ROWID;
        CREATE INDEX stock_wechat_moves_by_sku ON stock_wechat_moves (shop_id, sku, at_s);
      `);
    },
  },
  {
    id: '0012_handover',
    up(db) {
      // Courier handover (交接): one row per parcel handed over (the first batch that scanned its
      // waybill; a later scan elsewhere is the desk's "already handed over" alert, not a new row), and
      // the closed batches as their 交接单 listed them.
      db.exec(`
        CREATE TABLE handovers (
          waybill TEXT PRIMARY KEY,
          carrier TEXT NOT NULL,
          order_id TEXT,
          parcel_id TEXT,
          station_id TEXT NOT NULL,
          batch_id TEXT NOT NULL,
          handed_over_at INTEGER NOT NULL
        );
        CREATE INDEX handovers_at ON handovers(handed_over_at);
        CREATE INDEX handovers_batch ON handovers(batch_id);
        CREATE TABLE handover_batches (
          batch_id TEXT PRIMARY KEY,
          station_id TEXT NOT NULL,
          carrier TEXT NOT NULL,
          courier TEXT,
          opened_at INTEGER NOT NULL,
          closed_at INTEGER NOT NULL,
          count INTEGER NOT NULL,
          waybills TEXT NOT NULL,
          missing TEXT NOT NULL
        );
        CREATE INDEX handover_batches_closed ON handover_batches(closed_at);
        CREATE INDEX shipments_carrier_packed ON shipments(carrier, packed_at);
      `);
    },
  },
  {
    id: '0013_tracking',
    up(db) {
      // Parcels followed after handover, their carrier events (kept once per key: pushes repeat),
      // and buyer notifications (one per order and kind, so a message is never sent twice).
      db.exec(`
        CREATE TABLE tracking_parcels (
          waybill TEXT PRIMARY KEY,
          carrier TEXT NOT NULL,
          order_id TEXT,
          provider TEXT NOT NULL,
          shop_id TEXT,
          ewaybill_order_id TEXT,
          handed_over_at INTEGER,
          state TEXT,
          since INTEGER,
          collected_at INTEGER,
          out_for_delivery_at INTEGER,
          delivered_at INTEGER,
          return_started_at INTEGER,
          last_scan_at INTEGER,
          exception_detail TEXT,
          subscribed_at INTEGER,
          subscribe_error TEXT,
          subscribe_attempts INTEGER NOT NULL DEFAULT 0,
          next_subscribe_at INTEGER NOT NULL DEFAULT 0,
          pulled_at INTEGER,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX tracking_parcels_handover ON tracking_parcels(handed_over_at);
        CREATE INDEX tracking_parcels_open ON tracking_parcels(created_at) WHERE delivered_at IS NULL;
        CREATE TABLE tracking_events (
          waybill TEXT NOT NULL,
          key TEXT NOT NULL,
          carrier TEXT NOT NULL,
          state TEXT NOT NULL,
          at INTEGER NOT NULL,
          place TEXT NOT NULL,
          detail TEXT NOT NULL,
          source TEXT NOT NULL,
          received_at INTEGER NOT NULL,
          PRIMARY KEY (waybill, key)
        ) WITHOUT ROWID;
        CREATE TABLE tracking_notifications (
          order_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          waybill TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('due', 'sending', 'sent', 'failed')),
          errcode INTEGER,
          error TEXT,
          at INTEGER NOT NULL,
          done_at INTEGER,
          PRIMARY KEY (order_id, kind)
        ) WITHOUT ROWID;
        CREATE INDEX tracking_notifications_due ON tracking_notifications(at) WHERE state = 'due';
      `);
    },
  },
  {
    id: '0014_video_evidence',
    up(db) {
      // Packing-video evidence at the hub. video_uploads: a station's clip, still or manifest sent in
      // parts (video_upload_parts, resumable), stored under the hub's data dir once complete;
      // video_upload_codes finds them by order id or waybill.
      db.exec(`
        CREATE TABLE video_uploads (
          id TEXT PRIMARY KEY,
          station_id TEXT NOT NULL,
          pack_id TEXT NOT NULL,
          name TEXT NOT NULL,
          file_id INTEGER,
          order_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          part_bytes INTEGER NOT NULL,
          path TEXT,
          created_at INTEGER NOT NULL,
          completed_at INTEGER,
          UNIQUE (station_id, pack_id, name)
        );
        CREATE TABLE video_upload_parts (
          upload_id TEXT NOT NULL REFERENCES video_uploads(id),
          part_no INTEGER NOT NULL,
          bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          PRIMARY KEY (upload_id, part_no)
        ) WITHOUT ROWID;
        CREATE TABLE video_upload_codes (
          code TEXT NOT NULL,
          upload_id TEXT NOT NULL REFERENCES video_uploads(id),
          PRIMARY KEY (code, upload_id)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    id: '0015_ewaybill_upkeep',
    up(db) {
      // E-waybills an order ended without using (cancelled upstream, or shipped under another
      // waybill: merged into another order's parcel, re-routed) are cancelled at WeChat
      // (workers/ewaybill-cancel.ts). A row per e-waybill once its order is final: 'kept' when a
      // parcel used it, else the cancel's progress.
      db.exec(`
        CREATE TABLE ewaybill_cancels (
          order_id TEXT PRIMARY KEY,
          shop_id TEXT NOT NULL,
          ewaybill_order_id TEXT NOT NULL,
          carrier TEXT NOT NULL,
          waybill TEXT NOT NULL,
          reason TEXT NOT NULL CHECK (reason IN ('order_cancelled', 'not_used', 'used')),
          state TEXT NOT NULL CHECK (state IN ('kept', 'due', 'done', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_at INTEGER NOT NULL DEFAULT 0,
          error TEXT,
          at INTEGER NOT NULL
        );
        CREATE INDEX ewaybill_cancels_due ON ewaybill_cancels(shop_id, next_at) WHERE state = 'due';
      `);
      // A 子母单 label whose print_info (print/get with sub_waybill_id) failed when its children were
      // issued: fetched again with backoff (workers/suborders.ts), since asking addsuborder again
      // would add more children.
      db.exec(`
        CREATE TABLE sub_print_retries (
          order_id TEXT NOT NULL,
          waybill TEXT NOT NULL,
          shop_id TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('due', 'done', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_at INTEGER NOT NULL,
          error TEXT,
          PRIMARY KEY (order_id, waybill)
        );
        CREATE INDEX sub_print_retries_due ON sub_print_retries(shop_id, next_at) WHERE state = 'due';
      `);
    },
  },
  {
    id: '0016_disputes',
    up(db) {
      // WeChat after-sale cases (channels_ec_aftersale_update) on orders a station packed: the
      // station that packed it proposes stills as proof, a supervisor confirms, the hub sends them
      // (services/disputes.ts). One row per after-sale order; the chosen stills kept until they are sent.
      db.exec(`
        CREATE TABLE disputes (
          case_id TEXT PRIMARY KEY,
          shop_id TEXT NOT NULL,
          order_id TEXT NOT NULL,
          station_id TEXT NOT NULL,
          complaint_id TEXT NOT NULL,
          type TEXT NOT NULL,
          reason TEXT NOT NULL,
          wechat_status TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('open', 'proof_ready', 'sent', 'failed')),
          media_ids TEXT NOT NULL DEFAULT '[]',
          confirmed_by TEXT,
          error TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX disputes_station ON disputes(station_id, updated_at);
        CREATE TABLE dispute_stills (
          case_id TEXT NOT NULL REFERENCES disputes(case_id),
          n INTEGER NOT NULL,
          name TEXT NOT NULL,
          content_type TEXT NOT NULL,
          bytes BLOB NOT NULL,
          PRIMARY KEY (case_id, n)
        ) WITHOUT ROWID;
      `);
    },
  },
  // Placeholders pinned for work in progress: each owner fills in its own `up`.
  {
    id: '0017_stock_short_lines',
    up(db) {
      // One row per SKU an unsettled order needs (state reserved, unpaid or short; closed and
      // released orders have none), kept by putOrder beside stock_orders: a receipt finds the short
      // orders waiting for its SKU, and a level change the orders holding it, by index instead of
      // scanning every short order's needs JSON. Existing orders get theirs here.
      db.exec(`
        CREATE TABLE stock_order_lines (
          sku TEXT NOT NULL,
          order_id TEXT NOT NULL,
          state TEXT NOT NULL,
          -- 1: the desk was told "last unit" for this SKU of the order (services/stock-hints.ts).
          last_unit INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (sku, order_id)
        ) WITHOUT ROWID;
        CREATE INDEX stock_order_lines_order ON stock_order_lines(order_id);
        CREATE INDEX stock_order_lines_last_unit ON stock_order_lines(sku) WHERE last_unit = 1;
        INSERT OR IGNORE INTO stock_order_lines (sku, order_id, state)
          SELECT json_extract(n.value, '$.sku'), o.order_id, o.state
          FROM stock_orders o, json_each(o.needs) n
          WHERE o.state IN ('reserved', 'unpaid', 'short');
      `);
    },
  },
  { id: '0018_stats_cells', up: createStatsCells },
  {
    id: '0019_leases',
    up(db) {
      // One row per background job (and shop) that several hub instances sharing a store must not run
      // twice at once (workers/lease.ts). A released lease is deleted, so `handovers` counts only
      // take-overs from a live or crashed holder.
      db.exec(`
        CREATE TABLE leases (
          name TEXT PRIMARY KEY,
          holder TEXT NOT NULL,
          expires_at INTEGER NOT NULL,
          since INTEGER NOT NULL,
          handovers INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
      `);
    },
  },
  { id: '0020_stats_event_refs', up: (db) => db.exec(STATS_EVENT_REFS_DDL) },
  { id: '0021_stats_blocks', up: (db) => db.exec(SQLITE_STATS_BLOCKS_DDL) },
];
