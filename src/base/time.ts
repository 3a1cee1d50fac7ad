// Station-local calendar arithmetic with IANA time zones through Intl (no library, works in Node and
// browsers). Warehouses count "today" in their own zone, not in UTC.

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Offset of the zone from UTC at instant `ms`, in minutes (Asia/Shanghai → 480). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** Epoch ms of the local midnight that starts the day containing `ms`. */
export function localDayStart(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const guess = Date.UTC(p.year, p.month - 1, p.day) - zoneOffsetMinutes(ms, timeZone) * 60000;
  // Across a DST change the offset at midnight can differ from the offset now; correct once.
  return Date.UTC(p.year, p.month - 1, p.day) - zoneOffsetMinutes(guess, timeZone) * 60000;
}

/** "2026-11-25" in the zone. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** "2026-11-25 14:03" in the zone. */
export function localDateTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${localDate(ms, timeZone)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
