// What the camera must show and keep for one pack, built from the desk's outbox events alone (the
// hook: no change to the packing steps). Pure: the service feeds events in and reads decisions out.
import type { EvidenceMark } from '../../../contract/api.js';
import type { ScanVerdict } from '../../../contract/station.js';

export interface PackTimeline {
  packId: string;
  orderId: string;
  packerId: string | null;
  firstAt: number;
  marks: EvidenceMark[];
  waybills: string[];
  /** pack.completed / cancelled / held: the packer is done with it. */
  doneAt: number | null;
  parcels: number;
  labels: number;
  lastLabelAt: number | null;
  weightG: number | null;
}

export interface DeskEvent {
  type: string;
  at: number;
  packerId: string | null;
  payload: Record<string, unknown>;
}

/** A still is taken for these moments. */
export type Moment = 'scan' | 'weight' | 'label';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Applies one event. Returns the pack it touched and the still to take, if any. `packs` holds the
 * open timelines by pack id.
 */
export function applyEvent(
  packs: Map<string, PackTimeline>,
  e: DeskEvent,
): { pack: PackTimeline; moment: Moment | null } | null {
  const p = e.payload;
  const packId = str(p['packId']);
  if (!packId) return null;
  if (e.type === 'pack.started') {
    const t: PackTimeline = {
      packId,
      orderId: str(p['orderId']) ?? '?',
      packerId: e.packerId,
      firstAt: e.at,
      marks: [{ at: e.at, kind: 'order', text: str(p['orderId']) ?? '?', verdict: 'order_opened' }],
      waybills: [],
      doneAt: null,
      parcels: 1,
      labels: 0,
      lastLabelAt: null,
      weightG: null,
    };
    packs.set(packId, t);
    return { pack: t, moment: null };
  }
  const t = packs.get(packId);
  if (!t) return null;
  t.firstAt = Math.min(t.firstAt, e.at);
  switch (e.type) {
    case 'scan.recorded': {
      const verdict = str(p['verdict']) as ScanVerdict | null;
      // The order scan that opened the pack is already its first mark.
      if (verdict === 'order_opened') return { pack: t, moment: null };
      t.marks.push({ at: e.at, kind: 'scan', text: str(p['code']) ?? '', verdict });
      return { pack: t, moment: 'scan' };
    }
    case 'weight.accepted':
    case 'weight.exception': {
      const g = typeof p['weightG'] === 'number' ? p['weightG'] : 0;
      t.weightG = g;
      t.marks.push({
        at: e.at,
        kind: 'weight',
        text: `${Math.round(g)} g${e.type === 'weight.exception' ? ' ✗' : ''}`,
        verdict: null,
      });
      return { pack: t, moment: 'weight' };
    }
    case 'label.printed': {
      const w = str(p['waybill']);
      if (w && !t.waybills.includes(w)) t.waybills.push(w);
      if (p['reprint'] !== true) t.labels++;
      t.lastLabelAt = e.at;
      t.marks.push({ at: e.at, kind: 'label', text: w ?? '', verdict: null });
      return { pack: t, moment: 'label' };
    }
    case 'parcel.packed':
    case 'parcel.waybill': {
      const w = str(p['waybill']);
      if (w && !t.waybills.includes(w)) t.waybills.push(w);
      return { pack: t, moment: null };
    }
    case 'pack.completed':
      t.parcels = typeof p['parcels'] === 'number' ? p['parcels'] : 1;
      t.doneAt = e.at;
      return { pack: t, moment: null };
    case 'pack.cancelled':
    case 'order.held':
      t.doneAt = e.at;
      t.parcels = 0;
      return { pack: t, moment: null };
    default:
      return { pack: t, moment: null };
  }
}

/** The clip may end once every parcel's label printed, or `labelWaitMs` after the pack was done without one. */
export function clipEnd(t: PackTimeline, now: number, tailMs: number, labelWaitMs: number): number | null {
  if (t.doneAt === null) return null;
  const labelled = t.labels >= t.parcels;
  if (!labelled && now - t.doneAt < labelWaitMs) return null;
  return Math.max(t.doneAt, t.lastLabelAt ?? 0) + tailMs;
}

/** The overlay text for the pack in front of the camera. */
export function overlayLines(stationId: string, t: PackTimeline | null, packerId: string | null): string[] {
  const lines = [`STATION ${stationId}   PACKER ${t?.packerId ?? packerId ?? '-'}`];
  if (!t) return lines;
  lines.push(`ORDER ${t.orderId}   WAYBILL ${t.waybills.join(' ') || '-'}`);
  for (const m of t.marks.filter((x) => x.kind === 'scan').slice(-3)) lines.push(`SCAN ${m.text}  ${m.verdict ?? ''}`);
  if (t.weightG !== null) lines.push(`WEIGHT ${Math.round(t.weightG)} g STABLE`);
  return lines;
}
