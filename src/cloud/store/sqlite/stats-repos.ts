// The statistics cells in SQLite (store/stats-cells-types.ts). Counters are added in SQL; the shift
// markers and sample lists are rewritten in full, which is cheap because a cell is one hour.
import type { Db } from '../../../base/node/sqlite/open.js';
import { expandEvent } from '../../../domain/stats/compact.js';
import type { SampleRow, StatsCellsRepo } from '../stats-cells-types.js';
import { SUM_COLUMNS, activityTypes, decodeSamples, encodeSamples, unionShifts } from '../stats-cells-schema.js';
import type { StoredCell } from '../../../domain/stats/from-cells.js';
import type { StatsEvent } from '../../../contract/stats.js';

type EventRow = [
  string,
  string,
  number,
  string,
  string | null,
  ...[string | null, string | null, number | null, number | null, 0 | 1 | null],
];
const EVENT_COLUMNS = 'id, type, at, station_id, packer_id, s_a, s_b, s_n1, s_n2, s_f';
const toEvent = (r: EventRow): StatsEvent =>
  expandEvent(r[0], r[1], r[2], r[3], r[4], { a: r[5], b: r[6], n1: r[7], n2: r[8], f: r[9] });
const ACTIVITY = activityTypes.map((t) => `'${t}'`).join(', ');

