// The synthetic log behind `npm run bench`: it must run through computeStats and add up. Timing is
// measured by the benchmark, never asserted here (the machine is shared).
import { describe, expect, it } from 'vitest';
import { syntheticEvents } from '../../../../src/hosts/bench/stats-data.js';
import { computeStats } from '../../../../src/domain/stats/compute.js';
import type { StatsQuery } from '../../../../src/contract/stats.js';

describe('syntheticEvents', () => {
  const log = syntheticEvents(60_000);
  const query: StatsQuery = {
    from: log.from,
    to: log.to,
    timezone: log.timezone,
    idleGapMs: 5 * 60_000,
    shifts: log.shifts,
    groupings: [['station'], ['layout'], ['packer'], ['station', 'hour']],
  };
  const r = computeStats(log.events, query, { layouts: log.layouts, handovers: log.handovers });

  it('is deterministic and exactly n events long', () => {
    expect(log.events).toHaveLength(60_000);
    expect(syntheticEvents(60_000).events).toEqual(log.events);
  });

  it('runs through computeStats with the benchmark groupings, and the groups add up to the total', () => {
    const completed = log.events.filter((e) => e.type === 'pack.completed').length;
    expect(r.total.orders).toBe(completed);
    const [stations, layouts, packers, stationHours] = r.groupings.map((g) => g.groups);
    expect(stations?.map((g) => g.key.station)).toEqual(['S1', 'S2', 'S3']);
    expect(packers?.map((g) => g.key.packer)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
    // S2 is rebuilt from island to U-shaped half-way: all three layouts appear.
    expect(layouts?.map((g) => g.key.layout)).toEqual(['island', 'straight', 'u_shaped']);
    for (const groups of [stations, layouts, packers, stationHours]) {
      const sum = (k: 'units' | 'activeMs' | 'idleMs' | 'scanErrors' | 'reprints') =>
        (groups ?? []).reduce((n, g) => n + g.figures[k], 0);
      expect(sum('units')).toBe(r.total.units);
      expect(sum('activeMs')).toBe(r.total.activeMs);
      expect(sum('idleMs')).toBe(r.total.idleMs);
      expect(sum('scanErrors')).toBe(r.total.scanErrors);
      expect(sum('reprints')).toBe(r.total.reprints);
    }
    // Station shift time adds up too: the station is the subject of both.
    expect((stations ?? []).reduce((n, g) => n + g.figures.shiftMs, 0)).toBe(r.total.shiftMs);
    expect(r.total.scanErrors).toBeGreaterThan(0);
    expect(r.total.idleGaps).toBeGreaterThan(0);
    expect(r.total.packTimeP50Ms).not.toBeNull();
    expect(r.total.packedToHandoverP50Ms).not.toBeNull();
  });

  it('gives the same figures when the log arrives shuffled', () => {
    const shuffled = syntheticEvents(60_000, { shuffle: true });
    expect(computeStats(shuffled.events, query, { layouts: shuffled.layouts, handovers: shuffled.handovers })).toEqual(
      r,
    );
  });
});
