// The stock ledger's storage contract (HubTx.stock): append-only movements keyed by their cause,
// running totals the store keeps beside them in the same transaction, and each order's stock state.
import type { StockMovement, StockMovementKind } from '../../contract/stock-ledger.js';
import type { Awaitable } from './awaitable.js';

export type NewStockMovement = Omit<StockMovement, 'seq'>;

/** Totals of one SKU in one pool (over every location, or one). */
export interface StockPoolTotals {
  sku: string;
  pool: string;
  onHand: number;
  reserved: number;
  writtenOff: number;
  /** The latest movement's time. */
  at: number;
}

/**
 * reserved: holds its needs; short: paid, could not be reserved (held RSN-STOCK-SHORT); unpaid:
 * reserved until `unpaidUntil`; released: a supervisor let a short order go without stock; closed:
 * cancelled, shipped or timed out unpaid (nothing held).
 */
export type StockOrderState = 'reserved' | 'short' | 'unpaid' | 'released' | 'closed';

/** Orders in these states have lines (stock_order_lines); closed and released ones hold and wait for nothing. */
export const LINED_STATES: ReadonlySet<StockOrderState> = new Set(['reserved', 'unpaid', 'short']);

export interface StockOrderRow {
  orderId: string;
  channel: string;
  pool: string;
  /** Units per SKU after bundles are expanded. */
  needs: { sku: string; qty: number }[];
  state: StockOrderState;
  unpaidUntil: number | null;
  /** Since when it is short, and of what. */
  shortAt: number | null;
  shortages: { sku: string; need: number; available: number }[];
  releasedBy: string | null;
  updatedAt: number;
}

export interface StockMovementFilter {
  sku?: string;
  kind?: StockMovementKind;
  orderId?: string;
  location?: string;
  from?: number;
  to?: number;
  /** Movements before this ledger position (newest first). */
  before?: number;
  limit: number;
}

export interface StockRepo {
  /** Books it unless its key was booked already (then false and nothing changes). */
  move(m: NewStockMovement): Awaitable<boolean>;
  /** Whether a movement with this key was booked. */
  has(key: string): Awaitable<boolean>;
  /** Totals per SKU and pool, over every location or the one given; null skus: every SKU. */
  totals(skus: readonly string[] | null, location: string | null): Awaitable<StockPoolTotals[]>;
  /** Units on hand of a SKU at one location, every pool. */
  onHandAt(sku: string, location: string): Awaitable<number>;
  /** What the order holds reserved, per SKU (reserve + release movements of the order). */
  heldBy(orderId: string): Awaitable<Map<string, number>>;
  /** Newest first. */
  movements(filter: StockMovementFilter): Awaitable<StockMovement[]>;
  /** Units reserved since `sinceMs` for orders that are paid, per channel and SKU. */
  sales(sinceMs: number): Awaitable<{ channel: string; sku: string; qty: number }[]>;
  order(orderId: string): Awaitable<StockOrderRow | undefined>;
  /**
   * Writes the order's row and its lines (one per SKU needed while reserved, unpaid or short; none
   * once closed or released). A line's "last unit" mark stays while the order holds the SKU.
   */
  putOrder(row: StockOrderRow): Awaitable<void>;
  /** Short orders needing any of `skus` (every short order when null), oldest first. */
  shortOrders(skus: readonly string[] | null, limit: number): Awaitable<StockOrderRow[]>;
  /** The order in `pool` holding units of `sku` (reserved or unpaid) that reserved it last, if any. */
  newestHolder(sku: string, pool: string): Awaitable<string | null>;
  /** Orders the desk was told hold the last unit of `sku`. */
  lastUnitHolders(sku: string): Awaitable<string[]>;
  /** SKUs the desk was told this order holds the last unit of. */
  lastUnitSkus(orderId: string): Awaitable<string[]>;
  /** Marks or clears "last unit" for the order's SKU (no-op when the order does not need the SKU). */
  setLastUnit(orderId: string, sku: string, on: boolean): Awaitable<void>;
  /**
   * Open or held orders the ledger has never settled (stored before stock was turned on), after
   * `afterId` in id order: the hub reserves for them once, at start.
   */
  unsettledOrders(afterId: string, limit: number): Awaitable<string[]>;
  /** The order a parcel with this waybill belongs to (a return names the waybill only). */
  orderOfWaybill(waybill: string): Awaitable<string | null>;
  /** Unpaid orders whose time ran out by `now`, oldest first. */
  unpaidDue(now: number, limit: number): Awaitable<StockOrderRow[]>;
}
