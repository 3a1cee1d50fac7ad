// Duration percentiles (p50, p90; nearest-rank) of every group of a grouping over cells as columns:
// small groups by selection over their copied durations, large ones by histogram, then — once a
// query has found them — from value windows kept between queries (percentile-hints.ts).
import type { CellColumns, ColumnRange, NumberColumn, WindowCount } from './columns.js';
import type { ColumnQuery, Grouping, Span } from './column-query.js';
import { p50p90Within, rankIndex } from './figures.js';
import type { PercentileWindows } from './percentile-hints.js';
import { select } from './select.js';

/** Above this many durations a group's percentiles are narrowed instead of copied. */
const LARGE = 8192;
const BINS = 4096;
const HOUR_MS = 3_600_000;
/** A block keeps its share of a window only when that share holds at most this many values. */
const KEPT_INSIDE_MAX = 64;

function spanOf(parts: readonly ColumnRange[], field: number): Span {
  let min = Infinity;
  let max = -Infinity;
  for (const { cols, lo, hi } of parts) {
    const list = cols.samples[field] as NumberColumn;
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
export function groupPercentiles(
  q: ColumnQuery,
  g: Grouping,
  field: number,
  pct: Float64Array,
  known: Uint8Array,
): void {
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
      below[x * 2] = (below[x * 2] as number) + (c[0] as number);
      below[x * 2 + 1] = (below[x * 2 + 1] as number) + (c[1] as number);
      const split = 3 + (c[2] as number);
      const in50 = inside[x * 2] as number[];
      const in90 = inside[x * 2 + 1] as number[];
      for (let j = 3; j < split; j++) in50.push(c[j] as number);
      for (let j = split; j < c.length; j++) in90.push(c[j] as number);
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
    const list = cols.samples[field] as NumberColumn;
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
  const below = new Int32Array(windows.length * 2);
  const inside: number[][] = windows.flatMap(() => [[], []]);
  const at = cols.sampleStart[field] as Int32Array;
  const list = cols.samples[field] as NumberColumn;
  for (let i = lo, k = first; i < hi; i++, k++) {
    const x = windowOf[groupOf[k] as number] as number;
    if (x < 0) continue;
    // A cell's values are ascending (columns.ts): each window is a run, found by scanning to it.
    const w = windows[x] as PercentileWindows;
    const start = at[i] as number;
    const end = at[i + 1] as number;
    for (let r = 0; r < 2; r++) {
      const b = x * 2 + r;
      const under = gatherWindow(list, start, end, w[r * 2] as number, w[r * 2 + 1] as number, inside[b] as number[]);
      below[b] = (below[b] as number) + under;
    }
  }
  const counts = windows.map((_, x): WindowCount => {
    const in50 = inside[x * 2] as number[];
    return [
      below[x * 2] as number,
      below[x * 2 + 1] as number,
      in50.length,
      ...in50,
      ...(inside[x * 2 + 1] as number[]),
    ];
  });
  // Kept only for a window already narrowed to its margin (a few values a block): a window fresh from
  // the histogram is replaced by a narrower one on its first use, its counts with it.
  if (whole)
    counts.forEach((c, x) => {
      if (c.length - 3 <= KEPT_INSIDE_MAX) cols.windowCounts.set(windows[x] as PercentileWindows, c);
    });
  return counts;
}

/**
 * Of list[start … end) (ascending), the values within [lo, hi] pushed to `inside`; returns how many
 * lie below lo. Scanning sorted values keeps the branches predictable, where comparing values in
 * arbitrary order mispredicts about every other one.
 */
function gatherWindow(
  list: NumberColumn,
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
 * holding the ranks gathered and selected (withinWindow), which also gives each rank's window.
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
    const list = cols.samples[field] as NumberColumn;
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
  const found = gatherRankBins(q, g, field, count, row, bins, span);
  const edge = (b: number) => (span.scale === 0 ? span.min : span.min + b / span.scale);
  groups.forEach((gi, r) => {
    const n = count[gi] as number;
    const w = new Float64Array(4);
    [50, 90].forEach((p, x) => {
      const b = r * 2 + x;
      const [lo, hi] = windowBins(bins, r, found.bin[b] as number, found.below[b] as number, rankIndex(n, p), n);
      // The rank lies in its bin's values by construction: the percentile, and a window narrowed to
      // the margin where that bin holds it, else out to the bins around.
      const [value, from, to] = withinWindow(
        found.gathered[b] as Float64Array,
        n,
        p,
        found.below[b] as number,
        edge(lo),
        edge(hi + 1),
      ) as [number, number, number];
      pct[gi * 6 + field * 2 + x] = value;
      w[x * 2] = from;
      w[x * 2 + 1] = to;
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
 * The two bins of each large group that hold its p50 and p90, gathered: per group and rank, the bin
 * found, the values below it and those in it.
 */
function gatherRankBins(
  q: ColumnQuery,
  g: Grouping,
  field: number,
  count: Int32Array,
  row: Int32Array,
  bins: Int32Array,
  span: Span,
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
    const list = cols.samples[field] as NumberColumn;
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
  return { bin: want, below, gathered };
}
