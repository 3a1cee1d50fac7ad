// A year of a 10-desk warehouse for the statistics bench, made one day at a time so the bench's own
// memory stays small: each desk works day and night shifts (a packer each), a pack every few
// minutes — started, scanned, weighed, packed, labelled, completed — with coffee breaks and the odd
// scan error, so a year is ≈ 10 M events at the default rate.
import type { ShiftDef, StatsEvent } from '../../contract/stats.js';
import { Rng } from '../../base/prng.js';

export const YEAR_SHIFTS: ShiftDef[] = [
  { name: 'day', start: '08:00', end: '20:00' },
  { name: 'night', start: '20:00', end: '08:00' },
];
export const YEAR_TIMEZONE = 'Asia/Shanghai';
export const DESKS = 10;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Events of one pack on average (started, ~4 scans, weighed, packed, labelled, completed). */
const EVENTS_PER_PACK = 9;

/** One desk-day of events, in time order; `handovers` gets each parcel's hand-over instant. */
export function deskDay(
  desk: number,
  day: number,
  dayStart: number,
  eventsPerDeskDay: number,
  handovers: Map<string, number>,
): StatsEvent[] {
  const rng = new Rng(desk * 100_003 + day);
  const station = `D${String(desk + 1).padStart(2, '0')}`;
  const out: StatsEvent[] = [];
  const gapMs = DAY / (eventsPerDeskDay / EVENTS_PER_PACK);
  let n = 0;
  const add = (type: string, at: number, packerId: string, payload: Record<string, unknown>): void => {
    out.push({ id: `${station}-${day}-${n++}`, type, at, stationId: station, packerId, payload });
  };
  let t = dayStart + rng.int(60) * SECOND;
  let k = 0;
  let working: string | null = null;
  while (t < dayStart + DAY - 10 * MINUTE) {
    // Two packers a day, twelve hours each; each logs out when the other takes over.
    const packer = t - dayStart < 12 * HOUR ? `${station}-a` : `${station}-b`;
    if (working !== null && working !== packer) add('packer.logout', t - SECOND, working, {});
    if (working !== packer) add('packer.login', t, packer, {});
    working = packer;
    const packId = `${station}-${day}-k${k++}`;
    const parcelId = `${packId}-1`;
    add('pack.started', t, packer, { packId, paidAt: t - rng.int(20) * HOUR });
    const scans = 2 + rng.int(5);
    for (let i = 0; i < scans; i++) {
      t += 5 * SECOND + rng.int(20) * SECOND;
      const r = rng.next();
      add('scan.recorded', t, packer, { verdict: r < 0.97 ? 'item_ok' : r < 0.99 ? 'wrong_item' : 'misread', qty: 1 });
    }
    t += 5 * SECOND;
    add('weight.accepted', t, packer, { override: rng.chance(0.01) ? { by: 'S1' } : null });
    t += 5 * SECOND;
    add('parcel.packed', t, packer, { packId, parcelId, costFen: 600 + rng.int(400), valueFen: 5000 + rng.int(9000) });
    add('label.printed', t + 3 * SECOND, packer, { packId, parcelId, reprint: false });
    add('pack.completed', t + 6 * SECOND, packer, { packId, units: scans });
    handovers.set(parcelId, t + 4 * HOUR + rng.int(8 * 60) * MINUTE);
    t += 6 * SECOND + Math.max(0, gapMs * (0.5 + rng.next()) - scans * 17 * SECOND - 16 * SECOND);
    // A coffee break now and then: an idle gap.
    if (rng.chance(0.02)) t += 10 * MINUTE + rng.int(20) * MINUTE;
  }
  if (working !== null) add('packer.logout', dayStart + DAY - 5 * MINUTE, working, {});
  return out;
}
