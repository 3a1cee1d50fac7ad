// Shift occurrences in real time. Shifts are defined in station-local wall-clock time, so each day's
// instance is placed through the zone: a 20:00–08:00 night shift across a DST change lasts 11 or 13 h.
import type { ShiftDef } from '../../contract/stats.js';
import { localParts } from '../../base/time.js';
import { wallTimeToUtc } from './local-time.js';

export interface ShiftInstance {
  name: string;
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

function parseClock(value: string, shift: string): { h: number; m: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  const h = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (!match || h > 24 || m > 59 || (h === 24 && m !== 0)) {
    throw new RangeError(`shift ${JSON.stringify(shift)}: expected a time "HH:MM", got ${JSON.stringify(value)}`);
  }
  return { h, m };
}

/**
 * Every shift occurrence overlapping [from, to), sorted by start (then name). `end` ≤ `start` means
 * the shift ends on the next day, so an equal start and end is a 24-hour shift.
 */
export function shiftInstances(shifts: readonly ShiftDef[], from: number, to: number, tz: string): ShiftInstance[] {
  if (shifts.length === 0 || !(to > from)) return [];
  const parsed = shifts.map((s) => {
    const start = parseClock(s.start, s.name);
    const end = parseClock(s.end, s.name);
    const crossesMidnight = end.h * 60 + end.m <= start.h * 60 + start.m;
    return { name: s.name, start, end, crossesMidnight };
  });
  const first = localParts(from, tz);
  const last = localParts(to, tz);
  // Start a day early: yesterday's night shift may still be running at `from`.
  const firstDay = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS;
  const lastDay = Date.UTC(last.year, last.month - 1, last.day);
  const out: ShiftInstance[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const d = new Date(day);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth() + 1;
    const dd = d.getUTCDate();
    for (const s of parsed) {
      const start = wallTimeToUtc(y, mo, dd, s.start.h, s.start.m, tz);
      const endDay = s.crossesMidnight ? new Date(day + DAY_MS) : d;
      const end = wallTimeToUtc(
        endDay.getUTCFullYear(),
        endDay.getUTCMonth() + 1,
        endDay.getUTCDate(),
        s.end.h,
        s.end.m,
        tz,
      );
      if (start < to && end > from && end > start) out.push({ name: s.name, start, end });
    }
  }
  // Array sort is stable: shifts starting and ending together keep their configured order.
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The union of the instances as disjoint intervals, ascending: idle time counts overlaps once. */
export function mergeInstances(instances: readonly ShiftInstance[]): { start: number; end: number }[] {
  const sorted = [...instances].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const i of sorted) {
    const prev = out[out.length - 1];
    if (prev && i.start <= prev.end) prev.end = Math.max(prev.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}
