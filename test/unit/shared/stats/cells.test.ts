// Stored cells against the reference: random logs — late and re-sent events, layout changes
// mid-hour, packers changing, packs restarted and labelled late — folded one event at a time into
// cells must give every figure the full pass (computeStats over the whole log) gives.
import { describe, expect, it, vi } from 'vitest';
import type { StatsEvent, StatsQuery } from '../../../../src/contract/stats.js';
import { computeStats } from '../../../../src/domain/stats/compute.js';
import { innerRange, statsFromCells } from '../../../../src/domain/stats/from-cells.js';
import { DAY, HOUR, MIN, SEC } from './log.js';
import { MemoryCells } from './cell-memory.js';
import { SHIFTS, START, world, type World } from './cell-world.js';

function query(from: number, to: number, timezone: string): StatsQuery {
  return {
    from,
    to,
    timezone,
    idleGapMs: 5 * MIN,
    shifts: SHIFTS,
    groupings: [['station'], ['packer'], ['layout'], ['hour'], ['day'], ['station', 'packer', 'hour', 'layout']],
  };
}

/** The log in storage order (what the pass reads: ORDER BY at, ties in arrival order). */
function stored(w: World): StatsEvent[] {
  const seen = new Set<string>();
  return w.arrival.filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
}

// Each case folds a few thousand events one at a time and runs the reference pass several times.
vi.setConfig({ testTimeout: 60_000 });

describe('stats cells', () => {
  for (const timezone of ['Asia/Shanghai', 'Asia/Kolkata', 'America/New_York']) {
    for (const seed of [1, 2, 3]) {
      it(`give the full pass's figures for whole hours (${timezone}, seed ${seed})`, () => {
        const w = world(seed);
        const cells = new MemoryCells({ timezone, idleGapMs: 5 * MIN, shifts: SHIFTS }, w.layouts, w.handovers);
        for (const e of w.arrival) cells.add(e);
        const log = stored(w);
        for (const [from, to] of [
          [START, START + 4 * DAY],
          [START + DAY + 7 * HOUR, START + 2 * DAY + 13 * HOUR],
        ] as const) {
          const q = query(from, to, timezone);
          const inner = innerRange(from, to, timezone);
          expect(inner).toEqual({ from, to });
          const got = statsFromCells(cells.range(from, to), [], q, w.layouts);
          expect(got).toEqual(computeStats(log, q, { layouts: w.layouts, handovers: w.handovers }));
        }
      });
    }
  }

  it("give the full pass's figures for a range cut mid-hour, the ends computed from their events", () => {
    const w = world(7);
    const timezone = 'Asia/Kolkata';
    const cells = new MemoryCells({ timezone, idleGapMs: 5 * MIN, shifts: SHIFTS }, w.layouts, w.handovers);
    for (const e of w.arrival) cells.add(e);
    const log = stored(w);
    const from = START + DAY + 3 * HOUR + 7 * MIN + 13 * SEC;
    const to = START + 2 * DAY + 9 * HOUR + 44 * MIN;
    const q = query(from, to, timezone);
    const inner = innerRange(from, to, timezone);
    expect(inner.from).toBeGreaterThan(from);
    expect(inner.to).toBeLessThan(to);
    // Each end's pass sees the whole log, as the reference does.
    const edges = [
      { from, to: inner.from, events: log, handovers: w.handovers },
      { from: inner.to, to, events: log, handovers: w.handovers },
    ];
    const got = statsFromCells(cells.range(inner.from, inner.to), edges, q, w.layouts);
    expect(got).toEqual(computeStats(log, q, { layouts: w.layouts, handovers: w.handovers }));
  });

  it('do not depend on arrival order: in order, shuffled and re-sent give the same cells', () => {
    const w = world(11);
    const settings = { timezone: 'Asia/Shanghai', idleGapMs: 5 * MIN, shifts: SHIFTS };
    const inOrder = new MemoryCells(settings, w.layouts, w.handovers);
    for (const e of stored(w).sort((a, b) => a.at - b.at)) inOrder.add(e);
    const late = new MemoryCells(settings, w.layouts, w.handovers);
    for (const e of [...w.arrival].reverse()) late.add(e);
    const byKey = (c: { station: string; packer: string; hourAt: number; layout: string }): string =>
      `${c.station}|${c.packer}|${c.hourAt}|${c.layout}`;
    const norm = (cs: ReturnType<MemoryCells['range']>) =>
      cs
        .map((c) => ({
          ...c,
          shifts: c.shifts.split(',').sort().join(','),
          packTimes: Array.from(c.packTimes).sort((a, b) => a - b),
          paidToPacked: Array.from(c.paidToPacked).sort((a, b) => a - b),
          packedToHandover: Array.from(c.packedToHandover).sort((a, b) => a - b),
        }))
        .sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1));
    const a = norm(inOrder.range(0, Number.MAX_SAFE_INTEGER));
    expect(a.length).toBeGreaterThan(100);
    expect(norm(late.range(0, Number.MAX_SAFE_INTEGER))).toEqual(a);
  });
});
