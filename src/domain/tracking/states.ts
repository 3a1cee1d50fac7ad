// The tracking state machine (issue 14 §2). Carriers and WeChat deliver events late, out of order
// and more than once (pushes are at-least-once; a provider re-pushes the whole trace each time), so
// a parcel's state is never "the last event received": it is recomputed from every event kept in
// time order, duplicates dropped, and a progress state once reached is never left for an earlier one.
import {
  PROGRESS_STATES,
  type ProgressState,
  type TrackingEvent,
  type TrackingState,
} from '../../contract/tracking.js';

/** An exception whose detail starts with this is a return under way (退回, 退签, 拒签). */
export const RETURNED = 'returned';

export function isReturn(e: Pick<TrackingEvent, 'state' | 'detail'>): boolean {
  return e.state === 'exception' && e.detail.startsWith(RETURNED);
}

const RANK: Record<ProgressState, number> = Object.fromEntries(PROGRESS_STATES.map((s, i) => [s, i])) as Record<
  ProgressState,
  number
>;

export function progressRank(state: TrackingState): number | null {
  return state === 'exception' ? null : RANK[state];
}

/** Same state, same time, same words: the same scan, whichever source or push brought it. */
export function eventKey(e: Pick<TrackingEvent, 'state' | 'at' | 'detail'>): string {
  return `${e.state}|${e.at}|${e.detail}`;
}

/** Oldest first; at equal times the further progress state last, so it wins the fold. */
export function inTimeOrder<T extends Pick<TrackingEvent, 'state' | 'at'>>(events: readonly T[]): T[] {
  const weight = (s: TrackingState) => progressRank(s) ?? -1;
  return [...events].sort((a, b) => a.at - b.at || weight(a.state) - weight(b.state));
}

/** Adds what is new among `incoming` to `known`; returns every event in time order and the new ones. */
export function mergeEvents(
  known: readonly TrackingEvent[],
  incoming: readonly TrackingEvent[],
): { events: TrackingEvent[]; added: TrackingEvent[] } {
  const seen = new Set(known.map(eventKey));
  const added: TrackingEvent[] = [];
  for (const e of incoming) {
    const k = eventKey(e);
    if (seen.has(k)) continue;
    seen.add(k);
    added.push(e);
  }
  return { events: inTimeOrder([...known, ...added]), added };
}

export interface ParcelProgress {
  state: TrackingState | null;
  /** When the parcel entered `state`. */
  since: number | null;
  /** First scan showing the carrier has it (collected, or any later progress if 揽收 was never scanned). */
  collectedAt: number | null;
  outForDeliveryAt: number | null;
  deliveredAt: number | null;
  /** First event of a return. */
  returnStartedAt: number | null;
  /** The latest event of any kind: "no scan for N hours" counts from here. */
  lastScanAt: number | null;
  /** The words of the exception the parcel is in, when it is in one. */
  exceptionDetail: string | null;
}

/** A parcel nothing has been heard of yet. */
export function noProgress(): ParcelProgress {
  return {
    state: null,
    since: null,
    collectedAt: null,
    outForDeliveryAt: null,
    deliveredAt: null,
    returnStartedAt: null,
    lastScanAt: null,
    exceptionDetail: null,
  };
}

/**
 * Folds the events (any order) into the parcel's state. Rules: delivered is final; an exception
 * holds until a scan at or beyond the progress already reached; an older progress state arriving
 * late changes nothing.
 */
export function progressOf(events: readonly TrackingEvent[]): ParcelProgress {
  const p = noProgress();
  let reached = -1;
  for (const e of inTimeOrder(events)) {
    p.lastScanAt = Math.max(p.lastScanAt ?? e.at, e.at);
    const rank = progressRank(e.state);
    if (rank !== null && rank >= RANK.collected) p.collectedAt ??= e.at;
    if (e.state === 'out_for_delivery') p.outForDeliveryAt ??= e.at;
    if (e.state === 'delivered') p.deliveredAt ??= e.at;
    if (isReturn(e)) p.returnStartedAt ??= e.at;
    if (p.state === 'delivered') continue;
    if (rank === null) {
      if (p.state !== 'exception') p.since = e.at;
      p.state = 'exception';
      p.exceptionDetail = e.detail;
      continue;
    }
    if (rank < reached) continue;
    if (p.state !== e.state) p.since = e.at;
    reached = rank;
    p.state = e.state;
    p.exceptionDetail = null;
  }
  return p;
}
