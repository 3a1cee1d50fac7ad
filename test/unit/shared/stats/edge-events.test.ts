// The events a range's end is computed from (domain/stats/edge-events.ts): of the hours looked at
// around an end, only pack joins and each stream's last instant before it and first after it are
// kept, and the end's figures stay exactly what the pass over all those hours gives.
import { describe, expect, it } from 'vitest';
import type { StatsEvent, StatsQuery } from '../../../../src/contract/stats.js';
import { edgeEventsQuery, selectEdgeEvents } from '../../../../src/domain/stats/edge-events.js';
import { statsFromCells } from '../../../../src/domain/stats/from-cells.js';
import { DAY, HOUR, MIN, SEC } from './log.js';
import { SHIFTS, START, world } from './cell-world.js';

const BEFORE = 6 * HOUR;
const AFTER = HOUR;

/** As the store gives them: each event once, by time, ties in arrival order. */
function storedOrder(arrival: readonly StatsEvent[]): StatsEvent[] {
  const seen = new Set<string>();
  return arrival.filter((e) => !seen.has(e.id) && (seen.add(e.id), true)).sort((a, b) => a.at - b.at);
}

function query(from: number, to: number): StatsQuery {
  return {
    from,
    to,
    timezone: 'Asia/Shanghai',
    idleGapMs: 5 * MIN,
    shifts: SHIFTS,
    groupings: [['station'], ['packer'], ['layout'], ['station', 'packer', 'hour', 'layout']],
  };
}

describe('a range end’s events', () => {
  for (const seed of [1, 2, 3]) {
    it(`give the same figures as every event of the hours around it (seed ${seed})`, () => {
      const w = world(seed);
      const log = storedOrder(w.arrival);
      const ends: [number, number][] = [];
      // Ends of a last day cut 1.234 s before the hour, and partial hours all over the three days.
      for (let h = 1; h < 70; h += 5) {
        const hour = START + h * HOUR;
        ends.push([hour - 1234, hour], [hour, hour + 17 * MIN + 3 * SEC], [hour + 41 * MIN, hour + HOUR]);
      }
      let kept = 0;
      let read = 0;
      for (const [from, to] of ends) {
        const around = log.filter((e) => e.at >= from - BEFORE && e.at < to + AFTER);
        const picked = selectEdgeEvents(around, edgeEventsQuery(from, to, BEFORE, AFTER));
        const edge = (events: StatsEvent[]) => [{ from, to, events, handovers: w.handovers }];
        expect(statsFromCells([], edge(picked), query(from, to), w.layouts)).toEqual(
          statsFromCells([], edge(around), query(from, to), w.layouts),
        );
        kept += picked.length;
        read += around.length;
      }
      // Most of what lies around an end is left out.
      expect(kept).toBeLessThan(read / 2);
    });
  }

  it('keep every event in range, the joins around it, and each stream’s last and first instants', () => {
    const at = (m: number) => START + DAY + m * MIN;
    let n = 0;
    const e = (type: string, m: number, packerId: string | null, payload = {}): StatsEvent => ({
      id: `e${++n}`,
      type,
      at: at(m),
      stationId: 'A',
      packerId,
      payload,
    });
    const events = [
      e('scan.recorded', -90, 'P1'), // P1's earlier activity: left out
      e('pack.started', -80, 'P1', { packId: 'k1' }), // a join: kept
      e('packer.login', -30, 'P1'), // P1's last instant before: kept, both events of it
      e('packer.logout', -30, 'P1'),
      e('scan.recorded', -20, null), // the stream without a packer: its own last instant
      e('no.such.type', -10, 'P1'), // no activity: left out
      e('scan.recorded', 0, 'P1'), // in range, from its first instant
      e('sync.quarantined', 10, 'P1'), // in range, whatever its type
      e('scan.recorded', 60, 'P1'), // P1's first instant after: kept
      e('scan.recorded', 61, 'P1'), // later: left out
      e('label.printed', 62, 'P1', { parcelId: 'k1-p0' }), // a join: kept
    ];
    const picked = selectEdgeEvents(events, edgeEventsQuery(at(0), at(60), BEFORE, AFTER));
    expect(picked.map((x) => x.id)).toEqual(['e2', 'e3', 'e4', 'e5', 'e7', 'e8', 'e9', 'e11']);
  });
});
