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
}

/** What part of a shift instance a group may claim: its hour or day bucket, its layout. */
interface Restriction {
  hour: string | undefined;
  day: string | undefined;
  layout: string | undefined;
  /** Stations whose layout periods count (the subject's stations within the group). */
  stations: ReadonlySet<string>;
}

/** Length of [a, b) that lies in the restriction, walking local hours and layout changes. */
function restrictedMs(a: number, b: number, r: Restriction, ctx: RollupContext): number {
  if (r.hour === undefined && r.day === undefined && r.layout === undefined) return Math.max(0, b - a);
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
  const touched = new Map<string, { instance: number; stations: Set<string> }>();
  for (const c of cells) {
    for (const i of c.shifts) {
      const k = `${packerSubject ? c.packer : c.station}\u0001${i}`;
      let t = touched.get(k);
      if (!t) {
        t = { instance: i, stations: new Set() };
        touched.set(k, t);
      }
      t.stations.add(c.station);
    }
  }
  let sum = 0;
  for (const { instance, stations } of touched.values()) {
    const inst = ctx.instances[instance];
    if (!inst) continue;
    sum += restrictedMs(Math.max(inst.start, ctx.from), Math.min(inst.end, ctx.to), { ...r, stations }, ctx);
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

function compareValues(a: readonly string[], b: readonly string[]): number {
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
  for (const c of cells) {
    const values = by.map((d) => c[d]);
    const k = values.join('\u0001');
    let g = groups.get(k);
    if (!g) {
      g = { values, cells: [] };
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
