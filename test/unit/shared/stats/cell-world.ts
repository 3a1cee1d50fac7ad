// Random event logs for the stats cells' tests: three stations, three packers, three days of packs
// with scans, parcels, labels (some late, some naming only the parcel), restarts, logouts and
// packer changes, layouts changed mid-hour; and the order they arrive in at the hub — mostly in
// order, one station's whole day late, some events sent twice, neighbours swapped.
import type { Handover, LayoutPeriod, ShiftDef, StatsEvent } from '../../../../src/contract/stats.js';
import { DAY, HOUR, MIN, SEC } from './log.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failing seed can be replayed. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export const START = Date.UTC(2026, 10, 24);
export const SHIFTS: ShiftDef[] = [
  { name: 'day', start: '08:00', end: '20:00' },
  { name: 'night', start: '20:00', end: '08:00' },
  { name: 'early', start: '06:00', end: '14:30' },
];

export interface World {
  events: StatsEvent[];
  arrival: StatsEvent[];
  layouts: LayoutPeriod[];
  handovers: Handover[];
}

/** Three stations, three packers, three days; packs with scans, parcels, labels and restarts. */
export function world(seed: number): World {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const events: StatsEvent[] = [];
  const handovers: Handover[] = [];
  let n = 0;
  const add = (type: string, at: number, stationId: string, packerId: string | null, payload = {}): void => {
    events.push({ id: `${stationId}-${++n}`, type, at, stationId, packerId, payload });
  };
  for (const station of ['A', 'B', 'C']) {
    let t = START + Math.floor(r() * 6 * HOUR);
    let packer: string | null = pick(['P1', 'P2', 'P3']);
    let pack = 0;
    let lastPacker: string | null = null;
    while (t < START + 3 * DAY) {
      const roll = r();
      if (roll < 0.05) {
        add('packer.logout', t, station, packer);
        packer = r() < 0.2 ? null : pick(['P1', 'P2', 'P3']);
        if (packer !== null) add('packer.login', t + (r() < 0.5 ? 0 : 30 * SEC), station, packer);
      } else if (roll < 0.08) {
        add(
          pick(['order.intercepted', 'order.released', 'order.held', 'label.pending', 'sync.quarantined']),
          t,
          station,
          packer,
        );
      } else {
        // A pack restarted by the packer who started it. (Restarted under another packer, the pass's
        // per-stream memo can join a later label to the earlier start: packs.ts PackHint.)
        const restart = r() < 0.1 && pack > 0 && packer === lastPacker;
        const packId = restart ? `${station}-k${pack}` : `${station}-k${++pack}`;
        lastPacker = packer;
        add('pack.started', t, station, packer, { packId, paidAt: r() < 0.8 ? t - Math.floor(r() * DAY) : undefined });
        const scans = 1 + Math.floor(r() * 4);
        for (let i = 0; i < scans; i++) {
          t += Math.floor(r() * 90 * SEC);
          const verdict = pick([
            'item_ok',
            'item_ok',
            'item_ok',
            'wrong_item',
            'unknown_code',
            'over_scan',
            'misread',
            'bad_check_digit',
          ]);
          add('scan.recorded', t, station, packer, { verdict, qty: 1 + Math.floor(r() * 3) });
        }
        if (r() < 0.2) add('weight.exception', t, station, packer);
        add('weight.accepted', t, station, packer, { override: r() < 0.1 ? { by: 'S1' } : null });
        const parcelId = `${packId}-p${Math.floor(r() * 3)}`;
        t += Math.floor(r() * 30 * SEC);
        add('parcel.packed', t, station, packer, {
          packId,
          parcelId,
          costFen: r() < 0.7 ? 500 + Math.floor(r() * 500) : undefined,
          valueFen: 3000 + Math.floor(r() * 5000),
        });
        if (r() < 0.6) handovers.push({ parcelId, at: t + Math.floor(r() * 20 * HOUR) });
        const labelAt = t + (r() < 0.15 ? Math.floor(r() * 3 * HOUR) : Math.floor(r() * 20 * SEC));
        add('label.printed', labelAt, station, packer, r() < 0.5 ? { packId, parcelId } : { parcelId });
        if (r() < 0.1) add('label.printed', labelAt + MIN, station, packer, { parcelId, reprint: true });
        if (r() < 0.9) add('pack.completed', t + Math.floor(r() * 20 * SEC), station, packer, { packId, units: scans });
        // Short gaps, coffee breaks and the night.
        const gap = r();
        t +=
          gap < 0.8 ? Math.floor(r() * 4 * MIN) : gap < 0.97 ? Math.floor(r() * 50 * MIN) : Math.floor(r() * 14 * HOUR);
      }
    }
  }
  const layouts: LayoutPeriod[] = [
    { stationId: 'A', layout: 'u_shaped', from: START },
    { stationId: 'A', layout: 'island', from: START + DAY + 10 * HOUR + 17 * MIN },
    { stationId: 'B', layout: 'straight', from: START + 2 * HOUR },
    { stationId: 'B', layout: 'u_shaped', from: START + 2 * DAY + 3 * HOUR + 41 * MIN },
  ];
  // Arrival: mostly in order, a station's whole day arrives late, some events are sent twice.
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const lateDay = sorted.filter((e) => e.stationId === 'C' && e.at >= START + DAY && e.at < START + 2 * DAY);
  const arrival = sorted.filter((e) => !lateDay.includes(e));
  for (const e of lateDay) arrival.splice(Math.floor(r() * arrival.length), 0, e);
  for (let i = 0; i < 40; i++) arrival.splice(Math.floor(r() * arrival.length), 0, pick(events));
  // Some neighbours swapped: stations whose clocks disagree a little.
  for (let i = 0; i + 1 < arrival.length; i += 7) {
    const x = arrival[i] as StatsEvent;
    arrival[i] = arrival[i + 1] as StatsEvent;
    arrival[i + 1] = x;
  }
  return { events, arrival, layouts, handovers };
}
