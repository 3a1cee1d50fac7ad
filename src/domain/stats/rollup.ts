// From cells to groups. Sums add up; shift time does not (two packers at one station share one shift
// instance), so it is recomputed per group from the shift instances its cells touched.
import type { StatsDimension, StatsGroup } from '../../contract/stats.js';
import { Sums, toFigures, type Cell, type Scratch } from './figures.js';
import type { LayoutTimelines } from './layouts.js';
import type { LocalHourCursor } from './local-time.js';
import type { ShiftInstance } from './shifts.js';

/** What a roll-up needs besides the cells: the shift instances, the range and the zone's hours. */
export interface RollupContext {
  instances: readonly ShiftInstance[];
  from: number;
  to: number;
  cursor: LocalHourCursor;
  layouts: LayoutTimelines;
  scratch: Scratch;
  /** Memo of hourSegments(): each local hour key's segments inside [from, to). */
  hourIndex?: Map<string, number[]>;
}

/** What part of a shift instance a group may claim: its hour or day bucket, its layout. */
export interface Restriction {
  hour: string | undefined;
  day: string | undefined;
  layout: string | undefined;
  /** Stations whose layout periods count (the subject's stations within the group). */
  stations: ReadonlySet<string>;
}

export const NO_STATIONS: ReadonlySet<string> = new Set();

/**
 * The segments of [from, to) whose local hour is `hour`, as flat [start, end) pairs. A year grouped
 * by hour has ~9,000 groups each claiming parts of shift instances: walking every instance hour by
 * hour to find its one matching hour costs millions of look-ups, the index one walk of the range.
 */
export function hourSegments(hour: string, ctx: RollupContext): readonly number[] {
  if (!ctx.hourIndex) {
    const index = new Map<string, number[]>();
    for (let t = ctx.from; t < ctx.to;) {
      ctx.cursor.seek(t);
      const end = Math.min(ctx.cursor.to, ctx.to);
      const list = index.get(ctx.cursor.hourKey);
      if (list) list.push(t, end);
      else index.set(ctx.cursor.hourKey, [t, end]);
      t = end;
    }
    ctx.hourIndex = index;
  }
  return ctx.hourIndex.get(hour) ?? [];
}

/** Length of [a, b) that lies in the restriction, walking local hours and layout changes. */
export function restrictedMs(a: number, b: number, r: Restriction, ctx: RollupContext): number {
  if (r.hour === undefined && r.day === undefined && r.layout === undefined) return Math.max(0, b - a);
  if (r.hour !== undefined && a >= ctx.from && b <= ctx.to) {
    // Only the hour's own segments can count: walk those alone.
    const segs = hourSegments(r.hour, ctx);
    let sum = 0;
    for (let i = 0; i < segs.length; i += 2) {
      const x = Math.max(a, segs[i] as number);
      const y = Math.min(b, segs[i + 1] as number);
      if (x < y) sum += walkMs(x, y, r, ctx);
    }
    return sum;
  }
  return walkMs(a, b, r, ctx);
}

function walkMs(a: number, b: number, r: Restriction, ctx: RollupContext): number {
  let sum = 0;
  for (let t = a; t < b;) {
    let end = b;
    let ok = true;
    if (r.hour !== undefined || r.day !== undefined) {
      ctx.cursor.seek(t);
      end = Math.min(end, ctx.cursor.to);
      ok =
        (r.hour === undefined || ctx.cursor.hourKey === r.hour) && (r.day === undefined || ctx.cursor.dayKey === r.day);
    }
    if (r.layout !== undefined) {
      // A packer who moved between two stations of this layout during the shift counts the union.
      let any = false;
      for (const s of r.stations) {
        if (ctx.layouts.layoutAt(s, t) === r.layout) any = true;
        end = Math.min(end, ctx.layouts.nextChange(s, t));
      }
      ok &&= any;
    }
    if (ok) sum += end - t;
    t = end;
  }
  return sum;
}

/**
 * Shift time of a set of cells: for each subject (packer if `packerSubject`, else station) and each
 * shift instance in which the subject has an event in these cells, the instance clipped to the range
 * and to the restriction.
 */
function shiftMs(
  cells: readonly Cell[],
  packerSubject: boolean,
  r: Omit<Restriction, 'stations'>,
  ctx: RollupContext,
): number {
  // Integer keys (subject number × instances + instance): a year's roll-up meets this per cell.
  const n = ctx.instances.length;
  const subjects = new Map<string, number>();
  const touched = new Map<number, Set<string> | null>();
  const byLayout = r.layout !== undefined;
  for (const c of cells) {
    if (c.shifts.length === 0) continue;
    const subject = packerSubject ? c.packer : c.station;
    let sn = subjects.get(subject);
    if (sn === undefined) {
      sn = subjects.size;
      subjects.set(subject, sn);
    }
    for (const i of c.shifts) {
      const k = sn * n + i;
      // Only a layout restriction needs the subject's stations.
      if (!byLayout) touched.set(k, null);
      else {
        let stations = touched.get(k);
        if (!stations) touched.set(k, (stations = new Set()));
        stations.add(c.station);
      }
    }
  }
  let sum = 0;
  for (const [k, stations] of touched) {
    const inst = ctx.instances[k % n];
    if (!inst) continue;
    sum += restrictedMs(
      Math.max(inst.start, ctx.from),
      Math.min(inst.end, ctx.to),
      { ...r, stations: stations ?? NO_STATIONS },
      ctx,
    );
  }
  return sum;
}

/** The whole range: station subjects, no restriction. */
export function totalFigures(cells: readonly Cell[], ctx: RollupContext): StatsGroup['figures'] {
  const sums = new Sums();
  for (const c of cells) sums.add(c);
  return toFigures(
    sums,
    cells,
    shiftMs(cells, false, { hour: undefined, day: undefined, layout: undefined }, ctx),
    ctx.scratch,
  );
}

export function compareValues(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    // Code-unit order, not locale order: the same on every host, and 'YYYY-MM-DD HH' sorts by time.
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function groupCells(cells: readonly Cell[], by: readonly StatsDimension[], ctx: RollupContext): StatsGroup[] {
  const groups = new Map<string, { values: string[]; cells: Cell[] }>();
  const single = by.length === 1 ? (by[0] as StatsDimension) : undefined;
  for (const c of cells) {
    // One dimension (the common case) keys by its value: no array and no join per cell.
    const k = single !== undefined ? c[single] : by.map((d) => c[d]).join('\u0001');
    let g = groups.get(k);
    if (!g) {
      g = { values: by.map((d) => c[d]), cells: [] };
      groups.set(k, g);
    }
    g.cells.push(c);
  }
  const packerSubject = by.includes('packer');
  const sorted = [...groups.values()].sort((a, b) => compareValues(a.values, b.values));
  return sorted.map(({ values, cells: members }) => {
    const key: StatsGroup['key'] = {};
    by.forEach((d, i) => (key[d] = values[i]));
    const sums = new Sums();
    for (const c of members) sums.add(c);
    const restriction = {
      hour: by.includes('hour') ? key.hour : undefined,
      day: by.includes('day') ? key.day : undefined,
      layout: by.includes('layout') ? key.layout : undefined,
    };
    return { key, figures: toFigures(sums, members, shiftMs(members, packerSubject, restriction, ctx), ctx.scratch) };
  });
}
