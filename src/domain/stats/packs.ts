// Joins that give per-pack durations: pack.started → pack.completed by packId, label.printed → pack
// by packId (or through parcel.packed by parcelId), parcel → hand-over. They see the whole log, not
// only the range: a pack completed at 17:59 may get its last label (a pending waybill) after `to`,
// and its pack.started may lie before `from`. Durations are resolved in finish(), once every label
// has been seen.
// Cost: with ~10⁵ packs a month, map inserts are most of what this costs, and nearly every look-up
// is for the pack the same stream just opened. So records live in typed arrays indexed by slot, each
// stream remembers its last pack and parcel (PackHint), and the id → slot maps are filled only when
// a look-up misses that memo (LazyIndex).
import type { Cell } from './figures.js';
import type { Handover } from '../../contract/stats.js';

/** Per-stream memo of the last pack and parcel seen: most look-ups are for the pack just opened. */
export interface PackHint {
  packId: string | null;
  packSlot: number;
  parcelId: string | null;
  parcelSlot: number;
}

function grow(a: Float64Array, n: number): Float64Array {
  if (n < a.length) return a;
  const b = new Float64Array(a.length * 2).fill(Number.NaN);
  b.set(a);
  return b;
}

/** Ids by slot; the id → slot map catches up on the first look-up after new slots were added. */
class LazyIndex {
  private readonly ids: string[] = [];
  private readonly map = new Map<string, number>();
  private indexed = 0;

  get size(): number {
    return this.ids.length;
  }

  add(id: string): number {
    this.ids.push(id);
    return this.ids.length - 1;
  }

  /** The latest slot added for `id`. */
  find(id: string): number | undefined {
    for (; this.indexed < this.ids.length; this.indexed++) this.map.set(this.ids[this.indexed] as string, this.indexed);
    return this.map.get(id);
  }
}

/**
 * Each pack.started opens a new record and each parcel.packed a new parcel: later events join the
 * latest record with their id, so a label printed before its pack (re)started is not its end.
 */
export class PackJoin {
  private readonly packs = new LazyIndex();
  private startAt: Float64Array = new Float64Array(1024).fill(Number.NaN);
  private paidAt: Float64Array = new Float64Array(1024).fill(Number.NaN);
  /** Latest non-reprint label: a reprint is a second copy, not the end of packing. */
  private labelAt: Float64Array = new Float64Array(1024).fill(Number.NaN);
  private readonly parcels = new LazyIndex();
  private parcelPack: Float64Array = new Float64Array(1024).fill(Number.NaN);
  /** Labels seen before their parcel.packed; mapped in finish(). */
  private readonly orphanLabels = new Map<string, number>();
  private readonly completedSlot: number[] = [];
  private readonly completedStart: number[] = [];
  private readonly completedCell: Cell[] = [];
  /**
   * First hand-over per parcel (a parcel reported twice counts from the first), looked up as each
   * in-range parcel.packed is read, so parcels need no record of their own for this join.
   */
  private readonly handedOver = new Map<string, number>();

  constructor(handovers: readonly Handover[] = []) {
    for (const h of handovers) {
      const prev = this.handedOver.get(h.parcelId);
      if (prev === undefined || h.at < prev) this.handedOver.set(h.parcelId, h.at);
    }
  }

  private newPack(packId: string, hint: PackHint): number {
    const slot = this.packs.add(packId);
    this.startAt = grow(this.startAt, slot);
    this.paidAt = grow(this.paidAt, slot);
    this.labelAt = grow(this.labelAt, slot);
    hint.packId = packId;
    hint.packSlot = slot;
    return slot;
  }

  /** The latest record of `packId`; one is opened for a pack whose pack.started is not in the log. */
  private packSlot(packId: string, hint: PackHint): number {
    if (hint.packId === packId) return hint.packSlot;
    const slot = this.packs.find(packId);
    if (slot === undefined) return this.newPack(packId, hint);
    hint.packId = packId;
    hint.packSlot = slot;
    return slot;
  }

  private parcelSlot(parcelId: string, hint: PackHint): number | undefined {
    if (hint.parcelId === parcelId) return hint.parcelSlot;
    const slot = this.parcels.find(parcelId);
    if (slot === undefined) return undefined;
    hint.parcelId = parcelId;
    hint.parcelSlot = slot;
    return slot;
  }

  started(packId: string, at: number, paidAt: unknown, hint: PackHint): void {
    const slot = this.newPack(packId, hint);
    this.startAt[slot] = at;
    this.paidAt[slot] = typeof paidAt === 'number' ? paidAt : Number.NaN;
  }

  parcelPacked(parcelId: string, packId: unknown, at: number, cell: Cell | null, hint: PackHint): void {
    const slot = this.parcels.add(parcelId);
    this.parcelPack = grow(this.parcelPack, slot);
    hint.parcelId = parcelId;
    hint.parcelSlot = slot;
    if (typeof packId === 'string') this.parcelPack[slot] = this.packSlot(packId, hint);
    if (cell === null || this.handedOver.size === 0) return;
    const handedOver = this.handedOver.get(parcelId);
    if (handedOver !== undefined) cell.packedToHandover.push(handedOver - at);
  }

  /** A non-reprint label, naming its pack directly or through its parcel. */
  labelPrinted(packId: unknown, parcelId: unknown, at: number, hint: PackHint): void {
    let pack: number | undefined;
    if (typeof packId === 'string') pack = this.packSlot(packId, hint);
    else if (typeof parcelId === 'string') {
      const parcel = this.parcelSlot(parcelId, hint);
      const mapped = parcel === undefined ? Number.NaN : (this.parcelPack[parcel] as number);
      if (Number.isNaN(mapped)) {
        const prev = this.orphanLabels.get(parcelId);
        if (prev === undefined || at > prev) this.orphanLabels.set(parcelId, at);
        return;
      }
      pack = mapped;
    }
    if (pack === undefined) return;
    const prev = this.labelAt[pack] as number;
    if (!(prev >= at)) this.labelAt[pack] = at;
  }

  /** An in-range completion; `startedAt` (its payload's copy) stands in when pack.started is absent. */
  completed(packId: unknown, startedAt: unknown, at: number, cell: Cell, hint: PackHint): void {
    if (typeof packId !== 'string') return;
    const slot = this.packSlot(packId, hint);
    const started = this.startAt[slot] as number;
    const start = !Number.isNaN(started) ? started : typeof startedAt === 'number' ? startedAt : Number.NaN;
    const paid = this.paidAt[slot] as number;
    if (!Number.isNaN(paid)) cell.paidToPacked.push(at - paid);
    this.completedSlot.push(slot);
    this.completedStart.push(start);
    this.completedCell.push(cell);
  }

  /** Pushes pack times into the cells of their completions, now that every label has been seen. */
  finish(): void {
    for (const [parcelId, at] of this.orphanLabels) {
      const parcel = this.parcels.find(parcelId);
      const pack = parcel === undefined ? Number.NaN : (this.parcelPack[parcel] as number);
      if (Number.isNaN(pack)) continue;
      const prev = this.labelAt[pack] as number;
      if (!(prev >= at)) this.labelAt[pack] = at;
    }
    for (let i = 0; i < this.completedSlot.length; i++) {
      const label = this.labelAt[this.completedSlot[i] as number] as number;
      const start = this.completedStart[i] as number;
      // A pack without a printed label (or without a known start) has no pack time.
      if (!Number.isNaN(label) && !Number.isNaN(start)) (this.completedCell[i] as Cell).packTimes.push(label - start);
    }
  }
}
