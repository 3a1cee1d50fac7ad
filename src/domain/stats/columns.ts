// Cells as columns: typed arrays per field instead of an object per cell. A year of a 10-desk
// warehouse is ~90,000 cells and ~3 M durations; as objects they cost ~1.4 KB a cell and a garbage
// collector's walk on every query, as columns ~200 bytes and none. The hub keeps stored cells in
// this form between queries (cloud/services/stats-cell-cache.ts) and rolls them up with
// column-rollup.ts; the pass's own cells (Cell objects, rollup.ts) stay the reference.
import { STATS_DIMENSIONS, type StatsDimension, type StatsGroup } from '../../contract/stats.js';
import type { Cell } from './figures.js';
import { SUM_FIELDS, type StoredCell } from './stored-cell.js';
import type { PercentileWindows } from './percentile-hints.js';

/** Interned strings: station, packer, layout, hour and day values and shift keys become small ints. */
export class Names {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  get size(): number {
    return this.values.length;
  }
}

/** The three duration lists percentiles are taken over, in Cell's order. */
export const SAMPLE_FIELDS = ['packTimes', 'paidToPacked', 'packedToHandover'] as const;
export type SampleField = (typeof SAMPLE_FIELDS)[number];

export const SUM_COUNT = SUM_FIELDS.length;

/**
 * A block's durations of one kind, or its sums: whole milliseconds and counts, so 32-bit integers
 * hold them exactly — half the memory of doubles for the year a hub keeps — unless one is not whole
 * or lies beyond ±2³¹ (an order paid 25 days before it was packed), and then that block's array is
 * doubles.
 */
export type NumberColumn = Int32Array | Float64Array;

const isInt32 = (v: number): boolean => (v | 0) === v;

function allInt32(list: ArrayLike<number>): boolean {
  for (let j = 0; j < list.length; j++) if (!isInt32(list[j] as number)) return false;
  return true;
}

const numberColumn = (int32: boolean, length: number): NumberColumn =>
  int32 ? new Int32Array(length) : new Float64Array(length);

/** Cells as columns; dimension values and shift keys are Names ids. */
export interface CellColumns {
  readonly n: number;
  readonly hourAt: Float64Array;
  readonly dims: Readonly<Record<StatsDimension, Int32Array>>;
  /** n × SUM_COUNT, in SUM_FIELDS order. */
  readonly sums: NumberColumn;
  /** Cell i's shift marks are shifts[shiftStart[i] … shiftStart[i + 1]). */
  readonly shiftStart: Int32Array;
  /**
   * Names ids of "start:end" keys, or — `shiftIndices` — indices into the query's shift instances
   * (the pass's cells of a range's ends, made for that query alone).
   */
  readonly shifts: Int32Array;
  readonly shiftIndices: boolean;
  /**
   * Per SAMPLE_FIELDS entry: the values, cell i's at [start[i], start[i + 1]), ascending within each
   * cell — so a cell's values below, inside and above a window are three runs (column-percentiles.ts).
   */
  readonly samples: readonly NumberColumn[];
  readonly sampleStart: readonly Int32Array[];
  /**
   * Cells of one hour (equal hourAt, adjacent once sorted) form a run; run r is cells
   * runStart[r] … runStart[r + 1] − 1. An hour's group is usually exactly one run, so its duration
   * percentiles are kept per run (runPct, 6 per run, Infinity until found, NaN for none) for as
   * long as the columns are: the columns never change, only get replaced.
   */
  readonly runOf: Int32Array;
  readonly runStart: Int32Array;
  readonly runPct: Float64Array;
  /**
   * A run's whole group kept per grouping and shift settings (column-rollup.ts runMemos): an hour's
   * group of a year by hour is asked for again with every query of that year.
   */
  readonly runGroups: Map<string, (StatsGroup | undefined)[]>;
  /** Per dimension ('' for none), the sums of the cells of each of its values (column-rollup.ts). */
  readonly dimSums: Map<string, DimSums>;
  /** Per percentile window of a large group, this block's share (column-percentiles.ts partWindows). */
  readonly windowCounts: WeakMap<PercentileWindows, WindowCount>;
}

/** A block's sums per value of a dimension: value ids, and SUM_COUNT sums per id in the same order. */
export interface DimSums {
  ids: Int32Array;
  sums: Float64Array;
}

/**
 * Of one group's durations in some cells: how many lie below each of its two windows (p50's, p90's)
 * and which inside, as one list — [below₅₀, below₉₀, n₅₀, n₅₀ values inside p50's window, then those
 * inside p90's] — kept for a few hundred windows per block, where an object of four lists cost
 * several times the memory (~15 MB over a year's blocks).
 */
export type WindowCount = number[];

/** A cell's identity, sums, shift marks and durations, as either source gives them. */
interface CellInput {
  station: string;
  packer: string;
  hour: string;
  day: string;
  layout: string;
  hourAt: number;
}