export function statsCellsRepo(db: Db): StatsCellsRepo {
  const cols = SUM_COLUMNS.map(([, c]) => c);
  const upsert = db.prepare(
    `INSERT INTO stats_cells (station_id, packer_id, hour_at, hour, day, layout, events, ${cols.join(', ')})
     VALUES (?, ?, ?, ?, ?, ?, ?, ${cols.map(() => '?').join(', ')})
     ON CONFLICT (station_id, packer_id, hour_at, layout) DO UPDATE SET events = events + excluded.events,
       ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}
     RETURNING id, shifts`,
  );
  const setShifts = db.prepare('UPDATE stats_cells SET shifts = ? WHERE id = ?');
  const cellId = db.prepare(
    `INSERT INTO stats_cells (station_id, packer_id, hour_at, hour, day, layout) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (station_id, packer_id, hour_at, layout) DO UPDATE SET events = events RETURNING id`,
  );
  const range = db
    .prepare(
      `SELECT station_id, packer_id, hour_at, hour, day, layout, events, ${cols.join(', ')}, shifts, pack_times, paid_to_packed, to_handover
       FROM stats_cells WHERE hour_at >= ? AND hour_at < ?`,
    )
    .raw();
  const blockRevs = db.prepare('SELECT block, rev FROM stats_blocks WHERE block >= ? AND block < ?').raw();
  const samplesOfCell = db.prepare<
    [number],
    { pack_ms: number | null; paid_ms: number | null; handover_ms: number | null }
  >('SELECT pack_ms, paid_ms, handover_ms FROM stats_samples WHERE cell_id = ? ORDER BY event_id');
  // Prepared once: the fold calls setSamples for every pack and parcel it meets.
  const samplesCells = db.prepare('SELECT DISTINCT cell_id FROM stats_samples WHERE kind = ? AND ref = ?').pluck();
  const deleteSamples = db.prepare('DELETE FROM stats_samples WHERE kind = ? AND ref = ?');
  const insert = db.prepare(
    `INSERT INTO stats_samples (event_id, kind, ref, cell_id, pack_ms, paid_ms, handover_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET kind = excluded.kind, ref = excluded.ref, cell_id = excluded.cell_id,
       pack_ms = excluded.pack_ms, paid_ms = excluded.paid_ms, handover_ms = excluded.handover_ms`,
  );
  const setLists = db.prepare(
    'UPDATE stats_cells SET pack_times = ?, paid_to_packed = ?, to_handover = ? WHERE id = ?',
  );
  const streamAt = (op: '<=' | '>', agg: 'max' | 'min') =>
    db
      .prepare(
        `SELECT ${agg}(at) FROM station_events WHERE station_id = ? AND packer_id IS ? AND at ${op} ? AND id <> ? AND type IN (${ACTIVITY})`,
      )
      .pluck();
  const prevAt = streamAt('<=', 'max');
  const nextAt = streamAt('>', 'min');
  const logoutAt = db
    .prepare(
      "SELECT 1 FROM station_events WHERE station_id = ? AND packer_id IS ? AND at = ? AND id <> ? AND type = 'packer.logout' LIMIT 1",
    )
    .pluck();

  function refreshLists(id: number): void {
    const pack: number[] = [];
    const paid: number[] = [];
    const handover: number[] = [];
    for (const s of samplesOfCell.iterate(id)) {
      if (s.pack_ms !== null) pack.push(s.pack_ms);
      if (s.paid_ms !== null) paid.push(s.paid_ms);
      if (s.handover_ms !== null) handover.push(s.handover_ms);
    }
    setLists.run(encodeSamples(pack), encodeSamples(paid), encodeSamples(handover), id);
  }

  return {
    add(deltas) {
      for (const d of deltas) {
        const row = upsert.get(
          d.station,
          d.packer,
          d.hourAt,
          d.hour,
          d.day,
          d.layout,
          d.events,
          ...SUM_COLUMNS.map(([f]) => d[f]),
        ) as { id: number; shifts: string };
        if (d.shifts.size === 0) continue;
        const shifts = unionShifts(row.shifts, d.shifts);
        if (shifts !== row.shifts) setShifts.run(shifts, row.id);
      }
    },
    range(from, to) {
      const out: StoredCell[] = [];
      const n = cols.length;
      for (const r of range.all(from, to) as unknown[][]) {
        const events = r[6] as number;
        const sums = {} as StoredCell['sums'];
        for (let i = 0; i < n; i++)
          sums[(SUM_COLUMNS[i] as [keyof StoredCell['sums'], string])[0]] = r[7 + i] as number;
        if (events === 0 && sums.activeMs === 0 && sums.idleMs === 0) continue;
        out.push({
          station: r[0] as string,
          packer: r[1] as string,
          hourAt: r[2] as number,
          hour: r[3] as string,
          day: r[4] as string,
          layout: r[5] as string,
          events,
          sums,
          shifts: r[7 + n] as string,
          packTimes: decodeSamples(r[8 + n] as Uint8Array | null),
          paidToPacked: decodeSamples(r[9 + n] as Uint8Array | null),
          packedToHandover: decodeSamples(r[10 + n] as Uint8Array | null),
        });
      }
      return out;
    },
    blockRevs(from, to) {
      return new Map(blockRevs.all(from, to) as [number, number][]);
    },
    stream(station, packer) {
      const r = db
        .prepare('SELECT at, logout FROM stats_streams WHERE station_id = ? AND packer_id = ?')
        .get(station, packer) as { at: number; logout: number } | undefined;
      return r ? { at: r.at, logout: r.logout === 1 } : null;
    },
    setStream(station, packer, p) {
      db.prepare(
        `INSERT INTO stats_streams (station_id, packer_id, at, logout) VALUES (?, ?, ?, ?)
         ON CONFLICT (station_id, packer_id) DO UPDATE SET at = excluded.at, logout = excluded.logout`,
      ).run(station, packer, p.at, p.logout ? 1 : 0);
    },
    around(station, packerId, at, exceptId) {
      const prev = prevAt.get(station, packerId, at, exceptId) as number | null;
      const next = nextAt.get(station, packerId, at, exceptId) as number | null;
      return {
        prev: prev === null ? null : { at: prev, logout: logoutAt.get(station, packerId, prev, exceptId) === 1 },
        next,
      };
    },
    packEvents(packId) {
      // The unary + keeps SQLite on the packId index for p; on (type, s_b) it would walk every parcel.
      const rows = db
        .prepare(
          `SELECT ${EVENT_COLUMNS} FROM station_events WHERE rowid IN (
             SELECT rowid FROM station_events WHERE s_a = ?
             UNION SELECT l.rowid FROM station_events p JOIN station_events l ON l.s_b = p.s_b
               AND l.type = 'label.printed' AND l.s_a IS NULL
             WHERE p.s_a = ? AND +p.type = 'parcel.packed' AND +p.s_b IS NOT NULL)
           ORDER BY at, rowid`,
        )
        .raw()
        .all(packId, packId) as EventRow[];
      return rows.map(toEvent);
    },
    packsOfParcel(parcelId) {
      return db
        .prepare(
          "SELECT DISTINCT s_a FROM station_events WHERE s_b = ? AND type = 'parcel.packed' AND s_a IS NOT NULL ORDER BY s_a",
        )
        .pluck()
        .all(parcelId) as string[];
    },
    parcelPacked(parcelId) {
      return db
        .prepare(
          "SELECT id, station_id AS stationId, packer_id AS packerId, at FROM station_events WHERE s_b = ? AND type = 'parcel.packed' ORDER BY at, rowid",
        )
        .all(parcelId) as { id: string; stationId: string; packerId: string | null; at: number }[];
    },
    setSamples(kind, ref, rows: readonly SampleRow[]) {
      const touched = new Set<number>(samplesCells.all(kind, ref) as number[]);
      deleteSamples.run(kind, ref);
      for (const r of rows) {
        const c = r.cell;
        const id = (cellId.get(c.station, c.packer, c.hourAt, c.hour, c.day, c.layout) as { id: number }).id;
        touched.add(id);
        insert.run(r.eventId, kind, ref, id, r.packTimeMs, r.paidToPackedMs, r.toHandoverMs);
      }
      for (const id of touched) refreshLists(id);
    },
    walk(after, limit) {
      const rows = db
        .prepare(
          `SELECT rowid, ${EVENT_COLUMNS} FROM station_events
           WHERE (at, rowid) > (?, ?) AND type IN (${ACTIVITY}) ORDER BY at, rowid LIMIT ?`,
        )
        .raw()
        .all(after.at, after.position, limit) as [number, ...EventRow][];
      let last = after;
      const events: StatsEvent[] = [];
      for (const [position, ...r] of rows) {
        events.push(toEvent(r));
        last = { at: r[2], position };
      }
      return { events, last };
    },
    completedPacks(after, limit) {
      return db
        .prepare(
          "SELECT DISTINCT s_a FROM station_events WHERE type = 'pack.completed' AND s_a > ? ORDER BY s_a LIMIT ?",
        )
        .pluck()
        .all(after, limit) as string[];
    },
    clear() {
      db.exec('DELETE FROM stats_cells; DELETE FROM stats_streams; DELETE FROM stats_samples;');
    },
    count: () => db.prepare('SELECT count(*) FROM stats_cells').pluck().get() as number,
  };
}
