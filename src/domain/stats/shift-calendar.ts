// Shift instances over all time, computed a month at a time and memoised: the cell fold asks for
// the instances around every event, and a rebuild walks a year of events in order.
import type { ShiftDef } from '../../contract/stats.js';
import { mergeInstances, shiftInstances, type ShiftInstance } from './shifts.js';

const CHUNK_MS = 32 * 86_400_000;
/** Months kept; a rebuild moves forward, a late event looks back a little. */
const KEEP = 24;

export class ShiftCalendar {
  private readonly chunks = new Map<number, ShiftInstance[]>();

  constructor(
    private readonly shifts: readonly ShiftDef[],
    private readonly timezone: string,
  ) {}

  /** Instances overlapping the chunk [c, c + CHUNK_MS). */
  private chunk(c: number): ShiftInstance[] {
    let list = this.chunks.get(c);
    if (!list) {
      if (this.chunks.size >= KEEP) this.chunks.clear();
      list = shiftInstances(this.shifts, c, c + CHUNK_MS, this.timezone);
      this.chunks.set(c, list);
    }
    return list;
  }

  /** Every instance with start ≤ t < end (an instance given twice in the config appears twice). */
  containing(t: number): ShiftInstance[] {
    if (this.shifts.length === 0) return [];
    return this.chunk(Math.floor(t / CHUNK_MS) * CHUNK_MS).filter((i) => i.start <= t && t < i.end);
  }

  /** The union of the instances overlapping [a, b), as disjoint intervals, ascending. */
  union(a: number, b: number): { start: number; end: number }[] {
    if (this.shifts.length === 0 || !(b > a)) return [];
    const all: ShiftInstance[] = [];
    for (let c = Math.floor(a / CHUNK_MS) * CHUNK_MS; c < b; c += CHUNK_MS) {
      for (const i of this.chunk(c)) if (i.start < b && i.end > a) all.push(i);
    }
    return mergeInstances(all);
  }
}
