// Tiny builders for hand-made event logs: times are "HH:MM" on 2026-11-25 (UTC unless a test says
// otherwise), so expected figures can be worked out in the head and written beside the assertion.
import type { StatsEvent, StatsQuery } from '../../../../src/contract/stats.js';

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** 2026-11-25 00:00 UTC. */
export const DAY0 = Date.UTC(2026, 10, 25);

/** "HH:MM" or "HH:MM:SS" on 2026-11-25 (+ dayOffset) in UTC. */
export function t(hhmm: string, dayOffset = 0): number {
  const [h = 0, m = 0, s = 0] = hhmm.split(':').map(Number);
  return DAY0 + dayOffset * DAY + h * HOUR + m * MIN + s * SEC;
}

let seq = 0;

export function ev(
  type: string,
  at: number,
  payload: Record<string, unknown> = {},
  stationId = 'A',
  packerId: string | null = 'P1',
): StatsEvent {
  seq += 1;
  return { id: `e${seq}`, type, at, stationId, packerId, payload };
}

/** A scan with a verdict; item_ok scans carry their quantity. */
export function scan(
  at: number,
  verdict: string,
  qty = 1,
  stationId = 'A',
  packerId: string | null = 'P1',
): StatsEvent {
  return ev('scan.recorded', at, { verdict, qty }, stationId, packerId);
}

/** The whole of 2026-11-25 in UTC, idle after 5 minutes, no shifts, no groupings. */
export function q(over: Partial<StatsQuery> = {}): StatsQuery {
  return {
    from: t('00:00'),
    to: t('00:00', 1),
    timezone: 'UTC',
    idleGapMs: 5 * MIN,
    shifts: [],
    groupings: [],
    ...over,
  };
}
