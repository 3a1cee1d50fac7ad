// groupCells and totalFigures (rollup.ts) over cells as columns (columns.ts), with the same
// definitions: sums add up, shift time is claimed per subject and shift instance under the group's
// restriction (restrictedMs, shared), percentiles are nearest-rank over the group's durations. What
// differs is the bookkeeping: group numbers in typed arrays instead of objects and maps of cells,
// and each group's durations gathered by one counting pass instead of a copy per cell and group.
import type { Figures, StatsDimension, StatsGroup } from '../../contract/stats.js';
import {
  SAMPLE_FIELDS,
  SUM_COUNT,
  type CellColumns,
  type ColumnRange,
  type Names,
  type WindowCount,
} from './columns.js';
import { NO_PERCENTILES, Sums, figuresOf, p50p90Within, rankIndex } from './figures.js';
import { select } from './select.js';
import type { PercentileHints, PercentileWindows } from './percentile-hints.js';
import { SUM_FIELDS } from './stored-cell.js';
import {
  NO_STATIONS,
  compareValues,
  hourSegments,
  restrictedMs,
  type Restriction,
  type RollupContext,
} from './rollup.js';
import { markKept } from './kept.js';

/** Which group each cell of the parts is in (flat over the parts, in order), and the groups' values. */
interface Grouping {
  by: readonly StatsDimension[];
  count: number;
  /** Per cell, in part order. */
  groupOf: Int32Array;
  /** Per group: the Names ids of its dimension values, in `by` order. */
  values: number[][];
}

function cellCount(parts: readonly ColumnRange[]): number {
  let n = 0;
  for (const p of parts) n += p.hi - p.lo;
  return n;
}

function assignGroups(parts: readonly ColumnRange[], by: readonly StatsDimension[], names: Names): Grouping {
  const groupOf = new Int32Array(cellCount(parts));
  const values: number[][] = [];
  if (by.length === 0) {
    if (groupOf.length > 0) values.push([]);
    return { by, count: values.length, groupOf, values };
  }
  if (by.length === 1) {
    const d = by[0] as StatsDimension;
    const byId = new Int32Array(names.size).fill(-1);
    let k = 0;
    for (const { cols, lo, hi } of parts) {
      const col = cols.dims[d];
      for (let i = lo; i < hi; i++, k++) {
        const id = col[i] as number;
        let g = byId[id] as number;
        if (g < 0) {
          g = byId[id] = values.length;
          values.push([id]);
        }
        groupOf[k] = g;
      }
    }
    return { by, count: values.length, groupOf, values };
  }
  const byKey = new Map<string, number>();
  let k = 0;
  for (const { cols, lo, hi } of parts) {
    for (let i = lo; i < hi; i++, k++) {
      const ids = by.map((d) => cols.dims[d][i] as number);
      const key = ids.join(',');
      let g = byKey.get(key);
      if (g === undefined) {
        g = values.length;
        byKey.set(key, g);
        values.push(ids);
      }
      groupOf[k] = g;
    }
  }
  return { by, count: values.length, groupOf, values };
}

function groupSums(parts: readonly ColumnRange[], g: Grouping): Float64Array {
  const acc = new Float64Array(g.count * SUM_COUNT);
  // By one dimension or none, a whole block adds its sums per value (kept with it) instead of cells.
  const d = g.by.length === 0 ? '' : g.by.length === 1 ? (g.by[0] as StatsDimension) : null;
  const groupOfId = new Map<number, number>();
  if (d !== null) g.values.forEach((ids, gi) => groupOfId.set(ids[0] ?? -1, gi));
  let k = 0;
  for (const { cols, lo, hi } of parts) {
    if (d !== null && lo === 0 && hi === cols.n) {
      for (const [id, sums] of blockSums(cols, d)) {
        const a = (groupOfId.get(id) as number) * SUM_COUNT;
        for (let f = 0; f < SUM_COUNT; f++) acc[a + f] = (acc[a + f] as number) + (sums[f] as number);
      }
      k += hi - lo;
      continue;
    }
    const sums = cols.sums;
    for (let i = lo; i < hi; i++, k++) {
      const a = (g.groupOf[k] as number) * SUM_COUNT;
      const b = i * SUM_COUNT;
      for (let f = 0; f < SUM_COUNT; f++) acc[a + f] = (acc[a + f] as number) + (sums[b + f] as number);
    }
  }
  return acc;
}

