// Station-local hour and day keys, memoised per UTC hour. Intl formatting costs microseconds per call;
// a month of events touches only ~720 UTC hours, so a million events cost ~720 Intl look-ups.
// An hour is stored as segments rather than one key: zones with :30/:45 offsets (Asia/Kolkata,
// Asia/Kathmandu) change local hour in the middle of a UTC hour, and a DST switch can fall mid-hour
// (America/St_Johns switches at 02:00 local = 05:30 UTC).
import { zoneOffsetMinutes } from '../../base/time.js';

export const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** ~23 years of hours per zone; past that the memo is dropped rather than grown without bound. */
const MAX_HOURS_PER_ZONE = 200_000;

/** One UTC hour cut into pieces that each lie within a single local hour. */
interface HourEntry {
  /** Segment starts, ascending; the first is the UTC hour's start. */
  starts: number[];
  hourKeys: string[];
  dayKeys: string[];
  /** Zone offset in minutes during each segment. */
  offsets: number[];
}

const zones = new Map<string, Map<number, HourEntry>>();

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'YYYY-MM-DD HH' of a wall-clock instant expressed as if it were UTC. */
function wallHourKey(wallMs: number): string {
  const d = new Date(wallMs);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}`;
}

function buildEntry(hourStart: number, tz: string): HourEntry {
  const end = hourStart + HOUR_MS;
  const offA = zoneOffsetMinutes(hourStart, tz);
  // zoneOffsetMinutes works in whole seconds; the last whole second of the hour stands for its end.
  const offB = zoneOffsetMinutes(end - 1000, tz);
  const parts: { from: number; to: number; off: number }[] = [];
  if (offA === offB) {
    parts.push({ from: hourStart, to: end, off: offA });
  } else {
    // Offset changes inside this hour: bisect to the first second with the new offset.
    let lo = hourStart;
    let hi = end - 1000;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (zoneOffsetMinutes(mid, tz) === offA) lo = mid;
      else hi = mid;
    }
    parts.push({ from: hourStart, to: hi, off: offA }, { from: hi, to: end, off: offB });
  }
  const entry: HourEntry = { starts: [], hourKeys: [], dayKeys: [], offsets: [] };
  for (const part of parts) {
    const shift = part.off * MINUTE_MS;
    for (let t = part.from; t < part.to; t = Math.floor((t + shift) / HOUR_MS) * HOUR_MS + HOUR_MS - shift) {
      const key = wallHourKey(t + shift);
      entry.starts.push(t);
      entry.hourKeys.push(key);
      entry.dayKeys.push(key.slice(0, 10));
      entry.offsets.push(part.off);
    }
  }
  return entry;
}

function entryFor(hourStart: number, tz: string): HourEntry {
  let zone = zones.get(tz);
  if (!zone) {
    zone = new Map();
    zones.set(tz, zone);
  }
  let entry = zone.get(hourStart);
  if (!entry) {
    if (zone.size >= MAX_HOURS_PER_ZONE) zone.clear();
    entry = buildEntry(hourStart, tz);
    zone.set(hourStart, entry);
  }
  return entry;
}

/**
 * A movable read-head over local time in one zone: seek(ms) fills in the local hour and day of `ms`
 * and the span [from, to) over which they hold, so callers can skip look-ups until they leave it.
 */
export class LocalHourCursor {
  from = 0;
  to = 0;
  hourKey = '';
  dayKey = '';
  offsetMinutes = 0;

  constructor(readonly timeZone: string) {}

  seek(ms: number): void {
    const hourStart = Math.floor(ms / HOUR_MS) * HOUR_MS;
    const e = entryFor(hourStart, this.timeZone);
    let i = e.starts.length - 1;
    while (i > 0 && (e.starts[i] ?? 0) > ms) i--;
    this.from = e.starts[i] ?? hourStart;
    this.to = e.starts[i + 1] ?? hourStart + HOUR_MS;
    this.hourKey = e.hourKeys[i] ?? '';
    this.dayKey = e.dayKeys[i] ?? '';
    this.offsetMinutes = e.offsets[i] ?? 0;
  }
}

const cursors = new Map<string, LocalHourCursor>();

function cursorAt(ms: number, tz: string): LocalHourCursor {
  let c = cursors.get(tz);
  if (!c) {
    c = new LocalHourCursor(tz);
    cursors.set(tz, c);
  }
  if (!(ms >= c.from && ms < c.to)) c.seek(ms);
  return c;
}

/** 'YYYY-MM-DD HH' in the zone. A fall-back hour that happens twice shares one key. */
export function localHourKey(ms: number, tz: string): string {
  return cursorAt(ms, tz).hourKey;
}

/** 'YYYY-MM-DD' in the zone. */
export function localDayKey(ms: number, tz: string): string {
  return cursorAt(ms, tz).dayKey;
}

/** Zone offset in minutes at `ms`, memoised like the keys. */
export function localOffsetMinutes(ms: number, tz: string): number {
  return cursorAt(ms, tz).offsetMinutes;
}

/**
 * The instant a wall-clock time occurs in the zone, resolved like Temporal's 'compatible' option:
 * a time repeated by fall-back takes its first occurrence, a time skipped by spring-forward lands
 * after the jump (02:30 → 03:30). Assumes at most one offset change within a day either side.
 */
export function wallTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  tz: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = localOffsetMinutes(wall - 86_400_000, tz);
  const after = localOffsetMinutes(wall + 86_400_000, tz);
  const early = wall - before * MINUTE_MS;
  const late = wall - after * MINUTE_MS;
  const earlyOk = localOffsetMinutes(early, tz) === before;
  const lateOk = localOffsetMinutes(late, tz) === after;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (lateOk) return late;
  // Valid with the earlier offset, or skipped: the earlier offset carries it past the jump.
  return early;
}
