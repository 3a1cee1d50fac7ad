// Keeps the statistics cells as events arrive, in the unit of work that stores them (apply.ts).
// An event later than its stream's latest folds against the stored point; an earlier one (a
// station that was offline, clocks that disagree) against its neighbours in the log, read by
// index: bounded work either way. A pack's durations are recomputed from its own few events, and
// a parcel's time to hand-over once the parcel and its hand-over are both known.
import type { StatsEvent } from '../../contract/stats.js';
import { CellFold, type FoldSettings, type StreamPoint } from '../../domain/stats/cell-fold.js';
import { compactEvent, expandEvent } from '../../domain/stats/compact.js';
import { activityKind } from '../../domain/stats/counters.js';
import { packSamples } from '../../domain/stats/pack-samples.js';
import { NO_PACKER } from '../../domain/stats/pass.js';
import type { HubConfig } from '../config.js';
import type { SampleRow } from '../store/stats-cells-types.js';
import type { HubTx } from '../store/types.js';

/** Settings key of the FoldSettings the stored cells were made with (a change means a rebuild). */
export const CELLS_SETTINGS_KEY = 'stats.cells';
/** Settings key of the hand-over time up to which parcels' hand-over samples are placed. */
export const HANDOVERS_KEY = 'stats.cells.handoversUpTo';

export function foldSettings(config: HubConfig): FoldSettings {
  const s = config.stats;
  return { timezone: s.timezone, idleGapMs: s.idleGapMinutes * 60_000, shifts: s.shifts };
}

/** One unit of work's folding: cells are added up in memory and written once, by flush(). */
export class StatsFolder {
  private constructor(
    private readonly t: HubTx,
    private readonly fold: CellFold,
  ) {}

  static async open(t: HubTx, settings: FoldSettings): Promise<StatsFolder> {
    return new StatsFolder(t, new CellFold(settings, await t.stations.layoutPeriods()));
  }

  /**
   * Folds a newly stored event (insertIfNew said it was new), as the log's statistics columns keep
   * it (compact.ts): the same fields the pass reads back from the store.
   */
  async event(stored: StatsEvent): Promise<void> {
    if (activityKind(stored.type) === undefined) return;
    const e = expandEvent(stored.id, stored.type, stored.at, stored.stationId, stored.packerId, compactEvent(stored));
    const t = this.t;
    const packer = e.packerId ?? NO_PACKER;
    const point = await t.statsCells.stream(e.stationId, packer);
    if (point === null || e.at >= point.at) {
      const after = this.fold.event(e, point, null);
      if (after) await t.statsCells.setStream(e.stationId, packer, after);
    } else {
      const { prev, next } = await t.statsCells.around(e.stationId, e.packerId, e.at, e.id);
      this.fold.event(e, prev, next);
    }
    const p = e.payload;
    if (typeof p.packId === 'string') await this.refreshPack(p.packId);
    else if (e.type === 'label.printed' && p.reprint !== true && typeof p.parcelId === 'string') {
      for (const packId of await t.statsCells.packsOfParcel(p.parcelId)) await this.refreshPack(packId);
    }
    if (e.type === 'parcel.packed' && typeof p.parcelId === 'string') {
      const sh = await t.shipments.get(p.parcelId);
      if (sh?.state === 'done' && sh.doneAt !== null) await this.refreshParcel(p.parcelId, sh.doneAt);
    }
  }

  /**
   * Folds events already in time order, as a rebuild does, keeping stream points in memory (there
   * are only as many as station × packer pairs); `points` carries them from one step to the next.
   */
  walk(events: readonly StatsEvent[], points: Map<string, StreamPoint>): void {
    for (const e of events) {
      const key = `${e.stationId}\u0001${e.packerId ?? NO_PACKER}`;
      const after = this.fold.event(e, points.get(key) ?? null, null);
      if (after) points.set(key, after);
    }
  }

  /** Writes the counters folded so far. */
  async flush(): Promise<void> {
    if (this.fold.cells.size === 0) return;
    await this.t.statsCells.add(this.fold.cells.values());
    this.fold.cells.clear();
  }

  cellRef(stationId: string, packerId: string | null, at: number): SampleRow['cell'] {
    const c = this.fold.cellOf(stationId, packerId, at);
    return { station: c.station, packer: c.packer, hourAt: c.hourAt, hour: c.hour, day: c.day, layout: c.layout };
  }

  async refreshPack(packId: string): Promise<void> {
    const samples = packSamples(await this.t.statsCells.packEvents(packId));
    const rows = samples.map((s) => ({
      eventId: s.eventId,
      cell: this.cellRef(s.stationId, s.packerId, s.at),
      packTimeMs: s.packTimeMs,
      paidToPackedMs: s.paidToPackedMs,
      toHandoverMs: null,
    }));
    await this.t.statsCells.setSamples('pack', packId, rows);
  }

  /** Each parcel.packed of the parcel gets handedOverAt − its time (pass.ts: the first hand-over). */
  async refreshParcel(parcelId: string, handedOverAt: number): Promise<void> {
    const rows = (await this.t.statsCells.parcelPacked(parcelId)).map((e) => ({
      eventId: e.id,
      cell: this.cellRef(e.stationId, e.packerId, e.at),
      packTimeMs: null,
      paidToPackedMs: null,
      toHandoverMs: handedOverAt - e.at,
    }));
    await this.t.statsCells.setSamples('parcel', parcelId, rows);
  }

  /**
   * Places the hand-over samples of parcels handed over since the last call. Hand-overs are
   * stamped by the hub's clock as the report-back worker finishes; ties are read again, which is
   * harmless because a parcel's samples are replaced, not added.
   */
  async handovers(): Promise<void> {
    const t = this.t;
    const since = (await t.settings.get<number>(HANDOVERS_KEY)) ?? Number.NEGATIVE_INFINITY;
    let upTo = since;
    for (const h of await t.shipments.handoversSince(Number.isFinite(since) ? since : -8.64e15)) {
      await this.refreshParcel(h.parcelId, h.at);
      if (h.at > upTo) upTo = h.at;
    }
    if (upTo !== since) await t.settings.set(HANDOVERS_KEY, upTo);
  }
}
