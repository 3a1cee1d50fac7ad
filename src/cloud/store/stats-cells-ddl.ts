// The statistics tables (store/stats-cells-types.ts), written once for both stores: the same tables,
// columns, keys and indexes, each store naming its own column types. SQLite's migration 0018
// (sqlite/stats-schema.ts) and PostgreSQL's 0004 (postgres/schema/stats.ts) both run this, so
// `packdesk cloud migrate` copies the rows verbatim. The station_events indexes the fold reads by
// are their own migration (stats-event-refs.ts).
import { SUM_COLUMNS } from './stats-cells-schema.js';

/** One store's column types for the statistics tables. */
export interface StatsColumnTypes {
  /** The cell id: an auto-assigned integer key. */
  id: string;
  /** Epoch ms, counts and cell ids. */
  integer: string;
  /** Counters and sample durations: payload numbers, which may carry a fraction. */
  number: string;
  /** Sample lists (little-endian float64 arrays). */
  blob: string;
}

export function statsCellsDdl(t: StatsColumnTypes): string {
  return `
    CREATE TABLE stats_cells (
      id ${t.id},
      station_id TEXT NOT NULL,
      packer_id TEXT NOT NULL,
      hour_at ${t.integer} NOT NULL,
      hour TEXT NOT NULL,
      day TEXT NOT NULL,
      layout TEXT NOT NULL,
      events ${t.integer} NOT NULL DEFAULT 0,
      ${SUM_COLUMNS.map(([, c]) => `${c} ${t.number} NOT NULL DEFAULT 0,`).join('\n      ')}
      shifts TEXT NOT NULL DEFAULT '',
      pack_times ${t.blob},
      paid_to_packed ${t.blob},
      to_handover ${t.blob},
      UNIQUE (station_id, packer_id, hour_at, layout)
    );
    CREATE INDEX stats_cells_hour ON stats_cells(hour_at);
    CREATE TABLE stats_streams (
      station_id TEXT NOT NULL,
      packer_id TEXT NOT NULL,
      at ${t.integer} NOT NULL,
      logout INTEGER NOT NULL,
      PRIMARY KEY (station_id, packer_id)
    );
    CREATE TABLE stats_samples (
      event_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      ref TEXT NOT NULL,
      cell_id ${t.integer} NOT NULL,
      pack_ms ${t.number},
      paid_ms ${t.number},
      handover_ms ${t.number}
    );
    CREATE INDEX stats_samples_ref ON stats_samples(kind, ref);
    CREATE INDEX stats_samples_cell ON stats_samples(cell_id);
  `;
}
