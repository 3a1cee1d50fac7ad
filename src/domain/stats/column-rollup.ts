// groupCells and totalFigures (rollup.ts) over cells as columns (columns.ts), with the same
// definitions: sums add up, shift time is claimed per subject and shift instance under the group's
// restriction (restrictedMs, shared), percentiles are nearest-rank over the group's durations
// (column-percentiles.ts). What differs is the bookkeeping: group numbers in typed arrays instead of
// objects and maps of cells, sums kept per block and dimension value, and an hour's whole group kept
// with its run (runMemos).
import type { Figures, StatsDimension, StatsGroup } from '../../contract/stats.js';
import { SAMPLE_FIELDS, SUM_COUNT, type CellColumns, type ColumnRange, type DimSums, type Names } from './columns.js';
import type { ColumnQuery, Grouping } from './column-query.js';
import { groupPercentiles } from './column-percentiles.js';
import { NO_PERCENTILES, Sums, figuresOf } from './figures.js';
import { markKept } from './kept.js';
import { SUM_FIELDS } from './stored-cell.js';
import { NO_STATIONS, compareValues, hourSegments, restrictedMs, type Restriction } from './rollup.js';

export { columnQuery, type ColumnQuery, type ColumnQueryOptions } from './column-query.js';

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
      const { ids, sums } = blockSums(cols, d);
      for (let x = 0; x < ids.length; x++) {
        const a = (groupOfId.get(ids[x] as number) as number) * SUM_COUNT;
        const b = x * SUM_COUNT;
        for (let f = 0; f < SUM_COUNT; f++) acc[a + f] = (acc[a + f] as number) + (sums[b + f] as number);
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
function blockSums(cols: CellColumns, d: StatsDimension | ''): DimSums {
  const kept = cols.dimSums.get(d);
  if (kept) return kept;
  const rowOf = new Map<number, number>();
  const rows: number[] = [];
  for (let i = 0; i < cols.n; i++) {
    const id = d === '' ? -1 : (cols.dims[d][i] as number);
    let row = rowOf.get(id);
    if (row === undefined) rowOf.set(id, (row = rowOf.size));
    rows.push(row);
  }
  const out = { ids: Int32Array.from(rowOf.keys()), sums: new Float64Array(rowOf.size * SUM_COUNT) };
  for (let i = 0; i < cols.n; i++) {
    const a = (rows[i] as number) * SUM_COUNT;
    for (let f = 0; f < SUM_COUNT; f++)
      out.sums[a + f] = (out.sums[a + f] as number) + (cols.sums[i * SUM_COUNT + f] as number);
  }
  cols.dimSums.set(d, out);
  return out;
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
