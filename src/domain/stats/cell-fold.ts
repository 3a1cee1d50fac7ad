// The incremental form of the pass (pass.ts): events fold into stored cells — station × packer ×
// local-hour segment × layout — one at a time, in any order. Every contribution is a signed delta,
// so an event that arrives late (a station offline for a day) is folded exactly by taking back the
// gap it splits and adding its two halves: the stream's events before and after it stay as counted.
//
// A stream's state after its events up to an instant T is only (T, logout): the gap to the next
// event starts at T, and it is not counted when any event at T was a logout (pass.ts carries the
// logout across events stamped the same instant). Nothing else of the past matters to what follows.
import type { LayoutPeriod, ShiftDef, StatsEvent } from '../../contract/stats.js';
import { KIND, activityKind, countSums } from './counters.js';
import { Sums } from './figures.js';
import { LayoutTimelines } from './layouts.js';
import { LocalHourCursor } from './local-time.js';
import { NO_PACKER } from './pass.js';
import { ShiftCalendar } from './shift-calendar.js';

/** What cells depend on besides the events; a change of any of these means a rebuild. */
export interface FoldSettings {
  timezone: string;
  idleGapMs: number;
  shifts: readonly ShiftDef[];
}

/** One stored cell's change: counter deltas and the shift instances its events fell in. */
export class CellDelta extends Sums {
  /**
   * Activity events counted here. A cell the pass would not have — no event and no active or idle
   * time left after a late event split a gap — is one whose events, activeMs and idleMs are all 0.
   */
  events = 0;
  /** Shift instances ("start:end", epoch ms) in which the cell has an event. */
  readonly shifts = new Set<string>();

  constructor(
    readonly station: string,
    readonly packer: string,
    /** Start of the local-hour segment (local-time.ts): an hour split by a :30 offset is two. */
    readonly hourAt: number,
    readonly hour: string,
    readonly day: string,
    readonly layout: string,
  ) {
    super();
  }
}

/** A stream after its latest event: `at`, and whether an event stamped `at` was a logout. */
export interface StreamPoint {
  at: number;
  logout: boolean;
}

export function cellKey(station: string, packer: string, hourAt: number, layout: string): string {
  return `${station}\u0001${packer}\u0001${hourAt}\u0001${layout}`;
}

export class CellFold {
  readonly cells = new Map<string, CellDelta>();
  private readonly cursor: LocalHourCursor;
  private readonly layouts: LayoutTimelines;
  private readonly calendar: ShiftCalendar;
  /** Where the cell found last holds (same segment and layout), to skip look-ups. */
  private ctxEnd = 0;

  constructor(
    private readonly settings: FoldSettings,
    layouts: readonly LayoutPeriod[],
  ) {
    this.cursor = new LocalHourCursor(settings.timezone);
    this.layouts = new LayoutTimelines(layouts);
    this.calendar = new ShiftCalendar(settings.shifts, settings.timezone);
  }

  /** The cell of (station, packer) at `t`; `ctxEnd` is where its segment or layout period ends. */
  private cellAt(station: string, packer: string, t: number): CellDelta {
    const cursor = this.cursor;
    if (!(t >= cursor.from && t < cursor.to)) cursor.seek(t);
    const layout = this.layouts.layoutAt(station, t);
    this.ctxEnd = Math.min(cursor.to, this.layouts.nextChange(station, t));
    const key = cellKey(station, packer, cursor.from, layout);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = new CellDelta(station, packer, cursor.from, cursor.hourKey, cursor.dayKey, layout);
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** The cell an event of (station, packer) at `t` counts in (pack samples are placed by it). */
  cellOf(station: string, packer: string | null, t: number): CellDelta {
    return this.cellAt(station, packer ?? NO_PACKER, t);
  }

  /** Splits [a, b) at segment and layout boundaries and adds `sign`·length to each piece's cell. */
  private credit(station: string, packer: string, a: number, b: number, active: boolean, sign: number): void {
    for (let t = a; t < b;) {
      const cell = this.cellAt(station, packer, t);
      const end = this.ctxEnd < b ? this.ctxEnd : b;
      if (active) cell.activeMs += sign * (end - t);
      else cell.idleMs += sign * (end - t);
      t = end;
    }
  }

  /**
   * The gap from `prev` to `t` in the stream (pass.ts gap(), unclipped): none after a logout,
   * active up to idleGapMs, else one idle gap in the previous event's cell whose idle time is the
   * part inside shift instances.
   */
  gap(station: string, packer: string, prev: StreamPoint, t: number, sign: 1 | -1): void {
    if (prev.logout) return;
    if (t - prev.at <= this.settings.idleGapMs) {
      if (prev.at < t) this.credit(station, packer, prev.at, t, true, sign);
      return;
    }
    this.cellAt(station, packer, prev.at).idleGaps += sign;
    for (const iv of this.calendar.union(prev.at, t)) {
      const a = Math.max(prev.at, iv.start);
      const b = Math.min(t, iv.end);
      if (a < b) this.credit(station, packer, a, b, false, sign);
    }
  }

  /**
   * Folds one activity event of its stream. `prev` is the stream just before it (null: its first
   * event); `next` is the instant of the stream's first later event when this one arrived late
   * (null when it is the latest). Returns the stream's point after the event, or null when the
   * event is not a packer's activity (it changes nothing).
   */
  event(e: StatsEvent, prev: StreamPoint | null, next: number | null): StreamPoint | null {
    const kind = activityKind(e.type);
    if (kind === undefined) return null;
    const packer = e.packerId ?? NO_PACKER;
    const logout = kind === KIND['packer.logout'] || (prev !== null && prev.logout && prev.at === e.at);
    const point = { at: e.at, logout };
    if (next !== null) {
      if (prev !== null) this.gap(e.stationId, packer, prev, next, -1);
      this.gap(e.stationId, packer, point, next, 1);
    }
    if (prev !== null) this.gap(e.stationId, packer, prev, e.at, 1);
    const cell = this.cellAt(e.stationId, packer, e.at);
    for (const i of this.calendar.containing(e.at)) cell.shifts.add(`${i.start}:${i.end}`);
    cell.events++;
    countSums(kind, e.payload, cell);
    return point;
  }
}
