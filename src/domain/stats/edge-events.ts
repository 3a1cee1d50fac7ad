// The events a pass over a range's partial hour needs from around it. The hub reads a range's ends
// from events (services/stats.ts) and looks hours either side of an end for the pack starts and
// labels that complete its durations. Of those hours the pass (pass.ts) uses only:
//  - events of OUT_OF_RANGE_JOIN_TYPES, the pack joins' other ends;
//  - per stream (station, packer), its last activity instant before the range: the gap into the
//    range starts there, and it was a logout's if any event at that instant was a logout;
//  - per stream, its first activity instant after the range: the gap out of the range ends there.
// Every other event outside the range changes nothing, and a dashboard asks for its ends again and
// again: for the bench's last day cut mid-hour, 15,068 events were made into objects where 5,679
// matter.
import type { StatsEvent } from '../../contract/stats.js';
import { activityTypes } from './counters.js';

/** Event types that may hold one end of a pack's durations from outside the range (Pass.joinOutOfRange). */
export const OUT_OF_RANGE_JOIN_TYPES: readonly string[] = ['pack.started', 'parcel.packed', 'label.printed'];

/** An end [from, to) and the hours looked at before and after it. */
export interface EdgeEventsQuery {
  from: number;
  to: number;
  before: number;
  after: number;
  joinTypes: readonly string[];
  activityTypes: readonly string[];
}

export function edgeEventsQuery(from: number, to: number, before: number, after: number): EdgeEventsQuery {
  return { from, to, before, after, joinTypes: OUT_OF_RANGE_JOIN_TYPES, activityTypes };
}

/** How to read a stored row's type, time and stream without making an event of it. */
export interface EdgeRowAccess<R> {
  type(r: R): string;
  at(r: R): number;
  stationId(r: R): string;
  packerId(r: R): string | null;
}

const EVENT_ACCESS: EdgeRowAccess<StatsEvent> = {
  type: (e) => e.type,
  at: (e) => e.at,
  stationId: (e) => e.stationId,
  packerId: (e) => e.packerId,
};

/**
 * Of the rows of [from − before, to + after) in storage order, those a pass over [from, to) uses
 * (above), in the same order. Stores pick among their rows before making events of them.
 */
export function selectEdgeRows<B, R extends B>(rows: readonly R[], q: EdgeEventsQuery, access: EdgeRowAccess<B>): R[] {
  const join = new Set(q.joinTypes);
  const activity = new Set(q.activityTypes);
  const key = (r: R) => {
    const packer = access.packerId(r);
    return packer === null ? `${access.stationId(r)}\u0002` : `${access.stationId(r)}\u0001${packer}`;
  };
  // The stream key of each activity row outside the range, made once for both passes.
  const keys = new Array<string | undefined>(rows.length);
  const lastBefore = new Map<string, number>();
  const firstAfter = new Map<string, number>();
  rows.forEach((r, i) => {
    const at = access.at(r);
    if ((at >= q.from && at < q.to) || !activity.has(access.type(r))) return;
    const k = key(r);
    keys[i] = k;
    if (at < q.from) lastBefore.set(k, Math.max(lastBefore.get(k) ?? -Infinity, at));
    else firstAfter.set(k, Math.min(firstAfter.get(k) ?? Infinity, at));
  });
  return rows.filter((r, i) => {
    const at = access.at(r);
    if (at >= q.from && at < q.to) return true;
    if (join.has(access.type(r))) return true;
    const k = keys[i];
    return k !== undefined && (at < q.from ? lastBefore : firstAfter).get(k) === at;
  });
}

/** selectEdgeRows over events (the stores' edgeEvents give what this gives over their range()). */
export function selectEdgeEvents(events: readonly StatsEvent[], q: EdgeEventsQuery): StatsEvent[] {
  return selectEdgeRows(events, q, EVENT_ACCESS);
}
