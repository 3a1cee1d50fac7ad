// Running sums behind Figures. Events are counted into cells — one per (station, packer, local hour,
// layout) — and every grouping is a roll-up of cells, so each event is counted exactly once however
// many groupings are asked for.
import type { Figures } from '../../contract/stats.js';
import { HOUR_MS } from './local-time.js';
import { select } from './select.js';

/** Index of the nearest-rank p-th percentile in an ascending list of n values: ceil(p/100·n) − 1. */
export function rankIndex(n: number, p: number): number {
  // p·n/100 rather than p/100·n: 70/100·10 is 7.000000000000001 in floating point, ceil → 8.
  return Math.min(n - 1, Math.max(0, Math.ceil((p * n) / 100) - 1));
}

/** Nearest-rank percentile: the value at index ceil(p/100·n) − 1 of the ascending list. */
export function percentile(sortedAsc: readonly number[], p: number): number | null {
  if (sortedAsc.length === 0) return null;
  return sortedAsc[rankIndex(sortedAsc.length, p)] ?? null;
}

export function emptyFigures(): Figures {
  return {
    orders: 0,
    units: 0,
    parcels: 0,
    activeMs: 0,
    shiftMs: 0,
    unitsPerActiveHour: null,
    ordersPerActiveHour: null,
    unitsPerShiftHour: null,
    ordersPerShiftHour: null,
    packTimeP50Ms: null,
    packTimeP90Ms: null,
    idleGaps: 0,
    idleMs: 0,
    scannedUnits: 0,
    scanErrors: 0,
    wrongItems: 0,
    unknownCodes: 0,
    overScans: 0,
    misreads: 0,
    errorRate: null,
    weightExceptions: 0,
    reprints: 0,
    interceptions: 0,
    labelPending: 0,
    overrides: 0,
    costFen: 0,
    costPerParcelFen: null,
    costShare: null,
    paidToPackedP50Ms: null,
    paidToPackedP90Ms: null,
    packedToHandoverP50Ms: null,
    packedToHandoverP90Ms: null,
  };
}

/** The additive part of Figures: a group's Sums are its cells' Sums added up. */
export class Sums {
  orders = 0;
  units = 0;
  parcels = 0;
  activeMs = 0;
  idleGaps = 0;
  idleMs = 0;
  scannedUnits = 0;
  wrongItems = 0;
  unknownCodes = 0;
  overScans = 0;
  misreads = 0;
  weightExceptions = 0;
  reprints = 0;
  interceptions = 0;
  labelPending = 0;
  overrides = 0;
  costFen = 0;
  costParcels = 0;
  /** Value of the parcels that have a cost: the denominator of costShare. */
  costValueFen = 0;

  add(o: Sums): void {
    this.orders += o.orders;
    this.units += o.units;
    this.parcels += o.parcels;
    this.activeMs += o.activeMs;
    this.idleGaps += o.idleGaps;
    this.idleMs += o.idleMs;
    this.scannedUnits += o.scannedUnits;
    this.wrongItems += o.wrongItems;
    this.unknownCodes += o.unknownCodes;
    this.overScans += o.overScans;
    this.misreads += o.misreads;
    this.weightExceptions += o.weightExceptions;
    this.reprints += o.reprints;
    this.interceptions += o.interceptions;
    this.labelPending += o.labelPending;
    this.overrides += o.overrides;
    this.costFen += o.costFen;
    this.costParcels += o.costParcels;
    this.costValueFen += o.costValueFen;
  }
}

/** A stored cell's duration lists (from-cells.ts). */
export interface StoredSamples {
  packTimes: Float64Array;
  paidToPacked: Float64Array;
  packedToHandover: Float64Array;
}

type SampleField = keyof StoredSamples;

/** The cell's durations of one kind, wherever they are kept. */
function samplesOf(c: Cell, field: SampleField): ArrayLike<number> {
  return c.stored === null ? c[field] : c.stored[field];
}

/** The finest bucket: one station, one packer, one local hour, one layout. */
export class Cell extends Sums {
  /** Durations percentiles are taken over; a group gathers them from its cells. */
  readonly packTimes: number[] = [];
  readonly paidToPacked: number[] = [];
  readonly packedToHandover: number[] = [];
  /** Indices of shift instances in which this cell has at least one event (for shift time). */
  readonly shifts: number[] = [];
  /**
   * A stored cell's durations as decoded from the store, used in place of the three lists above:
   * a year holds millions of them, and copying each into a JS array costs more than the query.
   */
  stored: StoredSamples | null = null;

  constructor(
    readonly station: string,
    readonly packer: string,
    readonly hour: string,
    readonly day: string,
    readonly layout: string,
  ) {
    super();
  }

  /** Instances are met in ascending order within a stream, so the last entry is nearly always the match. */
  markShift(i: number): void {
    const s = this.shifts;
    if (s[s.length - 1] !== i && !s.includes(i)) s.push(i);
  }
}

/**
 * Rates are ratios of the group's own sums, never averages of smaller groups' rates, and null when
 * there is no time to divide by (no shifts configured → no per-shift-hour rate).
 */
function perHour(count: number, ms: number): number | null {
  return ms > 0 ? count / (ms / HOUR_MS) : null;
}

