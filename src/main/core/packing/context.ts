// The desk's shared context: stores, config, the in-memory mirror of desk state, and the effects to
// run after the current transaction commits. The packing steps (orders.ts, items.ts, commands.ts,
// weighing.ts) are functions over this context so each stays small and testable.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { StationConfig } from '../../config/schema.js';
import type { Clock } from '../../../base/clock.js';
import type { Order, PackLine, PackState, Packer } from '../../../contract/entities.js';
import type {
  Alert,
  InsertView,
  Notice,
  NoticeCode,
  NoticeParams,
  ParamsArg,
  Prompt,
  ScanVerdict,
  ScaleView,
  Sound,
} from '../../../contract/station.js';
import type { CatalogStore } from '../store/catalog.js';
import type { DeskStateStore } from '../store/desk-state.js';
import type { LabelStore, WaybillPool } from '../store/labels.js';
import type { OrderStore } from '../store/orders.js';
import type { Outbox } from '../store/outbox.js';
import type { PackStore } from '../store/packs.js';
import type { PackerStore } from '../store/packers.js';
import type { LayoutStore } from '../store/layouts.js';
import type { SyncStore } from '../../sync/store.js';
import type { StockDeskStore } from '../store/stock-desk.js';

export interface Stores {
  catalog: CatalogStore;
  orders: OrderStore;
  packs: PackStore;
  packers: PackerStore;
  labels: LabelStore;
  pool: WaybillPool;
  outbox: Outbox;
  desk: DeskStateStore;
  layouts: LayoutStore;
  /** The hub's tables (orders' upstream versions, exceptions); the sync engine writes them. */
  sync: SyncStore;
  /** Receiving, count and return sessions at this desk (stock/*). */
  stock: StockDeskStore;
}

export interface ActivePack {
  id: string;
  order: Order;
  lines: PackLine[];
  state: PackState;
  parcelNo: number;
  packaging: { code: string; tareG: number };
  carrier: string;
  measuredG: number | null;
  startedAt: number;
  /** Units of each product already closed into earlier parcels of this pack. */
  parceled: Map<number, number>;
  /** Inserts (赠品/插页) to confirm by scan before weighing (inserts.ts); absent: none. */
  inserts?: InsertView[];
  /** CMD-SPLIT: boxes still owed after the open parcel (a 子母单 unit too big for one box); not kept across restarts. */
  extraBoxes?: number;
  /** CMD-MERGE (合单): orders packed with this one in its single parcel, each with its own pack (merge.ts). */
  joined?: { packId: string; order: Order; lines: PackLine[] }[];
}

/** Everything about the desk that lives in memory; mirrored to SQLite in each transaction. */
export interface DeskRuntime {
  packer: Packer | null;
  pack: ActivePack | null;
  lastPackId: string | null;
  alert: Alert | null;
  prompt: Prompt | null;
  qty: number | null;
  notice: Notice | null;
  /** The scale has read below the minimum since the last accepted weight (a new parcel may be weighed). */
  scaleCleared: boolean;
  /** A supervisor badge opened the supervisor view at this desk (not kept across restarts). */
  supervisor: Packer | null;
  reading: ScaleView | null;
}

export interface Outcome {
  verdict: ScanVerdict;
  sound: Sound;
  productId?: number | null;
  qty?: number;
  detail?: string | null;
}

export interface Effects {
  print: string[];
  sounds: Sound[];
}

export interface DeskContext {
  db: Db;
  stores: Stores;
  config: StationConfig;
  clock: Clock;
  stationId: string;
  rt: DeskRuntime;
  effects: Effects;
}

export function notice<C extends NoticeCode>(
  ctx: DeskContext,
  level: Notice['level'],
  code: C,
  ...params: ParamsArg<NoticeParams[C]>
): void {
  // TypeScript cannot tie a generic code to its params (microsoft/TypeScript#30581); the signature
  // checks them at every call.
  ctx.rt.notice = { level, code, params: params[0] ?? {} } as Notice;
}

export function packerId(ctx: DeskContext): string | null {
  return ctx.rt.packer?.id ?? null;
}

export function cloneRuntime(rt: DeskRuntime): DeskRuntime {
  return {
    ...rt,
    pack: rt.pack
      ? {
          ...rt.pack,
          lines: rt.pack.lines.map((l) => ({ ...l })),
          parceled: new Map(rt.pack.parceled),
          packaging: { ...rt.pack.packaging },
        }
      : null,
  };
}

/** Units currently in the open parcel, per product. */
export function openParcelItems(pack: ActivePack): { productId: number; qty: number }[] {
  return pack.lines
    .map((l) => ({ productId: l.productId, qty: l.scanned - (pack.parceled.get(l.productId) ?? 0) }))
    .filter((i) => i.qty > 0);
}

export function allVerified(pack: ActivePack): boolean {
  // An insert not yet confirmed keeps the parcel off the scale like a missing unit does.
  return pack.lines.every((l) => l.scanned >= l.expected) && (pack.inserts ?? []).every((i) => i.confirmed);
}

export function persistPack(ctx: DeskContext, pack: ActivePack): void {
  ctx.stores.packs.update(pack.id, pack.state, pack.parcelNo, pack.packaging.code, pack.measuredG);
}
