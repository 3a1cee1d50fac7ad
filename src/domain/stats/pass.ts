// The single pass over a time-ordered log: each event is routed to its stream (station × packer) and
// counted into its cell (station × packer × local hour × layout); the gap since the stream's previous
// event becomes active or idle time. Nothing is allocated per event except on entering a new cell.
import type { Handover, StatsEvent, StatsQuery } from '../../contract/stats.js';
import { KIND, KINDS, countSums } from './counters.js';
import { Cell } from './figures.js';
import { PackJoin, type PackHint } from './packs.js';
import type { RollupContext } from './rollup.js';
import { mergeInstances } from './shifts.js';

/** Events written without a logged-in packer form their own stream and packer group. */
export const NO_PACKER = '—';

/**
 * One (station, packer) pair's walk through time. Gaps are measured within a stream because a packer
 * works one bench at a time: two stations busy at once are two station-hours, not one.
 */
class Stream implements PackHint {
  hasLast = false;
  lastAt = 0;
  lastWasLogout = false;
  /** The cell of the previous event when it was in range: an idle gap is counted there. */
  lastCell: Cell | null = null;
  /** The current cell holds for [ctxFrom, ctxTo): same local hour and same layout. */
  ctxFrom = 0;
  ctxTo = 0;
  ctxCell: Cell | null = null;
  /** First shift instance that has not ended before this stream's latest event. */
  shiftPtr = 0;
  readonly cells = new Map<string, Cell>();
  packId: string | null = null;
  packSlot = 0;
  parcelId: string | null = null;
  parcelSlot = 0;

  constructor(
    readonly station: string,
    readonly packer: string,
  ) {}
}

export class Pass {
  readonly cells: Cell[] = [];
  private readonly streams = new Map<string, Map<string, Stream>>();
  private readonly from: number;
  private readonly to: number;
  private readonly idleGapMs: number;
  private readonly instStart: number[];
  private readonly instEnd: number[];
  private readonly shiftUnion: { start: number; end: number }[];
  readonly packs: PackJoin;

  constructor(
    query: StatsQuery,
    private readonly ctx: RollupContext,
    handovers: readonly Handover[] = [],
  ) {
    this.packs = new PackJoin(handovers);
    this.from = query.from;
    this.to = query.to;
    this.idleGapMs = query.idleGapMs;
    this.instStart = ctx.instances.map((i) => i.start);
    this.instEnd = ctx.instances.map((i) => i.end);
    this.shiftUnion = mergeInstances(ctx.instances);
  }

