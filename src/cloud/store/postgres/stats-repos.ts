// The statistics cells in PostgreSQL (store/stats-cells-types.ts), as ../sqlite/stats-repos.ts keeps
// them. The unit of work's advisory lock serialises writers, so read-then-write needs no more care.
import type { StatsEvent } from '../../../contract/stats.js';
import { expandEvent } from '../../../domain/stats/compact.js';
import type { StoredCell } from '../../../domain/stats/from-cells.js';
import type { StatsCellsRepo } from '../stats-cells-types.js';
import { SUM_COLUMNS, activityTypes, decodeSamples, encodeSamples, unionShifts } from '../stats-cells-schema.js';
import type { PgSql } from './sql.js';

type EventRow = {
  id: string;
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
const EVENT_COLUMNS = 'id, type, at, station_id, packer_id, s_a, s_b, s_n1, s_n2, s_f';
const toEvent = (r: EventRow): StatsEvent =>
  expandEvent(r.id, r.type, r.at, r.station_id, r.packer_id, { a: r.s_a, b: r.s_b, n1: r.s_n1, n2: r.s_n2, f: r.s_f });

type CellRow = Record<string, unknown> & {
  station_id: string;
  packer_id: string;
  hour_at: number;
  hour: string;
  day: string;
  layout: string;
  events: number;
  shifts: string;
  pack_times: Buffer | null;
  paid_to_packed: Buffer | null;
  to_handover: Buffer | null;
};

export function statsCellsRepo(sql: PgSql): StatsCellsRepo {
  const cols = SUM_COLUMNS.map(([, c]) => c);
  const activity = [...activityTypes];

  async function cellId(c: {
    station: string;
    packer: string;
    hourAt: number;
    hour: string;
    day: string;
    layout: string;
  }) {
    const r = await sql.row<{ id: number }>(
      `INSERT INTO stats_cells (station_id, packer_id, hour_at, hour, day, layout) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (station_id, packer_id, hour_at, layout) DO UPDATE SET events = stats_cells.events RETURNING id`,
      [c.station, c.packer, c.hourAt, c.hour, c.day, c.layout],
    );
    return (r as { id: number }).id;
  }

  async function refreshLists(id: number): Promise<void> {
    const rows = await sql.rows<{ pack_ms: number | null; paid_ms: number | null; handover_ms: number | null }>(
      'SELECT pack_ms, paid_ms, handover_ms FROM stats_samples WHERE cell_id = $1 ORDER BY event_id COLLATE "C"',
      [id],
    );
    const pick = (k: 'pack_ms' | 'paid_ms' | 'handover_ms') =>
      encodeSamples(rows.map((r) => r[k]).filter((v): v is number => v !== null));
    await sql.run('UPDATE stats_cells SET pack_times = $1, paid_to_packed = $2, to_handover = $3 WHERE id = $4', [
      pick('pack_ms'),
      pick('paid_ms'),
      pick('handover_ms'),
      id,
    ]);
  }

  return {
    async add(deltas) {
      for (const d of deltas) {
        const row = await sql.row<{ id: number; shifts: string }>(
          `INSERT INTO stats_cells (station_id, packer_id, hour_at, hour, day, layout, events, ${cols.join(', ')})
           VALUES ($1, $2, $3, $4, $5, $6, $7, ${cols.map((_, i) => `$${8 + i}`).join(', ')})
           ON CONFLICT (station_id, packer_id, hour_at, layout) DO UPDATE SET events = stats_cells.events + excluded.events,
             ${cols.map((c) => `${c} = stats_cells.${c} + excluded.${c}`).join(', ')}
           RETURNING id, shifts`,
          [d.station, d.packer, d.hourAt, d.hour, d.day, d.layout, d.events, ...SUM_COLUMNS.map(([f]) => d[f])],
        );
        if (!row || d.shifts.size === 0) continue;
        const shifts = unionShifts(row.shifts, d.shifts);
        if (shifts !== row.shifts) await sql.run('UPDATE stats_cells SET shifts = $1 WHERE id = $2', [shifts, row.id]);
      }
    },
    async range(from, to) {
      const rows = await sql.rows<CellRow>(
        `SELECT station_id, packer_id, hour_at, hour, day, layout, events, ${cols.join(', ')}, shifts, pack_times,
           paid_to_packed, to_handover
         FROM stats_cells WHERE hour_at >= $1 AND hour_at < $2`,
        [from, to],
      );
      const out: StoredCell[] = [];
      for (const r of rows) {
        const sums = {} as StoredCell['sums'];
        for (const [f, c] of SUM_COLUMNS) sums[f] = Number(r[c]);
        const events = r.events;
        if (events === 0 && sums.activeMs === 0 && sums.idleMs === 0) continue;
        out.push({
          station: r.station_id,
          packer: r.packer_id,
          hourAt: r.hour_at,
          hour: r.hour,
          day: r.day,
          layout: r.layout,
          events,
          sums,
          shifts: r.shifts,
          packTimes: decodeSamples(r.pack_times),
          paidToPacked: decodeSamples(r.paid_to_packed),
          packedToHandover: decodeSamples(r.to_handover),
        });
      }
      return out;
    },
    async blockRevs(from, to) {
      const rows = await sql.rows<{ block: number; rev: number }>(
        'SELECT block, rev FROM stats_blocks WHERE block >= $1 AND block < $2',
        [from, to],
      );
      return new Map(rows.map((r) => [r.block, r.rev]));
    },
    async stream(station, packer) {
      const r = await sql.row<{ at: number; logout: number }>(
        'SELECT at, logout FROM stats_streams WHERE station_id = $1 AND packer_id = $2',
        [station, packer],
      );
      return r ? { at: r.at, logout: r.logout === 1 } : null;
    },
    async setStream(station, packer, p) {
      await sql.run(
        `INSERT INTO stats_streams (station_id, packer_id, at, logout) VALUES ($1, $2, $3, $4)
         ON CONFLICT (station_id, packer_id) DO UPDATE SET at = excluded.at, logout = excluded.logout`,
        [station, packer, p.at, p.logout ? 1 : 0],
      );
    },
    async around(station, packerId, at, exceptId) {
      const where = 'station_id = $1 AND packer_id IS NOT DISTINCT FROM $2 AND id <> $4 AND type = ANY($5::text[])';
      const r = await sql.row<{ prev: number | null; next: number | null }>(
        `SELECT (SELECT max(at) FROM station_events WHERE ${where} AND at <= $3) AS prev,
                (SELECT min(at) FROM station_events WHERE ${where} AND at > $3) AS next`,
        [station, packerId, at, exceptId, activity],
      );
      const prev = r?.prev ?? null;
      const next = r?.next ?? null;
      if (prev === null) return { prev: null, next: next === null ? null : next };
      const logout = await sql.row(
        `SELECT 1 FROM station_events WHERE station_id = $1 AND packer_id IS NOT DISTINCT FROM $2 AND at = $3 AND id <> $4
           AND type = 'packer.logout' LIMIT 1`,
        [station, packerId, prev, exceptId],
      );
      return { prev: { at: prev, logout: logout !== undefined }, next: next === null ? null : next };
    },
    async packEvents(packId) {
      const rows = await sql.rows<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM station_events WHERE rowid IN (
           SELECT rowid FROM station_events WHERE s_a = $1
           UNION SELECT l.rowid FROM station_events p JOIN station_events l ON l.s_b = p.s_b
             AND l.type = 'label.printed' AND l.s_a IS NULL
           WHERE p.s_a = $1 AND p.type = 'parcel.packed' AND p.s_b IS NOT NULL)
         ORDER BY at, rowid`,
        [packId],
      );
      return rows.map(toEvent);
    },
    async packsOfParcel(parcelId) {
      const rows = await sql.rows<{ s_a: string }>(
        `SELECT DISTINCT s_a COLLATE "C" AS s_a FROM station_events
         WHERE s_b = $1 AND type = 'parcel.packed' AND s_a IS NOT NULL ORDER BY 1`,
        [parcelId],
      );
      return rows.map((r) => r.s_a);
    },
    async parcelPacked(parcelId) {
      const rows = await sql.rows<{ id: string; station_id: string; packer_id: string | null; at: number }>(
        `SELECT id, station_id, packer_id, at FROM station_events WHERE s_b = $1 AND type = 'parcel.packed'
         ORDER BY at, rowid`,
        [parcelId],
      );
      return rows.map((r) => ({ id: r.id, stationId: r.station_id, packerId: r.packer_id, at: r.at }));
    },
    async setSamples(kind, ref, rows) {
      const before = await sql.rows<{ cell_id: number }>(
        'SELECT DISTINCT cell_id FROM stats_samples WHERE kind = $1 AND ref = $2',
        [kind, ref],
      );
      const touched = new Set(before.map((r) => r.cell_id));
      await sql.run('DELETE FROM stats_samples WHERE kind = $1 AND ref = $2', [kind, ref]);
      for (const r of rows) {
        const id = await cellId(r.cell);
        touched.add(id);
        await sql.run(
          `INSERT INTO stats_samples (event_id, kind, ref, cell_id, pack_ms, paid_ms, handover_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (event_id) DO UPDATE SET kind = excluded.kind, ref = excluded.ref, cell_id = excluded.cell_id,
             pack_ms = excluded.pack_ms, paid_ms = excluded.paid_ms, handover_ms = excluded.handover_ms`,
          [r.eventId, kind, ref, id, r.packTimeMs, r.paidToPackedMs, r.toHandoverMs],
        );
      }
      for (const id of touched) await refreshLists(id);
    },
    async walk(after, limit) {
      const rows = await sql.rows<EventRow & { rowid: number }>(
        `SELECT rowid, ${EVENT_COLUMNS} FROM station_events
         WHERE (at, rowid) > ($1, $2) AND type = ANY($3::text[]) ORDER BY at, rowid LIMIT $4`,
        [after.at, after.position, activity, limit],
      );
      const last = rows[rows.length - 1];
      return {
        events: rows.map(toEvent),
        last: last ? { at: last.at, position: last.rowid } : after,
      };
    },
    async completedPacks(after, limit) {
      const rows = await sql.rows<{ s_a: string }>(
        `SELECT DISTINCT s_a COLLATE "C" AS s_a FROM station_events WHERE type = 'pack.completed' AND s_a COLLATE "C" > $1
         ORDER BY 1 LIMIT $2`,
        [after, limit],
      );
      return rows.map((r) => r.s_a);
    },
    async clear() {
      await sql.run('DELETE FROM stats_cells');
      await sql.run('DELETE FROM stats_streams');
      await sql.run('DELETE FROM stats_samples');
    },
    async count() {
      const r = await sql.row<{ n: number }>('SELECT count(*)::bigint AS n FROM stats_cells');
      return r?.n ?? 0;
    },
  };
}
