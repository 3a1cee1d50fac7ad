// The PostgreSQL station event log (HubTx['events']), as ../sqlite/core-repos.ts keeps it: the payload
// as JSON text and the statistics columns beside it. SQLite's rowid (storage order, the tail cursor
// and the tie-breaker of equal times) is the explicit rowid identity column.
import type { StatsEvent } from '../../../contract/stats.js';
import * as rows from '../rows/station-event.js';
import type { HubTx } from '../types.js';
import type { PgSql } from './sql.js';
import { selectEdgeRows, type EdgeRowAccess } from '../../../domain/stats/edge-events.js';

const COMPACT_ROW: EdgeRowAccess<rows.CompactDbRow> = {
  type: (r) => r.type,
  at: (r) => r.at,
  stationId: (r) => r.station_id,
  packerId: (r) => r.packer_id,
};

export function eventsRepo(sql: PgSql): HubTx['events'] {
  return {
    async insertIfNew(e, receivedAt) {
      const inserted = await sql.run(
        `INSERT INTO station_events (${rows.EVENT_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
        rows.eventParams(e, receivedAt),
      );
      return inserted === 1;
    },
    stationOf: async (id) =>
      (await sql.row<{ station_id: string }>('SELECT station_id FROM station_events WHERE id = $1', [id]))
        ?.station_id ?? null,
    count: async () => (await sql.row<{ n: number }>('SELECT count(*) AS n FROM station_events'))!.n,
    async withPayload(types, from, to) {
      if (types.length === 0) return [];
      const found = await sql.rows<rows.PayloadDbRow>(
        `SELECT id, type, at, station_id, packer_id, payload FROM station_events
         WHERE at >= $1 AND at < $2 AND type = ANY($3::text[]) ORDER BY at, rowid`,
        [from, to, types],
      );
      return found.map(rows.toPayloadEvent);
    },
    range: async (from, to) =>
      (
        await sql.rows<rows.CompactDbRow & { id: string }>(
          `SELECT id, ${rows.COMPACT_COLUMNS} FROM station_events WHERE at >= $1 AND at < $2 ORDER BY at, rowid`,
          [from, to],
        )
      ).map((r) => rows.toStatsEvent(r.id, r)),
    edgeEvents: async (q) =>
      selectEdgeRows(
        await sql.rows<rows.CompactDbRow & { id: string }>(
          `SELECT id, ${rows.COMPACT_COLUMNS} FROM station_events WHERE at >= $1 AND at < $2 ORDER BY at, rowid`,
          [q.from - q.before, q.to + q.after],
        ),
        q,
        COMPACT_ROW,
      ).map((r) => rows.toStatsEvent(r.id, r)),
    async tail(after, minAt, limit) {
      const found = await sql.rows<rows.CompactDbRow & { rowid: number }>(
        `SELECT rowid, ${rows.COMPACT_COLUMNS} FROM station_events WHERE rowid > $1 ORDER BY rowid LIMIT $2`,
        [after, limit],
      );
      const events: StatsEvent[] = [];
      let last = after;
      for (const r of found) {
        last = r.rowid;
        if (r.at >= minAt) events.push(rows.toStatsEvent('', r));
      }
      return { events, last };
    },
    lastLogin: async (stationId) =>
      (await sql.row<{ type: string; packer_id: string | null }>(
        `SELECT type, packer_id FROM station_events WHERE station_id = $1 AND type IN ('packer.login', 'packer.logout')
         ORDER BY at DESC, rowid DESC LIMIT 1`,
        [stationId],
      )) ?? null,
  };
}
