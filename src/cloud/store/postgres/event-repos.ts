// The PostgreSQL station event log (HubTx['events']), as ../sqlite/core-repos.ts keeps it: the payload
// as JSON text and the statistics columns beside it. SQLite's rowid (storage order, the tail cursor
// and the tie-breaker of equal times) is the explicit rowid identity column.
import type { StatsEvent } from '../../../contract/stats.js';
import type { HubTx } from '../types.js';
import { compactEvent, expandEvent } from '../../../domain/stats/compact.js';
import type { PgSql } from './sql.js';

type CompactDbRow = {
  type: string;
  at: number;
  station_id: string;
  packer_id: string | null;
  s_a: string | null;
  s_b: string | null;
  s_n1: number | null;
  s_n2: number | null;
  s_f: 0 | 1 | null;
};
const COMPACT_COLUMNS = 'type, at, station_id, packer_id, s_a, s_b, s_n1, s_n2, s_f';
const expand = (id: string, r: CompactDbRow): StatsEvent =>
  expandEvent(id, r.type, r.at, r.station_id, r.packer_id, { a: r.s_a, b: r.s_b, n1: r.s_n1, n2: r.s_n2, f: r.s_f });

export function eventsRepo(sql: PgSql): HubTx['events'] {
  return {
    async insertIfNew(e, receivedAt) {
      const c = compactEvent(e);
      const inserted = await sql.run(
        `INSERT INTO station_events (id, station_id, type, at, packer_id, payload, received_at, s_a, s_b, s_n1, s_n2, s_f)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
        [e.id, e.stationId, e.type, e.at, e.packerId, JSON.stringify(e.payload), receivedAt, c.a, c.b, c.n1, c.n2, c.f],
      );
      return inserted === 1;
    },
    stationOf: async (id) =>
      (await sql.row<{ station_id: string }>('SELECT station_id FROM station_events WHERE id = $1', [id]))
        ?.station_id ?? null,
    count: async () => (await sql.row<{ n: number }>('SELECT count(*) AS n FROM station_events'))!.n,
    async withPayload(types, from, to) {
      if (types.length === 0) return [];
      const rows = await sql.rows<{
        id: string;
        type: string;
        at: number;
        station_id: string;
        packer_id: string | null;
        payload: string;
      }>(
        `SELECT id, type, at, station_id, packer_id, payload FROM station_events
         WHERE at >= $1 AND at < $2 AND type = ANY($3::text[]) ORDER BY at, rowid`,
        [from, to, types],
      );
      return rows.map((r) => ({
        id: r.id,
        type: r.type,
        at: r.at,
        stationId: r.station_id,
        packerId: r.packer_id,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      }));
    },
    range: async (from, to) =>
      (
        await sql.rows<CompactDbRow & { id: string }>(
          `SELECT id, ${COMPACT_COLUMNS} FROM station_events WHERE at >= $1 AND at < $2 ORDER BY at, rowid`,
          [from, to],
        )
      ).map((r) => expand(r.id, r)),
    async tail(after, minAt, limit) {
      const rows = await sql.rows<CompactDbRow & { rowid: number }>(
        `SELECT rowid, ${COMPACT_COLUMNS} FROM station_events WHERE rowid > $1 ORDER BY rowid LIMIT $2`,
        [after, limit],
      );
      const events: StatsEvent[] = [];
      let last = after;
      for (const r of rows) {
        last = r.rowid;
        if (r.at >= minAt) events.push(expand('', r));
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