/** A block's sums per value of dimension d (all its cells under −1 for ''), made on first use. */
function blockSums(cols: CellColumns, d: StatsDimension | ''): Map<number, Float64Array> {
  let byValue = cols.dimSums.get(d);
  if (byValue) return byValue;
  byValue = new Map();
  for (let i = 0; i < cols.n; i++) {
    const id = d === '' ? -1 : (cols.dims[d][i] as number);
    let sums = byValue.get(id);
    if (!sums) byValue.set(id, (sums = new Float64Array(SUM_COUNT)));
    for (let f = 0; f < SUM_COUNT; f++) sums[f] = (sums[f] as number) + (cols.sums[i * SUM_COUNT + f] as number);
  }
  cols.dimSums.set(d, byValue);
  return byValue;
}

/** Above this many durations a group's percentiles are narrowed instead of copied. */
const LARGE = 8192;
const BINS = 4096;
const HOUR_MS = 3_600_000;
/** A block keeps its share of a window only when that share holds at most this many values. */
const KEPT_INSIDE_MAX = 64;

/** Where the durations of one kind lie in the query's cells: the histograms' common range. */
interface Span {
  min: number;
  scale: number;
}

function spanOf(parts: readonly ColumnRange[], field: number): Span {
  let min = Infinity;
  let max = -Infinity;
  for (const { cols, lo, hi } of parts) {
    const list = cols.samples[field] as Float64Array;
    const at = cols.sampleStart[field] as Int32Array;
    for (let j = at[lo] as number, end = at[hi] as number; j < end; j++) {
      const v = list[j] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  // Equal or no values: one bin holds them all, which selection then handles.
  return { min, scale: max > min ? (BINS - 1) / (max - min) : 0 };
}

/**
 * A large group's name among the hints: its grouping, values and duration kind, and the range's
 * length in hours (a year's windows are not a day's; a year asked again an hour later shares them).
 */
function hintKey(q: ColumnQuery, g: Grouping, gi: number, field: number): string {
  const values = (g.values[gi] as number[]).map((id) => q.names.values[id] as string);
  return `${Math.round((q.ctx.to - q.ctx.from) / HOUR_MS)}|${field}|${g.by.join(',')}|${values.join('\u0001')}`;
}

/**
 * Each group's p50 and p90 of one duration kind, nearest-rank, into pct[g × 6 + field × 2 …]
 * (NaN: no duration). A small group's durations are copied together and selected. A large one with
 * windows from an earlier query (percentile-hints.ts) has the values below each window counted and
 * those inside gathered, block by block (partWindows, kept with each block); when both ranks fall
 * inside, selection among the gathered gives them exactly. Other large groups, and those whose
 * windows missed, go through histograms (binnedPercentiles).
 */
function groupPercentiles(q: ColumnQuery, g: Grouping, field: number, pct: Float64Array, known: Uint8Array): void {
  const parts = q.parts;
  const count = new Int32Array(g.count);
  let k = 0;
  for (const { cols, lo, hi } of parts) {
    const at = cols.sampleStart[field] as Int32Array;
    for (let i = lo; i < hi; i++, k++) {
      const gi = g.groupOf[k] as number;
      if (known[gi] === 1) continue;
      count[gi] = (count[gi] as number) + (at[i + 1] as number) - (at[i] as number);
    }
  }
  // Small groups: a segment each in the scratch buffer. Large ones: a window each, or histograms.
  const offset = new Int32Array(g.count + 1);
  const windowOf = new Int32Array(g.count).fill(-1);
  const windows: PercentileWindows[] = [];
  const binned: number[] = [];
  for (let gi = 0; gi < g.count; gi++) {
    const n = count[gi] as number;
    const small = n <= LARGE;
    offset[gi + 1] = (offset[gi] as number) + (small ? n : 0);
    if (small) continue;
    const w = q.hints?.get(hintKey(q, g, gi, field));
    if (w) {
      windowOf[gi] = windows.length;
      windows.push(w);
    } else binned.push(gi);
  }
  const values = q.ctx.scratch.take(offset[g.count] as number);
  if ((offset[g.count] as number) > 0) gatherSmall(q, g, field, count, known, offset, values);
  const below = new Int32Array(windows.length * 2);
  const inside: number[][] = windows.flatMap(() => [[], []]);
  let first = 0;
  for (const { cols, lo, hi } of parts) {
    const counts = windows.length === 0 ? [] : partWindows(cols, lo, hi, field, g.groupOf, first, windowOf, windows);
    first += hi - lo;
    counts.forEach((c, x) => {
      for (const r of [0, 1]) {
        below[x * 2 + r] = (below[x * 2 + r] as number) + (c.below[r] as number);
        const into = inside[x * 2 + r] as number[];
        for (const v of c.inside[r] as number[]) into.push(v);
      }
    });
  }
  for (let gi = 0; gi < g.count; gi++) {
    if (known[gi] === 1) continue;
    const n = count[gi] as number;
    const at = gi * 6 + field * 2;
    const x = windowOf[gi] as number;
    if (n === 0) {
      pct[at] = pct[at + 1] = NaN;
    } else if (n <= LARGE) {
      [pct[at], pct[at + 1]] = p50p90Within(values, offset[gi] as number, n);
    } else if (x >= 0) {
      const w = windows[x] as PercentileWindows;
      const p50 = withinWindow(
        inside[x * 2] as number[],
        n,
        50,
        below[x * 2] as number,
        w[0] as number,
        w[1] as number,
      );
      const p90 = withinWindow(
        inside[x * 2 + 1] as number[],
        n,
        90,
        below[x * 2 + 1] as number,
        w[2] as number,
        w[3] as number,
      );
      if (p50 === null || p90 === null) {
        binned.push(gi);
        if (q.hints) q.hints.misses++;
      } else {
        pct[at] = p50[0];
        pct[at + 1] = p90[0];
        if (q.hints) q.hints.hits++;
        // Kept as it is while it stays narrow: the parts' counts are kept under this very window.
        // (Many equal values may keep it wide however tight: then it stays too.)
        const wide = 16 * marginOf(n);
        const tight = Float64Array.of(p50[1], p50[2], p90[1], p90[2]);
        const narrower = tight.some((v, i) => v !== w[i]);
        if (narrower && ((inside[x * 2] as number[]).length > wide || (inside[x * 2 + 1] as number[]).length > wide))
          q.hints?.set(hintKey(q, g, gi, field), tight);
      }
    }
  }
  if (binned.length > 0) binnedPercentiles(q, g, field, count, binned, pct);
}

/** Small groups' durations copied into their segments of `values` (offset per group). */
function gatherSmall(
  q: ColumnQuery,
  g: Grouping,
  field: number,
  count: Int32Array,
  known: Uint8Array,
  offset: Int32Array,
  values: Float64Array,
): void {
  const next = offset.slice(0, g.count);
  let k = 0;
  for (const { cols, lo, hi } of q.parts) {
    const at = cols.sampleStart[field] as Int32Array;
    const list = cols.samples[field] as Float64Array;
    for (let i = lo; i < hi; i++, k++) {
      const gi = g.groupOf[k] as number;
      const n = count[gi] as number;
      if (known[gi] === 1 || n === 0 || n > LARGE) continue;
      let w = next[gi] as number;
      for (let j = at[i] as number, end = at[i + 1] as number; j < end; j++) values[w++] = list[j] as number;
      next[gi] = w;
    }
  }
}

/**
 * Per window, how many of one part's durations of its group lie below it and which lie inside
 * (p50's, then p90's). A whole part's counts are kept with its columns under the window itself:
 * windows stay while they hold (groupPercentiles), so a year asked again counts only the blocks
 * that changed — today's.
 */
function partWindows(
  cols: CellColumns,
  lo: number,
  hi: number,
  field: number,
  groupOf: Int32Array,
  first: number,
  windowOf: Int32Array,
  windows: readonly PercentileWindows[],
): WindowCount[] {
  const whole = lo === 0 && hi === cols.n;
  if (whole) {
    const kept = windows.map((w) => cols.windowCounts.get(w));
    if (kept.every((c) => c !== undefined)) return kept;
  }
  const counts = windows.map((): WindowCount => ({ below: [0, 0], inside: [[], []] }));
  const at = cols.sampleStart[field] as Int32Array;
  const list = cols.samples[field] as Float64Array;
  for (let i = lo, k = first; i < hi; i++, k++) {
    const x = windowOf[groupOf[k] as number] as number;
    if (x < 0) continue;
    // A cell's values are ascending (columns.ts): each window is a run, found by scanning to it.
    const w = windows[x] as PercentileWindows;
    const c = counts[x] as WindowCount;
    const start = at[i] as number;
    const end = at[i + 1] as number;
    c.below[0] = c.below[0] + gatherWindow(list, start, end, w[0] as number, w[1] as number, c.inside[0]);
    c.below[1] = c.below[1] + gatherWindow(list, start, end, w[2] as number, w[3] as number, c.inside[1]);
  }
  // Kept only for a window already narrowed to its margin (a few values a block): a window fresh from
  // the histogram is replaced by a narrower one on its first use, its counts with it.
  if (whole)
    counts.forEach((c, x) => {
      if (c.inside[0].length + c.inside[1].length <= KEPT_INSIDE_MAX)
        cols.windowCounts.set(windows[x] as PercentileWindows, c);
    });
  return counts;
}

/**
 * Of list[start … end) (ascending), the values within [lo, hi] pushed to `inside`; returns how many
 * lie below lo. Scanning sorted values keeps the branches predictable, where comparing values in
 * arbitrary order mispredicts about every other one.
 */
function gatherWindow(
  list: Float64Array,
  start: number,
  end: number,
  lo: number,
  hi: number,
  inside: number[],
): number {
  let j = start;
  while (j < end && (list[j] as number) < lo) j++;
  const below = j - start;
  while (j < end && (list[j] as number) <= hi) inside.push(list[j++] as number);
  return below;
}

/** Ranks either side of a percentile's that a group's window keeps (windowBins, withinWindow). */
const marginOf = (n: number): number => Math.max(64, Math.ceil(n / 1024));

/**
 * The p-th percentile of a group of n values from its window — the values inside it, `below` of
 * them under it — and the window tightened to marginOf(n) ranks either side, for the next query;
 * null when the rank lies outside the window.
 */
function withinWindow(
  inside: ArrayLike<number>,
  n: number,
  p: number,
  below: number,
  lo: number,
  hi: number,
): [value: number, lo: number, hi: number] | null {
  const k = rankIndex(n, p) - below;
  if (k < 0 || k >= inside.length) return null;
  const a = Float64Array.from(inside);
  const value = select(a, k);
  // Selection leaves a[0 … k) ≤ value ≤ a(k … end): each bound is selected on its own side.
  const margin = marginOf(n);
  return [
    value,
    k >= margin ? select(a, k - margin, 0, k) : lo,
    k + margin < a.length ? select(a, margin - 1, k + 1, a.length) : hi,
  ];
}

/**
 * Large groups' percentiles by histogram: their durations counted into bins over the query's span
 * — monotonic, so the k-th smallest of all is the (k − below)-th of its bin — then only the two bins
 * holding the ranks gathered and selected. The bins around each rank become the group's windows.
 */
function binnedPercentiles(
  q: ColumnQuery,
  g: Grouping,
  field: number,
  count: Int32Array,
  groups: readonly number[],
  pct: Float64Array,
): void {
  const row = new Int32Array(g.count).fill(-1);
  groups.forEach((gi, r) => (row[gi] = r));
  const span = (q.spans[field] ??= spanOf(q.parts, field));
  const bins = new Int32Array(groups.length * BINS);
  let k = 0;
  for (const { cols, lo, hi } of q.parts) {
    const at = cols.sampleStart[field] as Int32Array;
    const list = cols.samples[field] as Float64Array;
    for (let i = lo; i < hi; i++, k++) {
      const r = row[g.groupOf[k] as number] as number;
      if (r < 0) continue;
      const base = r * BINS;
      for (let j = at[i] as number, end = at[i + 1] as number; j < end; j++) {
        const b = base + ((((list[j] as number) - span.min) * span.scale) | 0);
        bins[b] = (bins[b] as number) + 1;
      }
    }
  }
  const found = narrowLarge(q, g, field, count, row, bins, span, pct);
  if (!q.hints) return;
  const edge = (b: number) => (span.scale === 0 ? span.min : span.min + b / span.scale);
  groups.forEach((gi, r) => {
    const n = count[gi] as number;
    const w = new Float64Array(4);
    [50, 90].forEach((p, x) => {
      const [lo, hi] = windowBins(
        bins,
        r,
        found.bin[r * 2 + x] as number,
        found.below[r * 2 + x] as number,
        rankIndex(n, p),
        n,
      );
      // Narrowed to the margin at once where the rank's bin holds it, else out to the bins around.
      const b = r * 2 + x;
      const tight = withinWindow(
        found.gathered[b] as Float64Array,
        n,
        p,
        found.below[b] as number,
        edge(lo),
        edge(hi + 1),
      );
      w[x * 2] = tight?.[1] ?? edge(lo);
      w[x * 2 + 1] = tight?.[2] ?? edge(hi + 1);
    });
    q.hints?.set(hintKey(q, g, gi, field), w);
  });
}

/**
 * The bins around a rank's bin that hold at least a margin of ranks on either side of it — the
 * ranks a few more packs (or a range an hour later) move it by — as [first, last] bin.
 */
function windowBins(bins: Int32Array, r: number, b: number, below: number, rank: number, n: number): [number, number] {
  const margin = marginOf(n);
  const base = r * BINS;
  let lo = b;
  let under = below;
  while (rank - under < margin && lo > 0) under -= bins[base + --lo] as number;
  let hi = b;
  let upTo = below + (bins[base + b] as number);
  while (upTo - rank <= margin && hi < BINS - 1) upTo += bins[base + ++hi] as number;
  return [lo, hi];
}

/**
 * The two bins of each large group that hold its p50 and p90, gathered and selected; per group and
 * rank, the bin found, the values below it and those in it.
 */
function narrowLarge(
  q: ColumnQuery,
  g: Grouping,
  field: number,
  count: Int32Array,
  row: Int32Array,
  bins: Int32Array,
  span: Span,
  pct: Float64Array,
): { bin: Int32Array; below: Int32Array; gathered: Float64Array[] } {
  const large = bins.length / BINS;
  const want = new Int32Array(large * 2);
  const below = new Int32Array(large * 2);
  const gathered: Float64Array[] = [];
  const filled = new Int32Array(large * 2);
  for (let gi = 0; gi < g.count; gi++) {
    const r = row[gi] as number;
    if (r < 0) continue;
    const n = count[gi] as number;
    const ranks = [rankIndex(n, 50), rankIndex(n, 90)];
    for (let x = 0; x < 2; x++) {
      let seen = 0;
      let b = 0;
      for (; b < BINS; b++) {
        const next = seen + (bins[r * BINS + b] as number);
        if ((ranks[x] as number) < next) break;
        seen = next;
      }
      want[r * 2 + x] = b;
      below[r * 2 + x] = seen;
      const shared = x === 1 && b === want[r * 2];
      gathered[r * 2 + x] = shared ? (gathered[r * 2] as Float64Array) : new Float64Array(bins[r * BINS + b] as number);
    }
  }
  let k = 0;
  for (const { cols, lo, hi } of q.parts) {
    const at = cols.sampleStart[field] as Int32Array;
    const list = cols.samples[field] as Float64Array;
    for (let i = lo; i < hi; i++, k++) {
      const r = row[g.groupOf[k] as number] as number;
      if (r < 0) continue;
      const b50 = want[r * 2] as number;
      const b90 = want[r * 2 + 1] as number;
      for (let j = at[i] as number, end = at[i + 1] as number; j < end; j++) {
        const v = list[j] as number;
        const b = ((v - span.min) * span.scale) | 0;
        // Both ranks in one bin: the p50 list serves both (selection keeps the multiset).
        const x = b === b50 ? 0 : b === b90 ? 1 : -1;
        if (x < 0) continue;
        const w = filled[r * 2 + x] as number;
        (gathered[r * 2 + x] as Float64Array)[w] = v;
        filled[r * 2 + x] = w + 1;
      }
    }
  }
  for (let gi = 0; gi < g.count; gi++) {
    const r = row[gi] as number;
    if (r < 0) continue;
    const n = count[gi] as number;
    const at = gi * 6 + field * 2;
    pct[at] = select(gathered[r * 2] as Float64Array, rankIndex(n, 50) - (below[r * 2] as number));
    pct[at + 1] = select(gathered[r * 2 + 1] as Float64Array, rankIndex(n, 90) - (below[r * 2 + 1] as number));
  }
  return { bin: want, below, gathered };
}

/** One query's cells and what every grouping of it shares. */
export interface ColumnQuery {
  parts: readonly ColumnRange[];
  names: Names;
  ctx: RollupContext;
  /** Instances of the query per shift key id (a key is "start:end"; two shifts may share one). */
  byKey: ReadonlyMap<number, number[]>;
  /** Per duration kind, found when a large group first needs it. */
  spans: (Span | undefined)[];
  /** Pairs of (group, subject, instance) up to this many are told apart by a byte each. */
  bytemapMax: number;
  /** Large groups' percentile windows, kept by the caller from one query to the next. */
  hints: PercentileHints | undefined;
  /**
   * The shift settings (zone and shifts) the query's shift instances come from; with it, whole-run
   * groups are kept with their columns (runMemos). Without it, nothing is.
   */
  settingsKey: string | undefined;
}

export interface ColumnQueryOptions {
  hints?: PercentileHints;
  settingsKey?: string;
  bytemapMax?: number;
}

export function columnQuery(
  parts: readonly ColumnRange[],
  names: Names,
  ctx: RollupContext,
  { hints, settingsKey, bytemapMax = 1 << 24 }: ColumnQueryOptions = {},
): ColumnQuery {
  const byKey = new Map<number, number[]>();
  ctx.instances.forEach((inst, j) => {
    const id = names.id(`${inst.start}:${inst.end}`);
    const list = byKey.get(id);
    if (list) list.push(j);
    else byKey.set(id, [j]);
  });
  return { parts, names, ctx, byKey, spans: [], bytemapMax, hints, settingsKey };
}

/** The instances a cell's shift mark stands for. */
function instancesOf(q: ColumnQuery, cols: CellColumns, mark: number, one: number[]): readonly number[] {
  if (!cols.shiftIndices) return q.byKey.get(mark) ?? [];
  one[0] = mark;
  return one;
}

/** True when every group's cells are adjacent in part order (an hour's group: cells sorted by hour). */
function adjacentGroups(g: Grouping): boolean {
  const met = new Uint8Array(g.count);
  for (let k = 0; k < g.groupOf.length; k++) {
    const gi = g.groupOf[k] as number;
    if (k > 0 && g.groupOf[k - 1] === gi) continue;
    if (met[gi] === 1) return false;
    met[gi] = 1;
  }
  return true;
}

/**
 * shiftMs of rollup.ts for every group at once: each (group, subject, instance) some cell's event
 * touched counts once, clipped to the range and to the group's restriction. Telling the first
 * sight of a pair apart is most of the work over a year's ~10⁵ marks: a byte per pair when the
 * pairs are few, a last-group stamp per (subject, instance) when groups are runs of cells, and a
 * sort of the pairs otherwise.
 */
function groupShiftMs(q: ColumnQuery, g: Grouping, known: Uint8Array): Float64Array {
  const { parts, names, ctx } = q;
  const out = new Float64Array(g.count);
  const n = ctx.instances.length;
  if (n === 0 || g.count === 0) return out;
  const packerSubject = g.by.includes('packer');
  const subjectDim: StatsDimension = packerSubject ? 'packer' : 'station';
  const byLayout = g.by.includes('layout');
  // A packer's claim under a layout counts the stations behind it; a station's is that station.
  if (byLayout && packerSubject) return sortedPairsShiftMs(q, g);
  const subjectOf = new Int32Array(names.size).fill(-1);
  const subjectNames: string[] = [];
  for (const { cols, lo, hi } of parts) {
    const col = cols.dims[subjectDim];
    for (let i = lo; i < hi; i++) {
      const id = col[i] as number;
      if (subjectOf[id] === -1) {
        subjectOf[id] = subjectNames.length;
        subjectNames.push(names.values[id] as string);
      }
    }
  }
  const subjects = subjectNames.length;
  // Made when a group first claims time (a kept group never does).
  const restrictions: (Restriction | undefined)[] = [];
  const stationSets = subjectNames.map((name) => new Set([name]));
  const bytes = g.count * subjects * n <= q.bytemapMax;
  if (!bytes && !adjacentGroups(g)) return sortedPairsShiftMs(q, g);
  const seen = bytes ? new Uint8Array(g.count * subjects * n) : new Int32Array(subjects * n);
  const one: number[] = [0];
  let k = 0;
  for (const { cols, lo, hi } of parts) {
    const col = cols.dims[subjectDim];
    for (let i = lo; i < hi; i++, k++) {
      const gi = g.groupOf[k] as number;
      if (known[gi] === 1) continue;
      const sj = subjectOf[col[i] as number] as number;
      const base = bytes ? (gi * subjects + sj) * n : sj * n;
      const mark = bytes ? 1 : gi + 1;
      for (let s = cols.shiftStart[i] as number, end = cols.shiftStart[i + 1] as number; s < end; s++) {
        for (const j of instancesOf(q, cols, cols.shifts[s] as number, one)) {
          if (seen[base + j] === mark) continue;
          seen[base + j] = mark;
          const inst = ctx.instances[j];
          if (!inst) continue;
          const r = (restrictions[gi] ??= restrictionOf(q, g, gi));
          out[gi] =
            (out[gi] as number) +
            restrictedMs(
              Math.max(inst.start, ctx.from),
              Math.min(inst.end, ctx.to),
              byLayout ? { ...r, stations: stationSets[sj] as Set<string> } : r,
              ctx,
            );
        }
      }
    }
  }
  return out;
}

/** The group's hour, day and layout restriction (stations filled in by the caller when needed). */
function restrictionOf(q: ColumnQuery, g: Grouping, gi: number): Restriction {
  const valueOf = (d: StatsDimension): string | undefined => {
    const x = g.by.indexOf(d);
    return x < 0 ? undefined : q.names.values[(g.values[gi] as number[])[x] as number];
  };
  return { hour: valueOf('hour'), day: valueOf('day'), layout: valueOf('layout'), stations: NO_STATIONS };
}

/** groupShiftMs by sorting every (group, subject, instance) pair, with the stations behind each. */
function sortedPairsShiftMs(q: ColumnQuery, g: Grouping): Float64Array {
  const { parts, names, ctx } = q;
  const out = new Float64Array(g.count);
  const n = ctx.instances.length;
  const subjectDim: StatsDimension = g.by.includes('packer') ? 'packer' : 'station';
  const byLayout = g.by.includes('layout');
  // (group, subject, instance) as one number: group × span + subject × n + instance.
  const span = names.size * n;
  const stationsOf = new Map<number, Set<number>>();
  const keys: number[] = [];
  const one: number[] = [0];
  let k = 0;
  for (const { cols, lo, hi } of parts) {
    const subjects = cols.dims[subjectDim];
    const stations = cols.dims.station;
    for (let i = lo; i < hi; i++, k++) {
      const base = (g.groupOf[k] as number) * span + (subjects[i] as number) * n;
      for (let s = cols.shiftStart[i] as number, end = cols.shiftStart[i + 1] as number; s < end; s++) {
        for (const j of instancesOf(q, cols, cols.shifts[s] as number, one)) {
          const key = base + j;
          keys.push(key);
          if (!byLayout) continue;
          let set = stationsOf.get(key);
          if (!set) stationsOf.set(key, (set = new Set()));
          set.add(stations[i] as number);
        }
      }
    }
  }
  const sorted = Float64Array.from(keys).sort();
  for (let x = 0; x < sorted.length; x++) {
    const key = sorted[x] as number;
    if (x > 0 && sorted[x - 1] === key) continue;
    const gi = Math.floor(key / span);
    const inst = ctx.instances[key % n];
    if (!inst) continue;
    const ids = stationsOf.get(key);
    const stations = ids ? new Set([...ids].map((id) => names.values[id] as string)) : NO_STATIONS;
    out[gi] =
      (out[gi] as number) +
      restrictedMs(
        Math.max(inst.start, ctx.from),
        Math.min(inst.end, ctx.to),
        { ...restrictionOf(q, g, gi), stations },
        ctx,
      );
  }
  return out;
}

const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

/**
 * Per group, the one whole run of one part it consists of (an hour's group nearly always), as
 * part and run index; part −1 otherwise.
 */
interface WholeRuns {
  part: Int32Array;
  run: Int32Array;
}

function wholeRuns(q: ColumnQuery, g: Grouping): WholeRuns {
  const part = new Int32Array(g.count).fill(-1);
  const run = new Int32Array(g.count);
  const cells = new Int32Array(g.count);
  const several = -2;
  let k = 0;
  q.parts.forEach(({ cols, lo, hi }, p) => {
    for (let i = lo; i < hi; i++, k++) {
      const gi = g.groupOf[k] as number;
      cells[gi] = (cells[gi] as number) + 1;
      const r = cols.runOf[i] as number;
      if (part[gi] === -1) {
        part[gi] = p;
        run[gi] = r;
      } else if (part[gi] !== p || run[gi] !== r) part[gi] = several;
    }
  });
  for (let gi = 0; gi < g.count; gi++) {
    const p = part[gi] as number;
    if (p < 0) {
      part[gi] = -1;
      continue;
    }
    const starts = (q.parts[p] as ColumnRange).cols.runStart;
    const r = run[gi] as number;
    if (cells[gi] !== (starts[r + 1] as number) - (starts[r] as number)) part[gi] = -1;
  }
  return { part, run };
}

/**
 * Percentiles of every group into pct (6 per group): a group that is one whole run reads them from
 * the run's memo when an earlier query found them, and leaves them there when it finds them now.
 */
function percentilesOf(q: ColumnQuery, g: Grouping, whole: WholeRuns): Float64Array {
  const pct = new Float64Array(g.count * 6);
  const { part, run } = whole;
  const known = new Uint8Array(g.count);
  for (let gi = 0; gi < g.count; gi++) {
    const p = part[gi] as number;
    if (p < 0) continue;
    const memo = (q.parts[p] as ColumnRange).cols.runPct;
    const at = (run[gi] as number) * 6;
    if (memo[at] === Infinity) continue;
    pct.set(memo.subarray(at, at + 6), gi * 6);
    known[gi] = 1;
  }
  for (let f = 0; f < SAMPLE_FIELDS.length; f++) groupPercentiles(q, g, f, pct, known);
  for (let gi = 0; gi < g.count; gi++) {
    const p = part[gi] as number;
    if (p < 0 || known[gi] === 1) continue;
    (q.parts[p] as ColumnRange).cols.runPct.set(pct.subarray(gi * 6, gi * 6 + 6), (run[gi] as number) * 6);
  }
  return pct;
}

/** Dimensions a kept run group may be grouped by: its hour's restriction, nothing else. */
const RUN_MEMO_DIMS: ReadonlySet<StatsDimension> = new Set(['hour', 'day']);

/** Where a group's figures are kept: its run's slot in a list of the columns' runGroups. */
interface RunMemo {
  list: (StatsGroup | undefined)[];
  run: number;
}

/**
 * Per group, its run's memo, or null. Only groupings by hour (and day) qualify, and only a group
 * that is one whole run of stored cells whose local hour has that one segment in the range: its
 * figures then depend on its cells and the shift settings alone — sums and percentiles of the run,
 * shift time within its hour — not on the range around it nor on layouts (the grouping has none).
 */
function runMemos(q: ColumnQuery, g: Grouping, whole: WholeRuns): (RunMemo | null)[] | null {
  if (q.settingsKey === undefined || !g.by.includes('hour') || g.by.some((d) => !RUN_MEMO_DIMS.has(d))) return null;
  const hourAt = g.by.indexOf('hour');
  const slot = `${g.by.join(',')}|${q.settingsKey}`;
  const lists = new Map<CellColumns, (StatsGroup | undefined)[]>();
  const listOf = (cols: CellColumns) => {
    let list = lists.get(cols) ?? cols.runGroups.get(slot);
    if (!list) cols.runGroups.set(slot, (list = []));
    lists.set(cols, list);
    return list;
  };
  return g.values.map((ids, gi) => {
    const p = whole.part[gi] as number;
    if (p < 0) return null;
    const cols = (q.parts[p] as ColumnRange).cols;
    const run = whole.run[gi] as number;
    const segs = hourSegments(q.names.values[ids[hourAt] as number] as string, q.ctx);
    if (cols.shiftIndices || segs.length !== 2 || segs[0] !== cols.hourAt[cols.runStart[run] as number]) return null;
    return { list: listOf(cols), run };
  });
}

/** The groups of `by` over the query's cells, sorted by their values as groupCells sorts them. */
export function groupColumns(q: ColumnQuery, by: readonly StatsDimension[]): StatsGroup[] {
  const g = assignGroups(q.parts, by, q.names);
  const whole = wholeRuns(q, g);
  const memos = runMemos(q, g, whole);
  const kept = (gi: number): StatsGroup | undefined => {
    const m = memos?.[gi];
    return m ? m.list[m.run] : undefined;
  };
  const known = new Uint8Array(g.count);
  for (let gi = 0; gi < g.count; gi++) if (kept(gi)) known[gi] = 1;
  const sums = groupSums(q.parts, g);
  const shifts = groupShiftMs(q, g, known);
  const pct = percentilesOf(q, g, whole);
  const text = g.values.map((ids) => ids.map((id) => q.names.values[id] as string));
  const order = text.map((_, i) => i);
  const before = (a: number, b: number) => compareValues(text[a] as string[], text[b] as string[]);
  // Hours come in order already (cells sort by hour): sorted only when they do not.
  if (order.some((gi, i) => i > 0 && before(gi - 1, gi) > 0)) order.sort(before);
  return order.map((gi) => {
    const found = kept(gi);
    if (found) return found;
    const key: StatsGroup['key'] = {};
    by.forEach((d, i) => (key[d] = (text[gi] as string[])[i]));
    const s = new Sums();
    SUM_FIELDS.forEach((f, x) => (s[f] = sums[gi * SUM_COUNT + x] as number));
    const p = (x: number) => orNull(pct[gi * 6 + x] as number);
    const group = { key, figures: figuresOf(s, shifts[gi] as number, [p(0), p(1), p(2), p(3), p(4), p(5)]) };
    const m = memos?.[gi];
    if (m) {
      m.list[m.run] = group;
      markKept(group);
    }
    return group;
  });
}

/** totalFigures over columns: the one group of no dimension, or empty figures when there is no cell. */
export function totalOfColumns(q: ColumnQuery): Figures {
  return groupColumns(q, [])[0]?.figures ?? figuresOf(new Sums(), 0, NO_PERCENTILES);
}
