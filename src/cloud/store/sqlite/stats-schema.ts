// Migration 0018: the statistics cells (store/stats-cells-types.ts). Existing events are folded in
// by the rebuild the hub runs at its first start with them (services/stats-rebuild.ts).
import type { Db } from '../../../base/node/sqlite/open.js';
import { SUM_COLUMNS } from '../stats-cells-schema.js';

export function createStatsCells(db: Db): void {
  db.exec(`
    CREATE TABLE stats_cells (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      station_id TEXT NOT NULL,
      packer_id TEXT NOT NULL,
      hour_at INTEGER NOT NULL,
      hour TEXT NOT NULL,
      day TEXT NOT NULL,
      layout TEXT NOT NULL,
      events INTEGER NOT NULL DEFAULT 0,
      ${SUM_COLUMNS.map(([, c]) => `${c} INTEGER NOT NULL DEFAULT 0,`).join('\n      ')}
      shifts TEXT NOT NULL DEFAULT '',
      pack_times BLOB,
      paid_to_packed BLOB,
      to_handover BLOB,
      UNIQUE (station_id, packer_id, hour_at, layout)
    );
    CREATE INDEX stats_cells_hour ON stats_cells(hour_at);
    CREATE TABLE stats_streams (
      station_id TEXT NOT NULL,
      packer_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      logout INTEGER NOT NULL,
      PRIMARY KEY (station_id, packer_id)
    );
    CREATE TABLE stats_samples (
      event_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      ref TEXT NOT NULL,
      cell_id INTEGER NOT NULL,
      pack_ms INTEGER,
      paid_ms INTEGER,
      handover_ms INTEGER
    );
    CREATE INDEX stats_samples_ref ON stats_samples(kind, ref);
    CREATE INDEX stats_samples_cell ON stats_samples(cell_id);
    CREATE INDEX station_events_pack ON station_events(s_a) WHERE s_a IS NOT NULL;
    CREATE INDEX station_events_parcel ON station_events(s_b) WHERE type IN ('parcel.packed', 'label.printed');
  `);
}
