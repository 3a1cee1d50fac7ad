// The station database. Times are epoch milliseconds; money is integer fen; weights are grams.
import type { Migration } from '../../../base/node/sqlite/migrate.js';

export const stationMigrations: Migration[] = [
  {
    id: '0001_init',
    up(db) {
      db.exec(`
        CREATE TABLE products (
          id INTEGER PRIMARY KEY,
          sku TEXT NOT NULL UNIQUE,
          title TEXT NOT NULL,
          category TEXT NOT NULL,
          unit_weight_g INTEGER NOT NULL CHECK (unit_weight_g >= 0),
          price_fen INTEGER NOT NULL DEFAULT 0,
          updated_at INTEGER NOT NULL
        );
        -- key: GTIN-14 for EAN/UPC/GTIN codes, else the upper-cased text (SKU codes, aliases); see barcodeKey().
        CREATE TABLE product_barcodes (
          key TEXT PRIMARY KEY,
          product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
          code TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX product_barcodes_product ON product_barcodes(product_id);
        CREATE TABLE bundle_components (
          bundle_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
          component_id INTEGER NOT NULL REFERENCES products(id),
          qty INTEGER NOT NULL CHECK (qty > 0),
          PRIMARY KEY (bundle_id, component_id)
        ) WITHOUT ROWID;

        CREATE TABLE orders (
          id TEXT PRIMARY KEY,
          channel TEXT NOT NULL,
          status TEXT NOT NULL,
          pick_slip TEXT UNIQUE,
          recipient_name TEXT NOT NULL,
          recipient_phone TEXT NOT NULL,
          province TEXT NOT NULL,
          city TEXT NOT NULL,
          district TEXT NOT NULL,
          address TEXT NOT NULL,
          remark TEXT NOT NULL DEFAULT '',
          flags TEXT NOT NULL DEFAULT '[]',
          hold_reason TEXT,
          value_fen INTEGER NOT NULL DEFAULT 0,
          paid_at INTEGER,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE order_lines (
          order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
          line_no INTEGER NOT NULL,
          product_id INTEGER NOT NULL REFERENCES products(id),
          sku TEXT NOT NULL,
          title TEXT NOT NULL,
          qty INTEGER NOT NULL CHECK (qty > 0),
          price_fen INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (order_id, line_no)
        ) WITHOUT ROWID;

        CREATE TABLE packers (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          badge TEXT NOT NULL UNIQUE,
          role TEXT NOT NULL CHECK (role IN ('packer', 'supervisor')),
          active INTEGER NOT NULL DEFAULT 1
        );

        CREATE TABLE packs (
          id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL REFERENCES orders(id),
          station_id TEXT NOT NULL,
          packer_id TEXT,
          state TEXT NOT NULL,
          parcel_no INTEGER NOT NULL DEFAULT 1,
          packaging TEXT NOT NULL,
          carrier TEXT NOT NULL,
          measured_g INTEGER,
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          end_reason TEXT CHECK (end_reason IN ('completed', 'cancelled', 'held'))
        );
        CREATE INDEX packs_order ON packs(order_id);
        CREATE INDEX packs_open ON packs(ended_at) WHERE ended_at IS NULL;
        CREATE INDEX packs_completed ON packs(station_id, ended_at) WHERE end_reason = 'completed';
        CREATE TABLE pack_lines (
          pack_id TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
          product_id INTEGER NOT NULL REFERENCES products(id),
          position INTEGER NOT NULL,
          expected INTEGER NOT NULL,
          scanned INTEGER NOT NULL DEFAULT 0,
          bundle_title TEXT,
          PRIMARY KEY (pack_id, product_id)
        ) WITHOUT ROWID;

        -- Every scan at the desk, whatever it was, with the verdict it got.
        CREATE TABLE scans (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          station_id TEXT NOT NULL,
          packer_id TEXT,
          pack_id TEXT,
          parcel_no INTEGER,
          raw TEXT NOT NULL,
          code TEXT NOT NULL,
          source TEXT NOT NULL,
          verdict TEXT NOT NULL,
          product_id INTEGER,
          qty INTEGER NOT NULL DEFAULT 0,
          detail TEXT
        );
        CREATE INDEX scans_pack ON scans(pack_id);
        CREATE INDEX scans_at ON scans(at);

        CREATE TABLE parcels (
          id TEXT PRIMARY KEY,
          pack_id TEXT NOT NULL REFERENCES packs(id),
          order_id TEXT NOT NULL REFERENCES orders(id),
          parcel_no INTEGER NOT NULL,
          weight_g INTEGER NOT NULL,
          expected_g INTEGER NOT NULL,
          tolerance_g INTEGER NOT NULL,
          override_by TEXT,
          override_reason TEXT,
          packaging TEXT NOT NULL,
          carrier TEXT NOT NULL,
          waybill TEXT UNIQUE,
          created_at INTEGER NOT NULL,
          UNIQUE (pack_id, parcel_no)
        );
        CREATE INDEX parcels_order ON parcels(order_id);
        CREATE TABLE parcel_items (
          parcel_id TEXT NOT NULL REFERENCES parcels(id) ON DELETE CASCADE,
          product_id INTEGER NOT NULL REFERENCES products(id),
          qty INTEGER NOT NULL CHECK (qty > 0),
          PRIMARY KEY (parcel_id, product_id)
        ) WITHOUT ROWID;

        -- One row per print of a parcel's label; reprints are their own rows.
        CREATE TABLE labels (
          id TEXT PRIMARY KEY,
          parcel_id TEXT NOT NULL REFERENCES parcels(id),
          status TEXT NOT NULL CHECK (status IN ('pending_waybill', 'queued', 'printed', 'failed')),
          reprint INTEGER NOT NULL DEFAULT 0,
          model TEXT,
          error TEXT,
          created_at INTEGER NOT NULL,
          printed_at INTEGER
        );
        CREATE INDEX labels_parcel ON labels(parcel_id);
        CREATE INDEX labels_waiting ON labels(status) WHERE status IN ('pending_waybill', 'queued');

        CREATE TABLE waybill_pool (
          carrier TEXT NOT NULL,
          waybill TEXT NOT NULL,
          added_at INTEGER NOT NULL,
          parcel_id TEXT,
          used_at INTEGER,
          PRIMARY KEY (carrier, waybill)
        ) WITHOUT ROWID;
        CREATE INDEX waybill_pool_free ON waybill_pool(carrier, added_at) WHERE parcel_id IS NULL;

        -- Durable event log, drained in seq order by the sync engine; the hub applies by id.
        CREATE TABLE outbox (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL,
          at INTEGER NOT NULL,
          packer_id TEXT,
          payload TEXT NOT NULL,
          sent_at INTEGER
        );
        CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;

        -- Desk state that must survive a crash: logged-in packer, open alert, prompt, qty multiplier.
        CREATE TABLE desk_state (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    id: '0002_sync',
    up(db) {
      db.exec(`
        -- A rejected event is done with (sent_at set) but keeps the hub's reason for the supervisor.
        ALTER TABLE outbox ADD COLUMN rejected_reason TEXT;

        -- The pull cursor and other sync bookkeeping, written in the same transaction as what it covers.
        CREATE TABLE sync_state (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;

        -- The last upstream copy applied per order: older versions are ignored; status tells an upstream
        -- hold from a packer's; preassigned is the number the hub took for the first parcel.
        CREATE TABLE hub_orders (
          order_id TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          status TEXT NOT NULL,
          preassigned_carrier TEXT,
          preassigned_waybill TEXT
        ) WITHOUT ROWID;

        -- Waybill batches already added to the pool, so a re-delivered batch is not counted twice.
        CREATE TABLE hub_waybill_batches (
          batch_id TEXT PRIMARY KEY,
          carrier TEXT NOT NULL,
          numbers INTEGER NOT NULL,
          added INTEGER NOT NULL,
          applied_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Conflicts for the supervisor: reported by the hub, or found here while merging (source).
        CREATE TABLE hub_exceptions (
          id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL,
          station_id TEXT,
          kind TEXT NOT NULL,
          detail TEXT NOT NULL,
          at INTEGER NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('hub', 'station')),
          received_at INTEGER NOT NULL
        );
        CREATE INDEX hub_exceptions_at ON hub_exceptions(at);
      `);
    },
  },
  {
    id: '0003_parcel_cost',
    up(db) {
      // What the routing table's rates say this parcel costs to ship (fen); null without rates.
      db.exec('ALTER TABLE parcels ADD COLUMN cost_fen INTEGER');
    },
  },
  {
    id: '0004_layout_history',
    up(db) {
      // The bench layout this station had since when (its own clock), for statistics by layout and
      // for the hub, which records a change when the station next reaches it.
      db.exec(`
        CREATE TABLE layout_history (
          layout TEXT NOT NULL,
          from_at INTEGER NOT NULL
        );
      `);
    },
  },
  {
    id: '0005_dead_letters',
    up(db) {
      // Events the hub refused for good, whole and with its reason, so they no longer hold up the
      // queue and the supervisor can see them. Their outbox rows stay, settled: the outbox is also
      // this station's own log, which its statistics read. Rejections recorded in the outbox column
      // before move here.
      db.exec(`
        CREATE TABLE dead_letters (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL,
          at INTEGER NOT NULL,
          packer_id TEXT,
          payload TEXT NOT NULL,
          reason TEXT NOT NULL,
          rejected_at INTEGER NOT NULL
        );
        INSERT INTO dead_letters (seq, id, type, at, packer_id, payload, reason, rejected_at)
          SELECT seq, id, type, at, packer_id, payload, rejected_reason, sent_at FROM outbox
          WHERE rejected_reason IS NOT NULL;
        ALTER TABLE outbox DROP COLUMN rejected_reason;
      `);
    },
  },
  {
    id: '0006_sync_quarantine',
    up(db) {
      // Rows of a pull this station could not apply (out of contract, or refused by its own tables):
      // set aside so the rest of the page applies and the pull goes on. `row` is the row as it came
      // (JSON, null when too large to keep) so it can be tried again; a later copy that applies
      // resolves it.
      db.exec(`
        CREATE TABLE sync_quarantine (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          ref TEXT NOT NULL,
          cursor INTEGER NOT NULL,
          reason TEXT NOT NULL,
          row TEXT,
          at INTEGER NOT NULL,
          resolved_at INTEGER
        );
        CREATE INDEX sync_quarantine_open ON sync_quarantine(kind, ref) WHERE resolved_at IS NULL;
      `);
    },
  },
  {
    id: '0007_ewaybill_print_info',
    up(db) {
      // A Channels e-waybill's print data for WeChat's print component (ewaybill_order_id,
      // print_info, template), as the hub sent it with the order: JSON, so an offline desk prints.
      db.exec('ALTER TABLE hub_orders ADD COLUMN preassigned_print TEXT');
    },
  },
  {
    id: '0008_order_notes',
    up(db) {
      // Buyer, merchant and gift notes apart (JSON OrderNotes), for the desk to show and read out.
      db.exec('ALTER TABLE orders ADD COLUMN notes TEXT');
    },
  },
  {
    id: '0009_slips',
    up(db) {
      // Packing slips (发货单), one per completed pack, queued in the completing transaction.
      db.exec(`
        CREATE TABLE slips (
          pack_id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL,
          model TEXT NOT NULL,
          status TEXT NOT NULL,
          error TEXT,
          created_at INTEGER NOT NULL,
          printed_at INTEGER
        );
        CREATE INDEX slips_queued ON slips(created_at) WHERE status = 'queued';
      `);
    },
  },
  {
    id: '0010_order_buyers',
    up(db) {
      // Who bought each order (Channels openid, mini-program payer): the desk offers to merge (合单)
      // open orders of the same buyer and address. Apart from orders, which every sync rewrites.
      db.exec(`
        CREATE TABLE order_buyers (order_id TEXT PRIMARY KEY, buyer_id TEXT NOT NULL);
        CREATE INDEX order_buyers_buyer ON order_buyers(buyer_id);
      `);
    },
  },
  {
    id: '0011_video',
    up(db) {
      // Packing video (src/main/core/video): one row per pack filmed, one per file (clip or still)
      // with its SHA-256 chained to the previous file's; rows outlive files deleted by retention.
      db.exec(`
        CREATE TABLE video_packs (
          pack_id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL,
          packer_id TEXT,
          started_at INTEGER NOT NULL,
          ended_at INTEGER NOT NULL,
          marks TEXT NOT NULL,
          pinned INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX video_packs_order ON video_packs(order_id);
        CREATE INDEX video_packs_packer ON video_packs(packer_id, started_at);
        CREATE INDEX video_packs_started ON video_packs(started_at);
        CREATE TABLE video_waybills (
          waybill TEXT NOT NULL,
          pack_id TEXT NOT NULL,
          PRIMARY KEY (waybill, pack_id)
        ) WITHOUT ROWID;
        CREATE TABLE video_files (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          pack_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('clip', 'still')),
          camera_id TEXT NOT NULL,
          moment TEXT,
          name TEXT NOT NULL,
          path TEXT NOT NULL,
          at INTEGER NOT NULL,
          bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          chain_hash TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE INDEX video_files_pack ON video_files(pack_id);
      `);
    },
  },
  {
    id: '0012_product_images',
    up(db) {
      // The hub names a product's cached photo by sha256 (contract/sync.ts productImageSchema); the
      // bytes are fetched into the data dir in the background, and catalog_images lists those that
      // arrived, so the pack screen only shows a photo the station actually has.
      db.exec(`
        ALTER TABLE products ADD COLUMN image_sha256 TEXT;
        ALTER TABLE products ADD COLUMN image_type TEXT;
        CREATE TABLE catalog_images (
          sha256 TEXT PRIMARY KEY,
          content_type TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          stored_at INTEGER NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    id: '0013_stock_desk',
    up(db) {
      // Desk stock modes (receiving, count, returns): the open session and its scans survive a
      // restart; a finished one keeps the id of the event it sent. order_lines.stock_hint is the
      // hub's last_unit / short warning for the pack screen.
      db.exec(`
        CREATE TABLE stock_sessions (
          id TEXT PRIMARY KEY,
          mode TEXT NOT NULL,
          packer_id TEXT,
          location TEXT,
          reference TEXT,
          order_id TEXT,
          waybill TEXT,
          awaiting_approval INTEGER NOT NULL DEFAULT 0,
          status TEXT NOT NULL DEFAULT 'open',
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          event_id TEXT
        );
        CREATE INDEX stock_sessions_open ON stock_sessions(status) WHERE status = 'open';
        CREATE TABLE stock_session_scans (
          session_id TEXT NOT NULL REFERENCES stock_sessions(id),
          seq INTEGER NOT NULL,
          sku TEXT NOT NULL,
          product_id INTEGER NOT NULL,
          title TEXT NOT NULL,
          qty INTEGER NOT NULL,
          condition TEXT,
          at INTEGER NOT NULL,
          PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID;
        ALTER TABLE order_lines ADD COLUMN stock_hint TEXT;
      `);
    },
  },
  {
    id: '0014_handover',
    up(db) {
      // Courier handover (交接) at the desk: batches (the open one has closed_at NULL; a closed one
      // keeps its 交接单 and print status), every waybill this station handed over (one row each: a
      // second scan is the "already handed over" alert), and what the hub last said of the carrier's
      // parcels packed at other desks (due, handed over, blocked), so the desk checks scans offline too.
      db.exec(`
        CREATE TABLE handover_batches (
          batch_id TEXT PRIMARY KEY,
          carrier TEXT,
          courier TEXT,
          packer_id TEXT,
          opened_at INTEGER NOT NULL,
          closed_at INTEGER,
          missing TEXT,
          missing_from TEXT CHECK (missing_from IN ('hub', 'desk')),
          slip TEXT,
          print_status TEXT CHECK (print_status IN ('queued', 'printed', 'uncertain')),
          print_error TEXT
        );
        CREATE UNIQUE INDEX handover_batches_open ON handover_batches((closed_at IS NULL)) WHERE closed_at IS NULL;
        CREATE INDEX handover_batches_print ON handover_batches(closed_at) WHERE print_status = 'queued';
        CREATE TABLE handover_scans (
          waybill TEXT PRIMARY KEY,
          batch_id TEXT NOT NULL REFERENCES handover_batches(batch_id),
          carrier TEXT NOT NULL,
          order_id TEXT,
          parcel_id TEXT,
          at INTEGER NOT NULL
        );
        CREATE INDEX handover_scans_batch ON handover_scans(batch_id, at);
        CREATE TABLE handover_remote (
          waybill TEXT PRIMARY KEY,
          carrier TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('due', 'handed_over', 'blocked')),
          order_id TEXT,
          parcel_id TEXT,
          station_id TEXT,
          detail TEXT,
          packed_at INTEGER,
          fetched_at INTEGER NOT NULL
        );
        CREATE INDEX handover_remote_carrier ON handover_remote(carrier, state);
        CREATE TABLE handover_remote_fetch (carrier TEXT PRIMARY KEY, fetched_at INTEGER NOT NULL);
        CREATE INDEX parcels_carrier_created ON parcels(carrier, created_at);
      `);
    },
  },
  {
    id: '0015_video_uploads',
    up(db) {
      // Packing-video uploads (video.upload): one row per object sent to the hub or S3 (a clip, a
      // still, or a pack's manifest when file_id is NULL), and the parts already accepted, so a
      // restart or a dropped connection resumes with the next part instead of sending them again.
      db.exec(`
        CREATE TABLE video_uploads (
          target TEXT NOT NULL,
          key TEXT NOT NULL,
          pack_id TEXT NOT NULL,
          file_id INTEGER,
          bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          upload_id TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_try_at INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          started_at INTEGER NOT NULL,
          done_at INTEGER,
          PRIMARY KEY (target, key)
        ) WITHOUT ROWID;
        CREATE INDEX video_uploads_file ON video_uploads(file_id) WHERE file_id IS NOT NULL;
        CREATE TABLE video_upload_parts (
          target TEXT NOT NULL,
          key TEXT NOT NULL,
          part_no INTEGER NOT NULL,
          etag TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          PRIMARY KEY (target, key, part_no)
        ) WITHOUT ROWID;
      `);
    },
  },
];