/** A cell to be written as columns: identity, sums, shift marks (ids) and the three duration lists. */
interface CellRow {
  cell: CellInput;
  sums: Readonly<Record<(typeof SUM_FIELDS)[number], number>>;
  shifts: readonly number[];
  lists: readonly ArrayLike<number>[];
}

/**
 * Columns written straight into typed arrays sized beforehand: a block is read while the hub
 * serves, and growing lists of boxed numbers for it would raise the heap's peak for nothing.
 */
function columnsOf(rows: readonly CellRow[], names: Names, shiftIndices: boolean): CellColumns {
  const n = rows.length;
  const sampleCount = [0, 0, 0];
  const samplesInt32 = [true, true, true];
  let sumsInt32 = true;
  let shiftCount = 0;
  for (const r of rows) {
    shiftCount += r.shifts.length;
    r.lists.forEach((list, k) => {
      sampleCount[k] = (sampleCount[k] as number) + list.length;
      if (samplesInt32[k]) samplesInt32[k] = allInt32(list);
    });
    if (sumsInt32) sumsInt32 = SUM_FIELDS.every((f) => isInt32(r.sums[f]));
  }
  const hourAt = new Float64Array(n);
  const dims = {} as Record<StatsDimension, Int32Array>;
  for (const d of STATS_DIMENSIONS) dims[d] = new Int32Array(n);
  const sums = numberColumn(sumsInt32, n * SUM_COUNT);
  const shiftStart = new Int32Array(n + 1);
  const shifts = new Int32Array(shiftCount);
  const samples = sampleCount.map((c, k) => numberColumn(samplesInt32[k] as boolean, c));
  const sampleStart = sampleCount.map(() => new Int32Array(n + 1));
  const runOf = new Int32Array(n);
  const runStart: number[] = [];
  let s = 0;
  const written = [0, 0, 0];
  rows.forEach((r, i) => {
    hourAt[i] = r.cell.hourAt;
    for (const d of STATS_DIMENSIONS) dims[d][i] = names.id(r.cell[d]);
    SUM_FIELDS.forEach((f, x) => (sums[i * SUM_COUNT + x] = r.sums[f]));
    for (const mark of r.shifts) shifts[s++] = mark;
    shiftStart[i + 1] = s;
    r.lists.forEach((list, k) => {
      const out = samples[k] as NumberColumn;
      const from = written[k] as number;
      let w = from;
      for (let j = 0; j < list.length; j++) out[w++] = list[j] as number;
      if (w - from > 1) out.subarray(from, w).sort();
      written[k] = w;
      (sampleStart[k] as Int32Array)[i + 1] = w;
    });
    // The pass's cells carry no hourAt: each is a run of its own.
    if (i === 0 || shiftIndices || hourAt[i] !== hourAt[i - 1]) runStart.push(i);
    runOf[i] = runStart.length - 1;
  });
  runStart.push(n);
  return {
    n,
    hourAt,
    dims,
    sums,
    shiftStart,
    shifts,
    shiftIndices,
    samples,
    sampleStart,
    runOf,
    runStart: Int32Array.from(runStart),
    runPct: new Float64Array((runStart.length - 1) * 6).fill(Infinity),
    runGroups: new Map(),
    windowCounts: new WeakMap(),
    dimSums: new Map(),
  };
}

/** Stored cells as columns, sorted by hour (a range within them is then an index range). */
export function columnsOfStored(stored: readonly StoredCell[], names: Names): CellColumns {
  const rows = [...stored]
    .sort((x, y) => x.hourAt - y.hourAt)
    .map((c) => ({
      cell: c,
      sums: c.sums,
      shifts: c.shifts ? c.shifts.split(',').map((k) => names.id(k)) : [],
      lists: [c.packTimes, c.paidToPacked, c.packedToHandover],
    }));
  return columnsOf(rows, names, false);
}

/** The pass's cells (a range's ends) as columns; their shift marks index the query's instances. */
export function columnsOfCells(cells: readonly Cell[], names: Names): CellColumns {
  const rows = cells.map((c) => ({
    cell: { station: c.station, packer: c.packer, hour: c.hour, day: c.day, layout: c.layout, hourAt: 0 },
    sums: c,
    shifts: c.shifts,
    lists: SAMPLE_FIELDS.map((f) => (c.stored === null ? c[f] : c.stored[f])),
  }));
  return columnsOf(rows, names, true);
}

/** The first index whose hourAt is ≥ at (columns sorted by hour). */
export function lowerBound(cols: CellColumns, at: number): number {
  let lo = 0;
  let hi = cols.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cols.hourAt[mid] as number) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Cells lo … hi − 1 of some columns: a query's share of a kept block. */
export interface ColumnRange {
  cols: CellColumns;
  lo: number;
  hi: number;
}