/**
 * Per-hour rates held back until there is enough time to divide by: 40 units in two minutes are not
 * "1200 units/h" (issue 12 §6). Active rates need `minMs` of active time, shift rates of shift time.
 */
export function withMinActive(f: Figures, minMs: number): Figures {
  if (minMs <= 0) return f;
  const active = f.activeMs >= minMs;
  const shift = f.shiftMs >= minMs;
  if (active && shift) return f;
  return {
    ...f,
    unitsPerActiveHour: active ? f.unitsPerActiveHour : null,
    ordersPerActiveHour: active ? f.ordersPerActiveHour : null,
    unitsPerShiftHour: shift ? f.unitsPerShiftHour : null,
    ordersPerShiftHour: shift ? f.ordersPerShiftHour : null,
  };
}

/** A reusable buffer for percentile selection: one allocation per computeStats, not per group. */
export class Scratch {
  private buf = new Float64Array(0);

  take(n: number): Float64Array {
    if (this.buf.length < n) this.buf = new Float64Array(Math.max(n, this.buf.length * 2));
    return this.buf.subarray(0, n);
  }
}

/**
 * Nearest-rank p50 and p90 over sample lists. Selection, not sorting: a month of packs is ~10⁵
 * durations per field, gathered once per grouping, and selection is O(n) against the sort's
 * O(n log n) — equal to percentile() over the sorted values.
 */
function p50p90(cells: readonly Cell[], field: SampleField, scratch: Scratch): [number | null, number | null] {
  let n = 0;
  for (let i = 0; i < cells.length; i++) n += samplesOf(cells[i] as Cell, field).length;
  if (n === 0) return [null, null];
  const values = scratch.take(n);
  let k = 0;
  for (let i = 0; i < cells.length; i++) {
    const list = samplesOf(cells[i] as Cell, field);
    if (list instanceof Float64Array) {
      values.set(list, k);
      k += list.length;
    } else for (let j = 0; j < list.length; j++) values[k++] = list[j] as number;
  }
  return p50p90Within(values, 0, n);
}

/** Nearest-rank p50 and p90 of the n ≥ 1 values a[from … from + n), which are reordered. */
export function p50p90Within(a: Float64Array, from: number, n: number): [number, number] {
  const i50 = rankIndex(n, 50);
  const p50 = select(a, i50, from, from + n);
  // Selection leaves everything from i50 on ≥ p50, so p90 (i90 ≥ i50) is found in that tail alone.
  return [p50, select(a, rankIndex(n, 90) - i50, from + i50, from + n)];
}

/** p50 and p90 of pack time, paid → packed and packed → hand-over, in that order. */
export type Percentiles = readonly [
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
];

export const NO_PERCENTILES: Percentiles = [null, null, null, null, null, null];

/**
 * Figures of a set of cells whose Sums are `s` and whose shift time is `shiftMs`. The error rate is
 * scan errors per scanned unit; cost per parcel and cost share are over the parcels with a cost.
 */
export function toFigures(s: Sums, cells: readonly Cell[], shiftMs: number, scratch: Scratch): Figures {
  return figuresOf(s, shiftMs, [
    ...p50p90(cells, 'packTimes', scratch),
    ...p50p90(cells, 'paidToPacked', scratch),
    ...p50p90(cells, 'packedToHandover', scratch),
  ]);
}

/** Figures from a group's sums, shift time and duration percentiles (however they were found). */
export function figuresOf(s: Sums, shiftMs: number, pct: Percentiles): Figures {
  const scanErrors = s.wrongItems + s.unknownCodes + s.overScans;
  const [
    packTimeP50Ms,
    packTimeP90Ms,
    paidToPackedP50Ms,
    paidToPackedP90Ms,
    packedToHandoverP50Ms,
    packedToHandoverP90Ms,
  ] = pct;
  return {
    orders: s.orders,
    units: s.units,
    parcels: s.parcels,
    activeMs: s.activeMs,
    shiftMs,
    unitsPerActiveHour: perHour(s.units, s.activeMs),
    ordersPerActiveHour: perHour(s.orders, s.activeMs),
    unitsPerShiftHour: perHour(s.units, shiftMs),
    ordersPerShiftHour: perHour(s.orders, shiftMs),
    packTimeP50Ms,
    packTimeP90Ms,
    idleGaps: s.idleGaps,
    idleMs: s.idleMs,
    scannedUnits: s.scannedUnits,
    scanErrors,
    wrongItems: s.wrongItems,
    unknownCodes: s.unknownCodes,
    overScans: s.overScans,
    misreads: s.misreads,
    errorRate: s.scannedUnits > 0 ? scanErrors / s.scannedUnits : null,
    weightExceptions: s.weightExceptions,
    reprints: s.reprints,
    interceptions: s.interceptions,
    labelPending: s.labelPending,
    overrides: s.overrides,
    costFen: s.costFen,
    costPerParcelFen: s.costParcels > 0 ? s.costFen / s.costParcels : null,
    costShare: s.costValueFen > 0 ? s.costFen / s.costValueFen : null,
    paidToPackedP50Ms,
    paidToPackedP90Ms,
    packedToHandoverP50Ms,
    packedToHandoverP90Ms,
  };
}
