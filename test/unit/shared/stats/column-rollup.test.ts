// The columns' roll-up (column-rollup.ts) against the cells' (rollup.ts) on groups far larger than
// the random logs make: a month of hours with tens of thousands of durations per station, so large
// groups go through the histogram and small ones through selection, with repeated, negative,
// fractional and all-equal durations; and an hour's percentiles read back from the run memo.
import { describe, expect, it } from 'vitest';
import type { LayoutPeriod, StatsDimension, StatsQuery } from '../../../../src/contract/stats.js';
import { Cell, Scratch } from '../../../../src/domain/stats/figures.js';
import { LayoutTimelines } from '../../../../src/domain/stats/layouts.js';
import { LocalHourCursor } from '../../../../src/domain/stats/local-time.js';
import { groupCells, totalFigures, type RollupContext } from '../../../../src/domain/stats/rollup.js';
import { shiftInstances } from '../../../../src/domain/stats/shifts.js';
import { Names, columnsOfStored } from '../../../../src/domain/stats/columns.js';
import { columnQuery, groupColumns } from '../../../../src/domain/stats/column-rollup.js';
import {
  SUM_FIELDS,
  statsFromCells,
  statsFromColumns,
  type StoredCell,
} from '../../../../src/domain/stats/from-cells.js';
import { PercentileHints } from '../../../../src/domain/stats/percentile-hints.js';
import { statsResultChunks } from '../../../../src/cloud/services/stats-json.js';
import { DAY, HOUR } from './log.js';
import { SHIFTS, START, rng } from './cell-world.js';

const TZ = 'Asia/Shanghai';
const DAYS = 30;
const GROUPINGS: StatsDimension[][] = [
  ['station'],
  ['packer'],
  ['layout'],
  ['hour'],
  ['day'],
  ['station', 'hour'],
  ['packer', 'layout'],
];
const LAYOUTS: LayoutPeriod[] = [
  { stationId: 'S1', layout: 'u_shaped', from: START - DAY },
  { stationId: 'S2', layout: 'island', from: START - DAY },
  { stationId: 'S3', layout: 'straight', from: START - DAY },
  { stationId: 'S3', layout: 'island', from: START + 11 * DAY + 5 * HOUR },
];

/** A month of hour cells, 3 stations × 2 packers, ~40 durations of each kind per cell. */
function month(seed: number): StoredCell[] {
  const next = rng(seed);
  const cursor = new LocalHourCursor(TZ);
  const instances = shiftInstances(SHIFTS, START, START + DAYS * DAY, TZ);
  const out: StoredCell[] = [];
  for (let h = 0; h < DAYS * 24; h++) {
    const hourAt = START + h * HOUR;
    cursor.seek(hourAt);
    const shifts = instances
      .filter((i) => i.start < hourAt + HOUR && i.end > hourAt)
      .map((i) => `${i.start}:${i.end}`)
      .join(',');
    for (const station of ['S1', 'S2', 'S3']) {
      for (const packer of ['P1', 'P2']) {
        if (next() < 0.1) continue;
        const layout =
          station === 'S1'
            ? 'u_shaped'
            : station === 'S2'
              ? 'island'
              : hourAt >= START + 11 * DAY
                ? 'island'
                : 'straight';
        const n = 20 + Math.floor(next() * 40);
        const sums = Object.fromEntries(SUM_FIELDS.map((f) => [f, Math.floor(next() * 50)])) as StoredCell['sums'];
        out.push({
          station,
          packer,
          hourAt,
          hour: cursor.hourKey,
          day: cursor.dayKey,
          layout,
          sums,
          events: n,
          shifts,
          // Whole seconds repeat often; S2 packs in exactly 90 s.
          packTimes: Array.from({ length: n }, () => (station === 'S2' ? 90_000 : Math.round(next() * 600) * 1000)),
          // Clocks that disagree: some negative, some fractional.
          paidToPacked: Array.from({ length: n }, () => (next() - 0.1) * 3_600_000),
          // One value throughout: every bin but one empty.
          packedToHandover: Array.from({ length: Math.floor(n / 2) }, () => 7_200_000),
        });
      }
    }
  }
  return out;
}

