// The supervisor view's date range, in whole days of the station's own time zone (a warehouse's
// "yesterday" is its local yesterday, not the browser's or UTC's). Pure, so it is tested directly.
import { localDate, localDayStart, zoneOffsetMinutes } from '../../../base/time.js';

export const RANGE_PRESETS = ['today', 'yesterday', 'last7'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A preset, or two calendar days picked by hand (both inclusive, "2026-11-25"). */
export type RangeChoice = { kind: 'preset'; preset: RangePreset } | { kind: 'days'; from: string; to: string };

export interface RangeRequest {
  from?: number;
  to?: number;
}

const HOUR = 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone to count days in; an unknown name (a misconfigured station) falls back to the browser's. */
export function safeZone(timeZone: string | undefined): string {
  const fallback = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!timeZone) return fallback;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return fallback;
  }
}

/** Local midnight starting the day after the one that starts at `dayStart` (days are 23–25 h). */
function nextDayStart(dayStart: number, tz: string): number {
  return localDayStart(dayStart + 36 * HOUR, tz);
}

function previousDayStart(dayStart: number, tz: string): number {
  return localDayStart(dayStart - 12 * HOUR, tz);
}

/** Local midnight of a calendar day in the zone, or null for text that is not a date. */
export function dayStartOf(date: string, tz: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utcMidnight)) return null;
  // Any instant inside that local day will do; local noon is safely inside it in every zone.
  const localNoon = utcMidnight - zoneOffsetMinutes(utcMidnight, tz) * 60_000 + 12 * HOUR;
  return localDayStart(localNoon, tz);
}

/** The instants the choice covers: `from` inclusive, `to` exclusive (the next local midnight). */
export function boundsOf(choice: RangeChoice, now: number, tz: string): { from: number; to: number } {
  const today = localDayStart(now, tz);
  if (choice.kind === 'days') {
    const a = dayStartOf(choice.from, tz) ?? today;
    const b = dayStartOf(choice.to, tz) ?? today;
    // Picking the days the wrong way round still means the days between them.
    const [first, last] = a <= b ? [a, b] : [b, a];
    return { from: first, to: nextDayStart(last, tz) };
  }
  switch (choice.preset) {
    case 'today':
      return { from: today, to: nextDayStart(today, tz) };
    case 'yesterday':
      return { from: previousDayStart(today, tz), to: today };
    case 'last7': {
      let from = today;
      for (let i = 0; i < 6; i++) from = previousDayStart(from, tz);
      return { from, to: nextDayStart(today, tz) };
    }
  }
}

/**
 * What to ask the core for. "Today" sends no bounds: the core counts its own local day, so a view
 * left open overnight rolls over at the station's midnight without the renderer's clock or zone.
 */
export function requestOf(choice: RangeChoice, now: number, tz: string): RangeRequest {
  if (choice.kind === 'preset' && choice.preset === 'today') return {};
  return boundsOf(choice, now, tz);
}

/** The two calendar days shown in the date inputs (the last one inclusive). */
export function daysOf(bounds: { from: number; to: number }, tz: string): { from: string; to: string } {
  return { from: localDate(bounds.from, tz), to: localDate(Math.max(bounds.from, bounds.to - 1), tz) };
}
