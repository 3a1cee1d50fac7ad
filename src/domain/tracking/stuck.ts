// Stuck-parcel rules (issue 14 §2): not collected N hours after handover, no scan for N hours in
// transit, a return started, or an exception the carrier reported. Pure: the clock is an argument.
import type { TrackingAlert, TrackingState } from '../../contract/tracking.js';

const HOUR = 3_600_000;

export interface StuckRules {
  notCollectedH: number;
  noScanH: number;
}

export interface TrackedParcel {
  waybill: string;
  orderId: string | null;
  carrier: string;
  handedOverAt: number | null;
  state: TrackingState | null;
  since: number | null;
  collectedAt: number | null;
  deliveredAt: number | null;
  returnStartedAt: number | null;
  lastScanAt: number | null;
  exceptionDetail: string | null;
}

/** The alert the parcel raises at `now`, or null. One per parcel: the most telling rule wins. */
export function stuckAlert(p: TrackedParcel, now: number, rules: StuckRules): TrackingAlert | null {
  if (p.deliveredAt !== null || p.state === 'delivered') return null;
  const base = { waybill: p.waybill, orderId: p.orderId, carrier: p.carrier };
  if (p.returnStartedAt !== null)
    return { ...base, kind: 'return_started', since: p.returnStartedAt, detail: p.exceptionDetail ?? '' };
  if (p.state === 'exception')
    return { ...base, kind: 'exception', since: p.since ?? p.lastScanAt ?? now, detail: p.exceptionDetail ?? '' };
  if (p.collectedAt === null) {
    if (p.handedOverAt === null || now - p.handedOverAt < rules.notCollectedH * HOUR) return null;
    return { ...base, kind: 'not_collected', since: p.handedOverAt, detail: `> ${rules.notCollectedH} h` };
  }
  const last = p.lastScanAt ?? p.collectedAt;
  if (now - last < rules.noScanH * HOUR) return null;
  return { ...base, kind: 'no_movement', since: last, detail: `> ${rules.noScanH} h (${p.state ?? ''})` };
}

/** Alerts of every parcel, the longest-standing first. */
export function stuckAlerts(parcels: readonly TrackedParcel[], now: number, rules: StuckRules): TrackingAlert[] {
  const out: TrackingAlert[] = [];
  for (const p of parcels) {
    const a = stuckAlert(p, now, rules);
    if (a) out.push(a);
  }
  return out.sort((a, b) => a.since - b.since || a.waybill.localeCompare(b.waybill));
}
