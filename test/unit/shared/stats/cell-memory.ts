// An in-memory stand-in for the hub's stats cells (store/stats-cells-types.ts), driven exactly as
// services/stats-fold.ts drives the store: each event folds in arrival order — in order against the
// stream's point, late against its neighbours in the log — and a pack's or parcel's samples are
// recomputed from its events whenever one of them arrives.
import type { Handover, LayoutPeriod, StatsEvent } from '../../../../src/contract/stats.js';
import { CellFold, cellKey, type FoldSettings, type StreamPoint } from '../../../../src/domain/stats/cell-fold.js';
import { activityKind } from '../../../../src/domain/stats/counters.js';
import { SUM_FIELDS, isEmpty, type StoredCell } from '../../../../src/domain/stats/from-cells.js';
import { packSamples } from '../../../../src/domain/stats/pack-samples.js';
import { NO_PACKER } from '../../../../src/domain/stats/pass.js';

function push<T>(m: Map<string, T[]>, key: string, v: T): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

const streamOf = (e: StatsEvent): string => `${e.stationId}\u0001${e.packerId ?? NO_PACKER}`;

export class MemoryCells {
  readonly log: StatsEvent[] = [];
  private readonly ids = new Set<string>();
  private readonly cells = new Map<string, StoredCell>();
  private readonly streams = new Map<string, StreamPoint>();
  private readonly packTimes = new Map<string, { cell: string; pack: number | null; paid: number | null }>();
  private readonly toHandover = new Map<string, { cell: string; ms: number }>();
  /** Events naming each pack, and the packs of each parcel: the store's indexes on s_a and s_b. */
  private readonly byPack = new Map<string, StatsEvent[]>();
  private readonly byParcel = new Map<string, StatsEvent[]>();
  private readonly position = new Map<StatsEvent, number>();
  private readonly byStream = new Map<string, StatsEvent[]>();

  constructor(
    private readonly settings: FoldSettings,
    private readonly layouts: readonly LayoutPeriod[],
    private readonly handovers: readonly Handover[],
  ) {
    this.fold = new CellFold(settings, layouts);
  }

  /** One fold for the whole log, emptied into the cells after each event (its calendar is kept). */
  private readonly fold: CellFold;

  private merge(fold: CellFold): void {
    for (const [key, d] of fold.cells) {
      let c = this.cells.get(key);
      if (!c) {
        const sums = Object.fromEntries(SUM_FIELDS.map((f) => [f, 0])) as StoredCell['sums'];
        c = {
          station: d.station,
          packer: d.packer,
          hourAt: d.hourAt,
          hour: d.hour,
          day: d.day,
          layout: d.layout,
          sums,
          events: 0,
          shifts: '',
          packTimes: [],
          paidToPacked: [],
          packedToHandover: [],
        };
        this.cells.set(key, c);
      }
      for (const f of SUM_FIELDS) c.sums[f] += d[f];
      c.events += d.events;
      const shifts = new Set(c.shifts ? c.shifts.split(',') : []);
      for (const s of d.shifts) shifts.add(s);
      c.shifts = [...shifts].join(',');
    }
    fold.cells.clear();
  }

  /** What the store's `around` answers: the stream's point at or before `at`, and its next instant. */
  private around(e: StatsEvent): { prev: StreamPoint | null; next: number | null } {
    let prevAt = Number.NEGATIVE_INFINITY;
    let next = Number.POSITIVE_INFINITY;
    const stream = this.byStream.get(streamOf(e)) ?? [];
    for (const o of stream) {
      if (o.id === e.id || activityKind(o.type) === undefined) continue;
      if (o.at <= e.at && o.at > prevAt) prevAt = o.at;
      if (o.at > e.at && o.at < next) next = o.at;
    }
    const logout = stream.some((o) => o.id !== e.id && o.at === prevAt && o.type === 'packer.logout');
    return {
      prev: prevAt === Number.NEGATIVE_INFINITY ? null : { at: prevAt, logout },
      next: next === Number.POSITIVE_INFINITY ? null : next,
    };
  }

  add(e: StatsEvent): void {
    if (this.ids.has(e.id)) return;
    this.ids.add(e.id);
    this.position.set(e, this.log.length);
    this.log.push(e);
    push(this.byStream, streamOf(e), e);
    const key = typeof e.payload.packId === 'string' ? e.payload.packId : null;
    if (key !== null) push(this.byPack, key, e);
    const parcel = e.payload.parcelId;
    if (typeof parcel === 'string') push(this.byParcel, parcel, e);
    const fold = this.fold;
    const point = this.streams.get(streamOf(e)) ?? null;
    if (point === null || e.at >= point.at) {
      const after = fold.event(e, point, null);
      if (after) this.streams.set(streamOf(e), after);
    } else {
      const { prev, next } = this.around(e);
      fold.event(e, prev, next);
    }
    this.merge(fold);
    const p = e.payload;
    if (typeof p.packId === 'string') this.refreshPack(p.packId);
    else if (e.type === 'label.printed' && typeof p.parcelId === 'string') {
      for (const o of this.byParcel.get(p.parcelId) ?? [])
        if (o.type === 'parcel.packed' && o.payload.parcelId === p.parcelId && typeof o.payload.packId === 'string')
          this.refreshPack(o.payload.packId);
    }
    if (e.type === 'parcel.packed' && typeof p.parcelId === 'string') this.refreshParcel(e);
  }

  private refreshPack(packId: string): void {
    const own = this.byPack.get(packId) ?? [];
    const labels = own
      .filter((o) => o.type === 'parcel.packed' && typeof o.payload.parcelId === 'string')
      .flatMap((o) => this.byParcel.get(o.payload.parcelId as string) ?? [])
      .filter((o) => o.type === 'label.printed' && typeof o.payload.packId !== 'string');
    // Storage order, each event once (a parcel packed twice names its labels twice).
    const events = [...new Set([...own, ...labels])].sort(
      (a, b) => (this.position.get(a) as number) - (this.position.get(b) as number),
    );
    const fold = this.fold;
    for (const s of packSamples(events)) {
      const c = fold.cellOf(s.stationId, s.packerId, s.at);
      this.packTimes.set(s.eventId, {
        cell: cellKey(c.station, c.packer, c.hourAt, c.layout),
        pack: s.packTimeMs,
        paid: s.paidToPackedMs,
      });
    }
    this.merge(fold);
  }

  private refreshParcel(e: StatsEvent): void {
    const handed = this.handovers.filter((h) => h.parcelId === e.payload.parcelId).map((h) => h.at);
    if (handed.length === 0) return;
    const fold = this.fold;
    const c = fold.cellOf(e.stationId, e.packerId, e.at);
    this.toHandover.set(e.id, {
      cell: cellKey(c.station, c.packer, c.hourAt, c.layout),
      ms: Math.min(...handed) - e.at,
    });
    this.merge(fold);
  }

  /** The cells with from ≤ hourAt < to, samples attached. */
  range(from: number, to: number): StoredCell[] {
    const out: StoredCell[] = [];
    for (const [key, c] of this.cells) {
      if (c.hourAt < from || c.hourAt >= to || isEmpty(c)) continue;
      const packTimes: number[] = [];
      const paid: number[] = [];
      const handover: number[] = [];
      for (const s of this.packTimes.values()) {
        if (s.cell !== key) continue;
        if (s.pack !== null) packTimes.push(s.pack);
        if (s.paid !== null) paid.push(s.paid);
      }
      for (const s of this.toHandover.values()) if (s.cell === key) handover.push(s.ms);
      out.push({ ...c, packTimes, paidToPacked: paid, packedToHandover: handover });
    }
    return out;
  }
}
