// The desk's stock modes (issue 13 §3): receiving (收货), counting (盘点) and returns (退货入库), run by
// scanner alone like packing. What the core shows of an open stock session, and the codes a
// warehouse labels its shelves and stock with.

export const STOCK_MODES = ['receiving', 'count', 'returns'] as const;
export type StockMode = (typeof STOCK_MODES)[number];

/** A location label: `LOC-A-01` names location `A-01` (the hub's `stock.location` codes). */
export const LOCATION_PREFIX = 'LOC-';
/** Where goods received against a PO alone are booked: the hub's default location. */
export const DEFAULT_STOCK_LOCATION = 'MAIN';
export const MAX_LOCATION = 32;
export const MAX_REFERENCE = 64;

/** The pinned event limits (src/contract/events.ts): a desk session never builds a bigger event. */
export const STOCK_LIMITS = {
  receiving: { lineQty: 100_000, lines: 500 },
  count: { lineQty: 1_000_000, lines: 2000 },
  returns: { lineQty: 10_000, lines: 500 },
} as const satisfies Record<StockMode, { lineQty: number; lines: number }>;

export const RETURN_CONDITIONS = ['good', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

/** What the hub tells the desk about an order line's stock: the last unit on hand, or not enough. */
export const STOCK_HINTS = ['last_unit', 'short'] as const;
export type StockHint = (typeof STOCK_HINTS)[number];

/** The location a scan names, or null when it is no location label. */
export function parseLocation(code: string): string | null {
  const upper = code.toUpperCase();
  if (!upper.startsWith(LOCATION_PREFIX)) return null;
  const location = upper.slice(LOCATION_PREFIX.length);
  return location.length >= 1 && location.length <= MAX_LOCATION ? location : null;
}

export function locationCode(location: string): string {
  return `${LOCATION_PREFIX}${location}`;
}

/** One SKU of the session, its scans summed (a return: per condition). */
export interface StockLineView {
  sku: string;
  title: string;
  qty: number;
  /** Returns only: null while the packer still has to choose good or damaged. */
  condition: ReturnCondition | null;
}

/** An order line of the return being checked in, and how many of it came back so far. */
export interface ReturnOrderLineView {
  sku: string;
  title: string;
  ordered: number;
  returned: number;
}

export interface StockSessionView {
  id: string;
  mode: StockMode;
  /** What the next scan should be. */
  step: 'location' | 'target' | 'parcel' | 'items' | 'condition' | 'approval';
  location: string | null;
  /** Receiving: the PO or delivery note scanned. */
  reference: string | null;
  /** Returns: the order the parcel belongs to (null: not known here) and its waybill. */
  orderId: string | null;
  waybill: string | null;
  orderLines: ReturnOrderLineView[];
  lines: StockLineView[];
  units: number;
  /** The last SKU scanned (the list highlights it). */
  lastSku: string | null;
  /** The quantity the next product scan counts (CMD-QTY-n or a typed number); null: 1. */
  qtyMultiplier: number | null;
  startedAt: number;
}

type NoParams = Record<string, never>;
/** The stock modes' notices (src/contract/station.ts NoticeParams takes these in). */
export interface StockNoticeParams {
  stock_mode: { mode: StockMode };
  stock_location: { location: string };
  stock_reference: { reference: string };
  /** Receiving: a product before a location or a PO. */
  stock_target_first: NoParams;
  /** Count: a product before the location label. */
  stock_location_first: NoParams;
  /** Count: another location's label while this one is being counted. */
  stock_location_locked: { location: string };
  /** total: units of this SKU in the session now. */
  stock_added: { sku: string; title: string; qty: number; total: number };
  /** The event would pass its limit (units of one SKU, or SKUs in one session). */
  stock_limit: { sku: string; max: number };
  stock_undone: { sku: string; qty: number };
  stock_cancelled: { mode: StockMode };
  stock_nothing: { mode: StockMode };
  /** The session's event is in the outbox (it reaches the hub when the hub is reachable). */
  stock_sent: { mode: StockMode; lines: number; units: number };
  stock_approval_needed: { location: string };
  stock_approval_cancelled: NoParams;
  stock_return_order: { orderId: string };
  stock_return_unknown_order: { waybill: string };
  stock_parcel_first: NoParams;
  stock_choose_condition: { sku: string; title: string; qty: number };
  stock_condition_first: { sku: string };
  stock_condition: { sku: string; qty: number; condition: ReturnCondition };
}
export const STOCK_NOTICE_CODES = [
  'stock_mode',
  'stock_location',
  'stock_reference',
  'stock_target_first',
  'stock_location_first',
  'stock_location_locked',
  'stock_added',
  'stock_limit',
  'stock_undone',
  'stock_cancelled',
  'stock_nothing',
  'stock_sent',
  'stock_approval_needed',
  'stock_approval_cancelled',
  'stock_return_order',
  'stock_return_unknown_order',
  'stock_parcel_first',
  'stock_choose_condition',
  'stock_condition_first',
  'stock_condition',
] as const satisfies readonly (keyof StockNoticeParams)[];
