// The recent event log in memory, for statistics. Reading a million rows out of SQLite costs
// seconds on a small server; the stats module itself needs well under one. So the hub keeps the
// last `cacheDays` of events as the stats module reads them (no ids, shared strings), sorted by
// time, and before each query reads only what was stored since the last one (by storage position,
// so a late batch from a station that was offline is picked up too). Ranges reaching further back
// than the cache read the database directly.
import type { StatsEvent } from '../../contract/stats.js';
import type { HubStore } from '../store/types.js';

const DAY = 86_400_000;
/** Rows read per step when catching up, so a first load does not hold the event loop for seconds. */
const CHUNK = 50_000;

export class StatsEventCache {
  /** Sorted by `at`; events with equal `at` keep storage order. */
  private events: StatsEvent[] = [];
  private position = 0;
  /** Nothing before this instant is held (and nothing from before it is asked of the cache). */
  private horizon: number;
  private catchingUp: Promise<void> | null = null;
  private readonly strings = new Map<string, string>();
  /** Parcels handed over to WeChat → when; read again from the latest time seen (ties re-read). */
  private readonly handedOver = new Map<string, number>();
  private handedOverUpTo = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: HubStore,
    private readonly retentionMs: number,
    private readonly now: () => number,
  ) {
    this.horizon = now() - retentionMs;
  }

  static days(days: number): number {
    return days * DAY;
  }

  get size(): number {
    return this.events.length;
  }

  /** Whether [from, …) lies inside what the cache holds. */
  covers(from: number): boolean {
    return this.retentionMs > 0 && from >= this.horizon;
  }

  /** Events with from ≤ at < to, oldest first, after reading whatever was stored meanwhile. */
  async range(from: number, to: number): Promise<StatsEvent[]> {
    await this.catchUp();
    const a = this.lowerBound(from);
    const b = this.lowerBound(to);
    return this.events.slice(a, b);
  }

  /** Parcels handed over with from ≤ at < to (the cache is caught up by `range`). */
  handovers(from: number, to: number): { parcelId: string; at: number }[] {
    const out: { parcelId: string; at: number }[] = [];
    for (const [parcelId, at] of this.handedOver) if (at >= from && at < to) out.push({ parcelId, at });
    return out;
  }

  /** Reads what was stored since the last call (one reader at a time; others wait for it). */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readNew().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async readNew(): Promise<void> {
    const fresh: StatsEvent[] = [];
    for (;;) {
      const { events, last } = await this.store.tx((t) => t.events.tail(this.position, this.horizon, CHUNK));
      const advanced = last !== this.position;
      this.position = last;
      for (const e of events) fresh.push(this.intern(e));
      if (!advanced) break;
      // Let requests in between while a large backlog is read.
      await new Promise((r) => setImmediate(r));
    }
    this.add(fresh);
    const handed = await this.store.tx((t) => t.shipments.handoversSince(Math.max(this.handedOverUpTo, this.horizon)));
    for (const h of handed) {
      const prev = this.handedOver.get(h.parcelId);
      if (prev === undefined || h.at < prev) this.handedOver.set(h.parcelId, h.at);
      if (h.at > this.handedOverUpTo) this.handedOverUpTo = h.at;
    }
    this.prune();
  }

  /** Repeated strings (types, station and packer ids, verdicts) shared instead of one per row. */
  private intern(e: StatsEvent): StatsEvent {
    const s = (v: string): string => {
      const known = this.strings.get(v);
      if (known !== undefined) return known;
      this.strings.set(v, v);
      return v;
    };
    e.type = s(e.type);
    e.stationId = s(e.stationId);
    if (e.packerId !== null) e.packerId = s(e.packerId);
    const verdict = e.payload.verdict;
    if (typeof verdict === 'string') e.payload.verdict = s(verdict);
    return e;
  }

  /** New events are nearly always later than everything held; a late batch is merged in. */
  private add(fresh: StatsEvent[]): void {
    if (fresh.length === 0) return;
    fresh.sort((x, y) => x.at - y.at); // stable: storage order within an instant
    const held = this.events;
    const lastHeld = held[held.length - 1];
    const firstFresh = fresh[0] as StatsEvent;
    if (!lastHeld || firstFresh.at >= lastHeld.at) {
      for (const e of fresh) held.push(e);
      return;
    }
    const merged = new Array<StatsEvent>(held.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < held.length && j < fresh.length) {
      // Ties: what was held first stays first (it was stored first).
      merged[k++] =
        (held[i] as StatsEvent).at <= (fresh[j] as StatsEvent).at
          ? (held[i++] as StatsEvent)
          : (fresh[j++] as StatsEvent);
    }
    while (i < held.length) merged[k++] = held[i++] as StatsEvent;
    while (j < fresh.length) merged[k++] = fresh[j++] as StatsEvent;
    this.events = merged;
  }

  /** Drops what has aged past the retention, a day at a time so it is rarely a copy. */
  private prune(): void {
    const horizon = this.now() - this.retentionMs;
    if (horizon - this.horizon < DAY) return;
    this.horizon = horizon;
    const cut = this.lowerBound(horizon);
    if (cut > 0) this.events = this.events.slice(cut);
    for (const [parcelId, at] of this.handedOver) if (at < horizon) this.handedOver.delete(parcelId);
  }

  private lowerBound(at: number): number {
    const ev = this.events;
    let lo = 0;
    let hi = ev.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ev[mid] as StatsEvent).at < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
