// groupCells and totalFigures (rollup.ts) over cells as columns (columns.ts), with the same
// definitions: sums add up, shift time is claimed per subject and shift instance under the group's
// restriction (restrictedMs, shared), percentiles are nearest-rank over the group's durations. What
// differs is the bookkeeping: group numbers in typed arrays instead of objects and maps of cells,
// and each group's durations gathered by one counting pass instead of a copy per cell and group.
import type { Figures, StatsDimension, StatsGroup } from '../../contract/stats.js';
import { SAMPLE_FIELDS, SUM_COUNT, type CellColumns, type ColumnRange, type Names } from './columns.js';
import { NO_PERCENTILES, Sums, figuresOf, p50p90Within, rankIndex } from './figures.js';
import { select } from './select.js';
import { SUM_FIELDS } from './stored-cell.js';
import { NO_STATIONS, compareValues, restrictedMs, type Restriction, type RollupContext } from './rollup.js';

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
  let k = 0;
  for (const { cols, lo, hi } of parts) {
    const sums = cols.sums;
    for (let i = lo; i < hi; i++, k++) {
      const a = (g.groupOf[k] as number) * SUM_COUNT;
      const b = i * SUM_COUNT;
      for (let f = 0; f < SUM_COUNT; f++) acc[a + f] = (acc[a + f] as number) + (sums[b + f] as number);
    }
  }
  return acc;
}

/** Above this many durations a group's percentiles are narrowed by histogram instead of copied. */
const LARGE = 8192;
const BINS = 4096;

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
 * Each group's p50 and p90 of one duration kind, nearest-rank, into pct[g × 6 + field × 2 …]
 * (NaN: no duration). A small group's durations are copied together and selected; a large one's
 * are counted into bins first — monotonic, so the k-th smallest of all is the (k − below)-th of
 * its bin — and only the two bins holding the ranks are gathered and selected.
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
  // Small groups: a segment each in the scratch buffer. Large: a row of bins each.
  const offset = new Int32Array(g.count + 1);
  const row = new Int32Array(g.count).fill(-1);
  let large = 0;
  for (let gi = 0; gi < g.count; gi++) {
    const n = count[gi] as number;
    const small = n <= LARGE;
    offset[gi + 1] = (offset[gi] as number) + (small ? n : 0);
    if (!small) row[gi] = large++;
  }
  const values = q.ctx.scratch.take(offset[g.count] as number);
  const next = offset.slice(0, g.count);
  const span = large > 0 ? (q.spans[field] ??= spanOf(parts, field)) : { min: 0, scale: 0 };
  const bins = new Int32Array(large * BINS);
  k = 0;
  for (const { cols, lo, hi } of parts) {
    const at = cols.sampleStart[field] as Int32Array;
    const list = cols.samples[field] as Float64Array;
    for (let i = lo; i < hi; i++, k++) {
      const gi = g.groupOf[k] as number;
      if (known[gi] === 1) continue;
      const r = row[gi] as number;
      if (r < 0) {
        let w = next[gi] as number;
        for (let j = at[i] as number, end = at[i + 1] as number; j < end; j++) values[w++] = list[j] as number;
        next[gi] = w;
      } else {
        const base = r * BINS;
        for (let j = at[i] as number, end = at[i + 1] as number; j < end; j++) {
          const b = base + ((((list[j] as number) - span.min) * span.scale) | 0);
          bins[b] = (bins[b] as number) + 1;
        }
      }
    }
  }
  for (let gi = 0; gi < g.count; gi++) {
    if (known[gi] === 1) continue;
    const n = count[gi] as number;
    const at = gi * 6 + field * 2;
    if (n === 0) {
      pct[at] = pct[at + 1] = NaN;
    } else if ((row[gi] as number) < 0) {
      [pct[at], pct[at + 1]] = p50p90Within(values, offset[gi] as number, n);
    }
  }
  if (large > 0) narrowLarge(q, g, field, count, row, bins, span, pct);
}

/** The two bins of each large group that hold its p50 and p90, gathered and selected. */
function narrowLarge(
  q: ColumnQuery,
  g: Grouping,
  field: number,
  count: Int32Array,
  row: Int32Array,
  bins: Int32Array,
  span: Span,
  pct: Float64Array,
): void {
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
}

export function columnQuery(
  parts: readonly ColumnRange[],
  names: Names,
  ctx: RollupContext,
  bytemapMax = 1 << 24,
): ColumnQuery {
  const byKey = new Map<number, number[]>();
  ctx.instances.forEach((inst, j) => {
    const id = names.id(`${inst.start}:${inst.end}`);
    const list = byKey.get(id);
    if (list) list.push(j);
    else byKey.set(id, [j]);
  });
  return { parts, names, ctx, byKey, spans: [], bytemapMax };
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
function groupShiftMs(q: ColumnQuery, g: Grouping): Float64Array {
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
  const restrictions = g.values.map((_, gi) => restrictionOf(q, g, gi));
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
      const sj = subjectOf[col[i] as number] as number;
      const base = bytes ? (gi * subjects + sj) * n : sj * n;
      const mark = bytes ? 1 : gi + 1;
      for (let s = cols.shiftStart[i] as number, end = cols.shiftStart[i + 1] as number; s < end; s++) {
        for (const j of instancesOf(q, cols, cols.shifts[s] as number, one)) {
          if (seen[base + j] === mark) continue;
          seen[base + j] = mark;
          const inst = ctx.instances[j];
          if (!inst) continue;
          const r = restrictions[gi] as Restriction;
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
function wholeRuns(q: ColumnQuery, g: Grouping): { part: Int32Array; run: Int32Array } {
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
function percentilesOf(q: ColumnQuery, g: Grouping): Float64Array {
  const pct = new Float64Array(g.count * 6);
  const { part, run } = wholeRuns(q, g);
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

/** The groups of `by` over the query's cells, sorted by their values as groupCells sorts them. */
export function groupColumns(q: ColumnQuery, by: readonly StatsDimension[]): StatsGroup[] {
  const g = assignGroups(q.parts, by, q.names);
  const sums = groupSums(q.parts, g);
  const shifts = groupShiftMs(q, g);
  const pct = percentilesOf(q, g);
  const text = g.values.map((ids) => ids.map((id) => q.names.values[id] as string));
  const order = text.map((_, i) => i).sort((a, b) => compareValues(text[a] as string[], text[b] as string[]));
  return order.map((gi) => {
    const key: StatsGroup['key'] = {};
    by.forEach((d, i) => (key[d] = (text[gi] as string[])[i]));
    const s = new Sums();
    SUM_FIELDS.forEach((f, x) => (s[f] = sums[gi * SUM_COUNT + x] as number));
    const p = (x: number) => orNull(pct[gi * 6 + x] as number);
    return { key, figures: figuresOf(s, shifts[gi] as number, [p(0), p(1), p(2), p(3), p(4), p(5)]) };
  });
}

/** totalFigures over columns: the one group of no dimension, or empty figures when there is no cell. */
export function totalOfColumns(q: ColumnQuery): Figures {
  return groupColumns(q, [])[0]?.figures ?? figuresOf(new Sums(), 0, NO_PERCENTILES);
}
