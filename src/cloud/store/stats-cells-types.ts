// The statistics cells' repository (services/stats-fold.ts keeps them, services/stats.ts reads them):
// cells per station × packer × local-hour segment × layout, each stream's latest point, and the
// pack and parcel durations placed in cells. Encodings are the same in both stores.
import type { StatsEvent } from '../../contract/stats.js';
import type { CellDelta, StreamPoint } from '../../domain/stats/cell-fold.js';
import type { StoredCell } from '../../domain/stats/from-cells.js';
import type { Awaitable } from './awaitable.js';

/** A cell named by its identity (the sample rows point at it). */
export interface CellRef {
  station: string;
  packer: string;
  hourAt: number;
  hour: string;
  day: string;
  layout: string;
}

/** One pack.completed's durations, or one parcel.packed's time to hand-over, in its cell. */
export interface SampleRow {
  /** The event the sample belongs to. */
  eventId: string;
  cell: CellRef;
  packTimeMs: number | null;
  paidToPackedMs: number | null;
  toHandoverMs: number | null;
}

export interface StatsCellsRepo {
  /** Adds each delta to its cell, creating the cell. */
  add(deltas: Iterable<CellDelta>): Awaitable<void>;
  /** Cells with from ≤ hourAt < to, their samples attached; cells left empty by a late event are not returned. */
  range(from: number, to: number): Awaitable<StoredCell[]>;
  /**
   * The revision of each block from ≤ block < to that has or had cells (store/stats-blocks-ddl.ts):
   * it changes whenever one of the block's cells does.
   */
  blockRevs(from: number, to: number): Awaitable<Map<number, number>>;
  /** The stream's latest point; null before its first event. */
  stream(station: string, packer: string): Awaitable<StreamPoint | null>;
  setStream(station: string, packer: string, point: StreamPoint): Awaitable<void>;
  /**
   * Around a late event of the stream (packerId null: no packer): the stream's point at or before
   * `at` among its activity events other than `exceptId`, and the instant of its first later one.
   */
  around(
    station: string,
    packerId: string | null,
    at: number,
    exceptId: string,
  ): Awaitable<{ prev: StreamPoint | null; next: number | null }>;
  /** The pack's events and the non-reprint labels that name one of its parcels only, in storage order. */
  packEvents(packId: string): Awaitable<StatsEvent[]>;
  /** The packs a parcel was packed in. */
  packsOfParcel(parcelId: string): Awaitable<string[]>;
  /** parcel.packed events of the parcel (id, station, packer, at). */
  parcelPacked(parcelId: string): Awaitable<{ id: string; stationId: string; packerId: string | null; at: number }[]>;
  /** Replaces the samples of `ref` (a packId for 'pack', a parcelId for 'parcel'); the cells' lists follow. */
  setSamples(kind: 'pack' | 'parcel', ref: string, rows: readonly SampleRow[]): Awaitable<void>;
  /** Activity events in storage order of (at, position) after `after`, at most `limit` (the rebuild's walk). */
  walk(
    after: { at: number; position: number },
    limit: number,
  ): Awaitable<{ events: StatsEvent[]; last: { at: number; position: number } }>;
  /** Packs with a pack.completed, ascending, after `after` (the rebuild's walk over packs). */
  completedPacks(after: string, limit: number): Awaitable<string[]>;
  /** Forgets every cell, stream point and sample (the rebuild starts from nothing). */
  clear(): Awaitable<void>;
  /** Cells stored (the admin's and the bench's figure). */
  count(): Awaitable<number>;
}