  /**
   * `events` in time order. Only events with from ≤ at < to are counted, but every event of a known
   * type moves its stream on (so a gap straddling `from` or `to` is clipped, not lost) and may hold
   * one end of a pack's durations. An unknown type is not activity: it is skipped entirely.
   */
  run(events: readonly StatsEvent[]): void {
    let prevStation = '';
    let prevPacker = '';
    let s: Stream | null = null;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as StatsEvent;
      const kind = KINDS.get(e.type);
      if (kind === undefined || kind < 0) continue;
      const at = e.at;
      const packer = e.packerId ?? NO_PACKER;
      // Consecutive events mostly come from the same stream: skip the two map look-ups then.
      if (s === null || e.stationId !== prevStation || packer !== prevPacker) {
        s = this.stream(e.stationId, packer);
        prevStation = e.stationId;
        prevPacker = packer;
      }
      if (s.hasLast) this.gap(s, at);
      // A logout holds for events stamped the same instant (the scan that logged out is one).
      s.lastWasLogout = kind === KIND['packer.logout'] || (s.hasLast && s.lastWasLogout && at === s.lastAt);
      s.hasLast = true;
      s.lastAt = at;
      if (at < this.from || at >= this.to) {
        s.lastCell = null;
        this.joinOutOfRange(kind, e, s);
        continue;
      }
      const cell = this.cellAt(s, at);
      s.lastCell = cell;
      this.markShifts(s, cell, at);
      this.count(kind, e, cell, s);
    }
  }

  private stream(station: string, packer: string): Stream {
    let byPacker = this.streams.get(station);
    if (!byPacker) {
      byPacker = new Map();
      this.streams.set(station, byPacker);
    }
    let s = byPacker.get(packer);
    if (!s) {
      s = new Stream(station, packer);
      byPacker.set(packer, s);
    }
    return s;
  }

  /**
   * Group membership: the cell of stream `s` at instant `t` — station = stationId, packer =
   * packerId ?? '—', hour and day = the local keys of `t`, layout = the station's period in force at
   * `t` ('unknown' before any). Cheap while `t` stays in the current local hour and layout period.
   */
  private cellAt(s: Stream, t: number): Cell {
    const cur = s.ctxCell;
    if (cur !== null && t >= s.ctxFrom && t < s.ctxTo) return cur;
    const { cursor, layouts } = this.ctx;
    cursor.seek(t);
    const layout = layouts.layoutAt(s.station, t);
    s.ctxFrom = Math.max(cursor.from, layouts.periodStart(s.station, t));
    s.ctxTo = Math.min(cursor.to, layouts.nextChange(s.station, t));
    const key = `${cursor.hourKey}\u0001${layout}`;
    let cell = s.cells.get(key);
    if (!cell) {
      cell = new Cell(s.station, s.packer, cursor.hourKey, cursor.dayKey, layout);
      s.cells.set(key, cell);
      this.cells.push(cell);
    }
    s.ctxCell = cell;
    return cell;
  }

  /** Splits [a, b) at local hour (hence day) and layout boundaries; each piece goes to its own cell. */
  private credit(s: Stream, a: number, b: number, active: boolean): void {
    for (let t = a; t < b;) {
      const cell = this.cellAt(s, t);
      const end = s.ctxTo < b ? s.ctxTo : b;
      if (active) cell.activeMs += end - t;
      else cell.idleMs += end - t;
      t = end;
    }
  }

  /**
   * The gap from the stream's previous event to `t`, clipped to the range. After a logout the packer
   * was away: neither active nor idle. Up to idleGapMs it is active time. Longer, it is one idle gap,
   * counted in the cell of the event that opened it when that event is in range (a gap opened before
   * `from` belongs to no group), and its idle time is only the part inside shift instances: the
   * night between two shifts is not idleness.
   */
  private gap(s: Stream, t: number): void {
    if (s.lastWasLogout) return;
    const a = Math.max(s.lastAt, this.from);
    const b = Math.min(t, this.to);
    if (t - s.lastAt <= this.idleGapMs) {
      if (a < b) this.credit(s, a, b, true);
      return;
    }
    if (s.lastCell !== null) s.lastCell.idleGaps++;
    const u = this.shiftUnion;
    let lo = 0;
    let hi = u.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((u[mid] as { end: number }).end <= a) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < u.length; i++) {
      const iv = u[i] as { start: number; end: number };
      if (iv.start >= b) break;
      const pa = Math.max(a, iv.start);
      const pb = Math.min(b, iv.end);
      if (pa < pb) this.credit(s, pa, pb, false);
    }
  }

  /** Records which shift instances the cell has an event in; instances are sorted by start. */
  private markShifts(s: Stream, cell: Cell, at: number): void {
    const n = this.instStart.length;
    let p = s.shiftPtr;
    while (p < n && (this.instEnd[p] as number) <= at) p++;
    s.shiftPtr = p;
    for (let j = p; j < n && (this.instStart[j] as number) <= at; j++) {
      if (at < (this.instEnd[j] as number)) cell.markShift(j);
    }
  }

  /**
   * Events outside the range count for nothing but may hold one end of a pack's durations; those of
   * OUT_OF_RANGE_JOIN_TYPES only, so a store can leave the others out (edge-events.ts).
   */
  private joinOutOfRange(kind: number, e: StatsEvent, s: Stream): void {
    const p = e.payload;
    if (kind === KIND['pack.started']) {
      if (typeof p.packId === 'string') this.packs.started(p.packId, e.at, p.paidAt, s);
    } else if (kind === KIND['parcel.packed']) {
      if (typeof p.parcelId === 'string') this.packs.parcelPacked(p.parcelId, p.packId, e.at, null, s);
    } else if (kind === KIND['label.printed']) {
      if (p.reprint !== true) this.packs.labelPrinted(p.packId, p.parcelId, e.at, s);
    }
  }

  /** The counters of an in-range event (counters.ts) and its part in the pack joins. */
  private count(kind: number, e: StatsEvent, cell: Cell, s: Stream): void {
    const p = e.payload;
    countSums(kind, p, cell);
    switch (kind) {
      case KIND['pack.started']:
        if (typeof p.packId === 'string') this.packs.started(p.packId, e.at, p.paidAt, s);
        break;
      case KIND['pack.completed']:
        this.packs.completed(p.packId, p.startedAt, e.at, cell, s);
        break;
      case KIND['parcel.packed']:
        if (typeof p.parcelId === 'string') this.packs.parcelPacked(p.parcelId, p.packId, e.at, cell, s);
        break;
      case KIND['label.printed']:
        if (p.reprint !== true) this.packs.labelPrinted(p.packId, p.parcelId, e.at, s);
        break;
    }
  }
}
