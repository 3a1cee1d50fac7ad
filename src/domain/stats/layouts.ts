// Which workstation layout each station had when. Layout is a group dimension of its own because the
// supervisor compares U-shaped, island and straight benches (DESIGN §4), and a station can be rebuilt.
import type { LayoutPeriod } from '../../contract/stats.js';

/** A station with no layout on record is grouped under this layout. */
export const UNKNOWN_LAYOUT = 'unknown';

interface Timeline {
  from: number[];
  layout: string[];
}

const NONE: Timeline = { from: [], layout: [] };

export class LayoutTimelines {
  private readonly byStation = new Map<string, Timeline>();

  constructor(periods: readonly LayoutPeriod[] = []) {
    // Stable sort: two periods starting together → the one given last is "latest" and wins.
    const sorted = [...periods].sort((a, b) => a.from - b.from);
    for (const p of sorted) {
      let t = this.byStation.get(p.stationId);
      if (!t) {
        t = { from: [], layout: [] };
        this.byStation.set(p.stationId, t);
      }
      t.from.push(p.from);
      t.layout.push(p.layout);
    }
  }

  private timeline(stationId: string): Timeline {
    return this.byStation.get(stationId) ?? NONE;
  }

  /**
   * Index of the latest period with from ≤ t. Before the first period it is the first: a station is
   * registered with its layout, and work stamped earlier (packed before registering, or a desk clock
   * behind the hub's) was done at that same bench. -1 only for a station with no period.
   */
  private indexAt(t: Timeline, at: number): number {
    let lo = 0;
    let hi = t.from.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((t.from[mid] ?? 0) <= at) lo = mid + 1;
      else hi = mid;
    }
    if (t.from.length === 0) return -1;
    if (lo > 0) return lo - 1;
    // Before the first period: the first, or the last of several given for that same instant.
    let first = 0;
    while (first + 1 < t.from.length && t.from[first + 1] === t.from[0]) first++;
    return first;
  }

  layoutAt(stationId: string, at: number): string {
    const t = this.timeline(stationId);
    return t.layout[this.indexAt(t, at)] ?? UNKNOWN_LAYOUT;
  }

  /** The first instant after `at` at which the station's layout may change (Infinity if never). */
  nextChange(stationId: string, at: number): number {
    const t = this.timeline(stationId);
    return t.from[this.indexAt(t, at) + 1] ?? Number.POSITIVE_INFINITY;
  }

  /** The instant the period in force at `at` began; -Infinity for the first period (see indexAt). */
  periodStart(stationId: string, at: number): number {
    const t = this.timeline(stationId);
    const i = this.indexAt(t, at);
    return i <= 0 ? Number.NEGATIVE_INFINITY : (t.from[i] ?? Number.NEGATIVE_INFINITY);
  }
}
