// The few payload fields statistics read, as five plain columns. The hub stores them beside each
// event so a statistics query over a million events reads numbers and short strings instead of
// parsing a million JSON payloads; `expandEvent` rebuilds exactly what compute.ts looks at.
import type { StatsEvent } from '../../contract/stats.js';

export interface CompactFields {
  /** packId */
  a: string | null;
  /** parcelId, or the scan verdict */
  b: string | null;
  /** qty (scan), units (pack.completed), paidAt (pack.started), costFen (parcel.packed) */
  n1: number | null;
  /** valueFen (parcel.packed) */
  n2: number | null;
  /** reprint (label.printed), an override (weight.accepted) */
  f: 0 | 1 | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function compactEvent(e: Pick<StatsEvent, 'type' | 'payload'>): CompactFields {
  const p = e.payload;
  switch (e.type) {
    case 'scan.recorded':
      return { a: null, b: str(p.verdict), n1: num(p.qty), n2: null, f: null };
    case 'pack.started':
      return { a: str(p.packId), b: null, n1: num(p.paidAt), n2: null, f: null };
    case 'pack.completed':
      return { a: str(p.packId), b: null, n1: num(p.units), n2: null, f: null };
    case 'parcel.packed':
      return { a: str(p.packId), b: str(p.parcelId), n1: num(p.costFen), n2: num(p.valueFen), f: null };
    case 'label.printed':
      return { a: str(p.packId), b: str(p.parcelId), n1: null, n2: null, f: p.reprint === true ? 1 : 0 };
    case 'weight.accepted':
      return { a: null, b: null, n1: null, n2: null, f: p.override ? 1 : 0 };
    default:
      return { a: null, b: null, n1: null, n2: null, f: null };
  }
}

export function expandEvent(
  id: string,
  type: string,
  at: number,
  stationId: string,
  packerId: string | null,
  c: CompactFields,
): StatsEvent {
  let payload: Record<string, unknown>;
  switch (type) {
    case 'scan.recorded':
      payload = { verdict: c.b, qty: c.n1 ?? 0 };
      break;
    case 'pack.started':
      payload = { packId: c.a, paidAt: c.n1 };
      break;
    case 'pack.completed':
      payload = { packId: c.a, units: c.n1 ?? 0 };
      break;
    case 'parcel.packed':
      payload = { packId: c.a, parcelId: c.b, costFen: c.n1, valueFen: c.n2 ?? 0 };
      break;
    case 'label.printed':
      payload = { packId: c.a ?? undefined, parcelId: c.b, reprint: c.f === 1 };
      break;
    case 'weight.accepted':
      payload = { override: c.f === 1 ? {} : null };
      break;
    default:
      payload = {};
  }
  return { id, type, at, stationId, packerId, payload };
}