/** What the cells' roll-up gives for the same stored cells. */
function rollupContext(query: StatsQuery): RollupContext {
  return {
    instances: shiftInstances(query.shifts, query.from, query.to, query.timezone),
    from: query.from,
    to: query.to,
    cursor: new LocalHourCursor(query.timezone),
    layouts: new LayoutTimelines(LAYOUTS),
    scratch: new Scratch(),
  };
}

function reference(stored: readonly StoredCell[], query: StatsQuery) {
  const ctx = rollupContext(query);
  const cells = stored.map((s) => {
    const c = new Cell(s.station, s.packer, s.hour, s.day, s.layout);
    for (const f of SUM_FIELDS) c[f] = s.sums[f];
    c.packTimes.push(...Array.from(s.packTimes));
    c.paidToPacked.push(...Array.from(s.paidToPacked));
    c.packedToHandover.push(...Array.from(s.packedToHandover));
    ctx.instances.forEach((inst, j) => {
      if (s.shifts.split(',').includes(`${inst.start}:${inst.end}`)) c.markShift(j);
    });
    return c;
  });
  return {
    query,
    total: totalFigures(cells, ctx),
    groupings: query.groupings.map((by) => ({ by: [...by], groups: groupCells(cells, by, ctx) })),
  };
}

describe('the columns roll-up', () => {
  const query: StatsQuery = {
    from: START,
    to: START + DAYS * DAY,
    timezone: TZ,
    idleGapMs: 300_000,
    shifts: SHIFTS,
    groupings: GROUPINGS,
  };

  it('gives the cells roll-up figures for large and small groups alike', () => {
    const stored = month(7);
    const got = statsFromCells(stored, [], query, LAYOUTS);
    expect(got.groupings[0]?.groups.every((g) => g.figures.orders > 0)).toBe(true);
    // The large groups really are large: a station has tens of thousands of pack times.
    expect(stored.filter((s) => s.station === 'S1').reduce((n, s) => n + s.packTimes.length, 0)).toBeGreaterThan(
      20_000,
    );
    expect(got).toEqual(reference(stored, query));
  });

  it('reads an hour from the run memo on the next query and gives the same figures', () => {
    const stored = month(8);
    const names = new Names();
    const cols = columnsOfStored(stored, names);
    const parts = [{ cols, lo: 0, hi: cols.n }];
    const first = statsFromColumns(parts, [], query, LAYOUTS, names);
    expect(cols.runPct.some((v) => v !== Infinity)).toBe(true);
    const again = statsFromColumns(parts, [], query, LAYOUTS, names);
    expect(again).toEqual(first);
    expect(first).toEqual(reference(stored, query));
  });

  it('keeps whole-millisecond durations and sums as 32-bit integers and others as doubles, each exactly', () => {
    const [a, b] = month(11);
    const thirtyDays = 30 * DAY;
    const cells = [
      { ...(a as StoredCell), packedToHandover: [thirtyDays, 5] },
      { ...(b as StoredCell), packedToHandover: [-thirtyDays] },
    ];
    const cols = columnsOfStored(cells, new Names());
    // Pack times in whole seconds; paid-to-packed fractional; hand-over beyond ±2³¹ ms.
    expect(cols.samples.map((s) => s.constructor.name)).toEqual(['Int32Array', 'Float64Array', 'Float64Array']);
    expect(Array.from(cols.samples[2] as Float64Array)).toEqual([5, thirtyDays, -thirtyDays]);
    const sorted = (xs: ArrayLike<number>) => Array.from(xs).sort((x, y) => x - y);
    expect(Array.from(cols.samples[0] as Int32Array)).toEqual([...sorted(a!.packTimes), ...sorted(b!.packTimes)]);
    // Counts and whole milliseconds: sums too, unless one is not whole.
    expect(cols.sums).toBeInstanceOf(Int32Array);
    const half = { ...(a as StoredCell), sums: { ...(a as StoredCell).sums, activeMs: 1.5 } };
    expect(columnsOfStored([half], new Names()).sums).toBeInstanceOf(Float64Array);
  });

  it('gives the same shift time whichever way it tells pairs apart', () => {
    const stored = month(10);
    const names = new Names();
    const cols = columnsOfStored(stored, names);
    const parts = [{ cols, lo: 0, hi: cols.n }];
    const ctx = rollupContext(query);
    const want = reference(stored, query).groupings;
    // No byte map: hours (runs of adjacent cells) by stamps, other groupings by sorting the pairs.
    const narrow = columnQuery(parts, names, ctx, { bytemapMax: 0 });
    GROUPINGS.forEach((by, i) => expect(groupColumns(narrow, by)).toEqual(want[i]?.groups));
  });

  it('gives the same figures for a range cut inside the columns', () => {
    const stored = month(9);
    const names = new Names();
    const cols = columnsOfStored(stored, names);
    const from = START + 3 * DAY + 7 * HOUR;
    const to = START + 19 * DAY + 2 * HOUR;
    const lo = cols.hourAt.findIndex((at) => at >= from);
    const hi = cols.hourAt.findIndex((at) => at >= to);
    const cut = { ...query, from, to };
    const got = statsFromColumns([{ cols, lo, hi }], [], cut, LAYOUTS, names);
    expect(got).toEqual(
      reference(
        stored.filter((s) => s.hourAt >= from && s.hourAt < to),
        cut,
      ),
    );
  });

  it("finds large groups' percentiles in the previous query's windows, and stays exact when they miss", () => {
    const stored = month(11);
    const hints = new PercentileHints();
    const run = (cells: StoredCell[]) => {
      const names = new Names();
      const cols = columnsOfStored(cells, names);
      return statsFromColumns([{ cols, lo: 0, hi: cols.n }], [], query, LAYOUTS, names, hints);
    };
    expect(run(stored)).toEqual(reference(stored, query));
    expect(hints.size).toBeGreaterThan(0);
    expect([hints.hits, hints.misses]).toEqual([0, 0]);

    // The same cells and one more: every window still holds its ranks (a margin of 64 ranks each side).
    const more = [...stored, ...month(12).slice(0, 1)];
    expect(run(more)).toEqual(reference(more, query));
    expect(hints.hits).toBeGreaterThan(0);
    expect(hints.misses).toBe(0);

    // S1 packs three times slower: its windows, its packers' and the total's no longer hold the ranks.
    const hits = hints.hits;
    const slower = more.map((c) =>
      c.station === 'S1' ? { ...c, packTimes: Array.from(c.packTimes, (v) => v * 3 + 1000) } : c,
    );
    expect(run(slower)).toEqual(reference(slower, query));
    expect(hints.misses).toBeGreaterThan(0);
    expect(hints.hits).toBeGreaterThan(hits);
    // Found again by histogram, the new windows hold on the next query.
    const misses = hints.misses;
    expect(run(slower)).toEqual(reference(slower, query));
    expect(hints.misses).toBe(misses);
  });

  it("keeps an hour's group with its run, and keeps nothing another shift setting or grouping would see differently", () => {
    const stored = month(13);
    const names = new Names();
    const cols = columnsOfStored(stored, names);
    const parts = [{ cols, lo: 0, hi: cols.n }];
    const byHour: StatsQuery = { ...query, groupings: [['hour'], ['day', 'hour'], ['station', 'hour']] };
    const first = statsFromColumns(parts, [], byHour, LAYOUTS, names);
    expect(first).toEqual(reference(stored, byHour));
    const again = statsFromColumns(parts, [], byHour, LAYOUTS, names);
    expect(again).toEqual(first);
    const same = (i: number) => again.groupings[i]?.groups.every((g, j) => g === first.groupings[i]?.groups[j]);
    // By hour (and day): the very groups of the first query. By station and hour: made anew.
    expect([same(0), same(1), same(2)]).toEqual([true, true, false]);
    // Written from the kept bytes, byte for byte what JSON.stringify writes.
    const written = (r: typeof first) => Buffer.concat(statsResultChunks(r)).toString();
    expect(written(first)).toBe(JSON.stringify(first));
    expect(written(again)).toBe(JSON.stringify(again));
    expect(statsResultChunks(again).length).toBeGreaterThan(1);

    // Other shifts give other shift time in the same hours: not the kept groups.
    const early = { ...byHour, shifts: SHIFTS.slice(2) };
    const other = statsFromColumns(parts, [], early, LAYOUTS, names);
    expect(other).toEqual(reference(stored, early));
    expect(other.groupings[0]?.groups.map((g) => g.figures.shiftMs)).not.toEqual(
      first.groupings[0]?.groups.map((g) => g.figures.shiftMs),
    );
    expect(statsFromColumns(parts, [], byHour, LAYOUTS, names)).toEqual(first);

    // A range cut inside the columns: its hours are kept groups still, and right.
    const from = START + 2 * DAY + 5 * HOUR;
    const to = START + 9 * DAY;
    const cut = { ...byHour, from, to };
    const lo = cols.hourAt.findIndex((at) => at >= from);
    const hi = cols.hourAt.findIndex((at) => at >= to);
    const inside = statsFromColumns([{ cols, lo, hi }], [], cut, LAYOUTS, names);
    expect(inside).toEqual(
      reference(
        stored.filter((c) => c.hourAt >= from && c.hourAt < to),
        cut,
      ),
    );
    const kept = new Set(first.groupings[0]?.groups);
    expect(inside.groupings[0]?.groups.every((g) => kept.has(g))).toBe(true);
  });

  it('keeps no hour group whose local hour has another segment in the range (a clock turned back)', () => {
    // New York turns back at 02:00 EDT on 2026-11-01: local 01:00 runs 05:00–06:00 and 06:00–07:00 UTC.
    const tz = 'America/New_York';
    const night = [{ name: 'night', start: '00:00', end: '04:00' }];
    const hourAt = Date.UTC(2026, 10, 1, 5);
    const [inst] = shiftInstances(night, hourAt - HOUR, hourAt + 4 * HOUR, tz);
    const cell: StoredCell = {
      station: 'S1',
      packer: 'P1',
      hourAt,
      hour: '2026-11-01 01',
      day: '2026-11-01',
      layout: 'u_shaped',
      sums: Object.fromEntries(SUM_FIELDS.map((f) => [f, 1])) as StoredCell['sums'],
      events: 1,
      shifts: `${inst?.start}:${inst?.end}`,
      packTimes: [60_000],
      paidToPacked: [],
      packedToHandover: [],
    };
    const names = new Names();
    const cols = columnsOfStored([cell], names);
    const ask = (to: number) => {
      const q: StatsQuery = { ...query, from: hourAt - HOUR, to, timezone: tz, shifts: night, groupings: [['hour']] };
      const got = statsFromColumns([{ cols, lo: 0, hi: cols.n }], [], q, LAYOUTS, names);
      expect(got).toEqual(reference([cell], q));
      return got.groupings[0]?.groups[0]?.figures.shiftMs;
    };
    // The first 01:00 alone, then both: the hour's shift time doubles, kept group or not.
    expect([ask(hourAt + HOUR), ask(hourAt + 4 * HOUR), ask(hourAt + HOUR)]).toEqual([HOUR, 2 * HOUR, HOUR]);
  });
});
