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

  it('gives the same shift time whichever way it tells pairs apart', () => {
    const stored = month(10);
    const names = new Names();
    const cols = columnsOfStored(stored, names);
    const parts = [{ cols, lo: 0, hi: cols.n }];
    const ctx = rollupContext(query);
    const want = reference(stored, query).groupings;
    // No byte map: hours (runs of adjacent cells) by stamps, other groupings by sorting the pairs.
    const narrow = columnQuery(parts, names, ctx, 0);
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
});
