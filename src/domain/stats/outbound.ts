// Outbound figures (issue 14 §4): label → handover, handover → collected, paid → signed, stuck rate
// and missed cut-offs, per carrier, day (of handover, local) and destination province. The hub
// gathers one row per parcel handed over; this module only groups and takes percentiles, so the
// same rows always give the same figures.
import type { OutboundDimension, OutboundFigures, OutboundStats } from '../../contract/tracking.js';
import { percentile } from './figures.js';
import { localDayKey } from './local-time.js';
import { localDayStart } from '../../base/time.js';

export interface OutboundParcel {
  waybill: string;
  carrier: string;
  province: string;
  labelAt: number | null;
  handedOverAt: number;
  collectedAt: number | null;
  paidAt: number | null;
  deliveredAt: number | null;
  /** A stuck alert stands for it now. */
  stuck: boolean;
  /** Handed over after its carrier's cut-off (see missedCutoff). */
  missedCutoff: boolean;
}

export interface OutboundQuery {
  from: number;
  to: number;
  timezone: string;
  groupings: OutboundDimension[][];
}

/** Non-negative spans only: a clock skew that puts a scan before the handover is not a figure. */
function spans(
  rows: readonly OutboundParcel[],
  start: (p: OutboundParcel) => number | null,
  end: (p: OutboundParcel) => number | null,
): number[] {
  const out: number[] = [];
  for (const p of rows) {
    const a = start(p);
    const b = end(p);
    if (a !== null && b !== null && b >= a) out.push(b - a);
  }
  return out.sort((x, y) => x - y);
}

export function outboundFigures(rows: readonly OutboundParcel[]): OutboundFigures {
  const labelToHandover = spans(
    rows,
    (p) => p.labelAt,
    (p) => p.handedOverAt,
  );
  const handoverToCollected = spans(
    rows,
    (p) => p.handedOverAt,
    (p) => p.collectedAt,
  );
  const paidToDelivered = spans(
    rows,
    (p) => p.paidAt,
    (p) => p.deliveredAt,
  );
  const stuck = rows.filter((p) => p.stuck).length;
  return {
    parcels: rows.length,
    labelToHandoverP50Ms: percentile(labelToHandover, 50),
    labelToHandoverP90Ms: percentile(labelToHandover, 90),
    handoverToCollectedP50Ms: percentile(handoverToCollected, 50),
    handoverToCollectedP90Ms: percentile(handoverToCollected, 90),
    paidToDeliveredP50Ms: percentile(paidToDelivered, 50),
    paidToDeliveredP90Ms: percentile(paidToDelivered, 90),
    delivered: rows.filter((p) => p.deliveredAt !== null).length,
    stuck,
    stuckRate: rows.length === 0 ? null : stuck / rows.length,
    missedCutoffs: rows.filter((p) => p.missedCutoff).length,
  };
}

function keyOf(p: OutboundParcel, d: OutboundDimension, tz: string): string {
  if (d === 'carrier') return p.carrier;
  if (d === 'province') return p.province || '—';
  return localDayKey(p.handedOverAt, tz);
}

/** Parcels handed over in [from, to), grouped by each grouping; groups sorted by key. */
export function computeOutbound(parcels: readonly OutboundParcel[], q: OutboundQuery): OutboundStats {
  const inRange = parcels.filter((p) => p.handedOverAt >= q.from && p.handedOverAt < q.to);
  const groupings = q.groupings.map((by) => {
    const groups = new Map<string, { key: Record<string, string>; rows: OutboundParcel[] }>();
    for (const p of inRange) {
      const key = Object.fromEntries(by.map((d) => [d, keyOf(p, d, q.timezone)]));
      const id = by.map((d) => key[d]).join('\u0000');
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { key, rows: [] }));
      g.rows.push(p);
    }
    return {
      by,
      groups: [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, g]) => ({ key: g.key, figures: outboundFigures(g.rows) })),
    };
  });
  return { from: q.from, to: q.to, groupings, total: outboundFigures(inRange) };
}

/**
 * Whether a parcel missed its carrier's cut-off ("HH:MM" local, handover config): ready (labelled)
 * before the day's cut-off, it should have been handed over by then; ready after it, by the next
 * day's.
 */
export function missedCutoff(readyAt: number, handedOverAt: number, cutoff: string | undefined, tz: string): boolean {
  if (!cutoff) return false;
  const [h = 0, m = 0] = cutoff.split(':').map(Number);
  const at = (day: number) => day + (h * 60 + m) * 60_000;
  const today = localDayStart(readyAt, tz);
  const due = readyAt <= at(today) ? at(today) : at(localDayStart(today + 36 * 3_600_000, tz));
  return handedOverAt > due;
}
