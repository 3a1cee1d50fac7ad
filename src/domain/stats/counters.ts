// Which event types are packer activity, and what each in-range event adds to its cell's counters.
// Shared by the single pass over a log (pass.ts) and the incremental cell fold (cell-fold.ts), so
// both count an event exactly the same way.
import type { OutboxType } from '../../contract/events.js';
import type { Sums } from './figures.js';

// `satisfies` keeps this list in step with the outbox: a new event type fails to compile here.
export const KIND = {
  'packer.login': 0,
  'packer.logout': 1,
  'order.intercepted': 2,
  'order.released': 3,
  'order.held': 4,
  'alert.acknowledged': 5,
  'pack.started': 6,
  'scan.recorded': 7,
  'weight.exception': 8,
  'weight.accepted': 9,
  'parcel.packed': 10,
  'label.printed': 11,
  'label.pending': 12,
  'parcel.waybill': 13,
  'pack.completed': 14,
  'pack.cancelled': 15,
  /** The sync engine's, not a packer's: no activity (skipped like an unknown type). */
  'sync.quarantined': -1,
  /** A packing-video file saved: evidence, not a packer's activity. */
  'video.recorded': -1,
  /** Courier handover (交接): outbound figures read it from the hub's handover records, not this pass. */
  'handover.scanned': -1,
  'handover.closed': -1,
  /** Stock at the desk (receiving, counts, returns): the hub's stock ledger reads them, not packing figures. */
  'stock.received': -1,
  'stock.counted': -1,
  'return.received': -1,
} as const satisfies Record<OutboxType, number>;
export const KINDS = new Map<string, number>(Object.entries(KIND));

/** The activity kind of an event type; undefined when the type is not a packer's activity. */
export function activityKind(type: string): number | undefined {
  const k = KINDS.get(type);
  return k === undefined || k < 0 ? undefined : k;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** The additive counters of an in-range event (DESIGN §4); durations are the pack join's. */
export function countSums(kind: number, p: Record<string, unknown>, cell: Sums): void {
  switch (kind) {
    case KIND['scan.recorded']: {
      // The error rate is per scanned unit: item_ok scans count their quantity (a ×6 multiplier
      // scan is six units), error scans count once. A bad check digit, a wedge fragment or noise
      // is the scanner's misread, counted apart and never charged to the packer (issue 12 §4).
      const v = p.verdict;
      if (v === 'item_ok') cell.scannedUnits += num(p.qty);
      else if (v === 'wrong_item') cell.wrongItems++;
      else if (v === 'unknown_code') cell.unknownCodes++;
      else if (v === 'over_scan') cell.overScans++;
      else if (v === 'misread' || v === 'bad_check_digit') cell.misreads++;
      break;
    }
    case KIND['pack.completed']:
      cell.orders++;
      cell.units += num(p.units);
      break;
    case KIND['parcel.packed']:
      cell.parcels++;
      // A parcel without a rate-table cost stays out of the cost figures, value included, so the
      // cost share compares like with like.
      if (typeof p.costFen === 'number') {
        cell.costFen += p.costFen;
        cell.costParcels++;
        cell.costValueFen += num(p.valueFen);
      }
      break;
    case KIND['label.printed']:
      if (p.reprint === true) cell.reprints++;
      break;
    case KIND['weight.exception']:
      cell.weightExceptions++;
      break;
    case KIND['weight.accepted']:
      // Overrides are what a supervisor signed for: a weight accepted outside tolerance, and the
      // release of a flagged or held order. A weight within tolerance is accepted with none.
      if (p.override !== null && p.override !== undefined) cell.overrides++;
      break;
    case KIND['order.released']:
      cell.overrides++;
      break;
    case KIND['order.intercepted']:
      cell.interceptions++;
      break;
    case KIND['label.pending']:
      cell.labelPending++;
      break;
  }
}

/** Every event type that is a packer's activity. */
export const activityTypes: readonly string[] = Object.entries(KIND)
  .filter(([, k]) => k >= 0)
  .map(([t]) => t);
