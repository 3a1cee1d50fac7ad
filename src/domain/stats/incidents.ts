// The exceptions a supervisor follows up (issue 12 §6), each with who, when and why: weight
// overrides, interceptions, holds (and whether the order still waits for a supervisor), releases,
// rows a desk quarantined from a pull; the hub adds report-back failures from its shipments.
// Read from full event payloads (the station's outbox, the hub's stored events).
import type { StatsEvent } from '../../contract/stats.js';
import type { Incident, IncidentKind } from '../../contract/api/supervisor.js';

/** The event types incidents come from (the hub reads just these with their payloads). */
export const INCIDENT_EVENT_TYPES = [
  'weight.accepted',
  'order.intercepted',
  'order.held',
  'order.released',
  'sync.quarantined',
] as const;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function incidentOf(e: StatsEvent): Incident | null {
  const p = e.payload;
  const base = { at: e.at, stationId: e.stationId, packerId: e.packerId, orderId: str(p.orderId), waiting: false };
  switch (e.type) {
    case 'weight.accepted': {
      const o = p.override as { supervisorId?: unknown; reason?: unknown } | null | undefined;
      if (!o) return null;
      return { ...base, kind: 'weight_override', supervisorId: str(o.supervisorId), reason: str(o.reason) ?? '' };
    }
    case 'order.intercepted':
      return { ...base, kind: 'interception', supervisorId: null, reason: str(p.reason) ?? '' };
    case 'order.held':
      return { ...base, kind: 'hold', supervisorId: null, reason: str(p.reason) ?? '' };
    case 'order.released':
      return { ...base, kind: 'release', supervisorId: str(p.supervisorId), reason: str(p.was) ?? '' };
    case 'sync.quarantined':
      return {
        ...base,
        kind: 'quarantined',
        orderId: str(p.kind) === 'order' ? str(p.ref) : null,
        supervisorId: null,
        reason: `${str(p.kind) ?? '?'} ${str(p.ref) ?? '?'}: ${str(p.reason) ?? ''}`,
      };
    default:
      return null;
  }
}

/**
 * Incidents of `events` (any order) in [from, to), newest first, at most `limit`, with counts over
 * all of them. A hold is `waiting` while no later release of the same order follows it, looking at
 * every event given (a release after `to` still counts).
 */
export function incidentLog(
  events: readonly StatsEvent[],
  range: { from: number; to: number },
  extra: readonly Incident[] = [],
  limit = 200,
): { incidents: Incident[]; counts: Record<IncidentKind | 'waiting', number> } {
  const all = [...events]
    .sort((a, b) => a.at - b.at)
    .map(incidentOf)
    .filter((i): i is Incident => i !== null);
  const lastRelease = new Map<string, number>();
  for (const i of all) if (i.kind === 'release' && i.orderId) lastRelease.set(i.orderId, i.at);
  for (const i of all) {
    if (i.kind === 'hold' && i.orderId) i.waiting = (lastRelease.get(i.orderId) ?? -Infinity) < i.at;
  }
  const merged = [...all, ...extra].filter((i) => i.at >= range.from && i.at < range.to).sort((a, b) => b.at - a.at);
  const counts: Record<IncidentKind | 'waiting', number> = {
    weight_override: 0,
    interception: 0,
    hold: 0,
    release: 0,
    quarantined: 0,
    report_failed: 0,
    waiting: 0,
  };
  for (const i of merged) {
    counts[i.kind]++;
    if (i.waiting) counts.waiting++;
  }
  return { incidents: merged.slice(0, limit), counts };
}
