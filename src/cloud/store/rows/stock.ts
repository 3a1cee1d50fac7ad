// Stock ledger rows (stock_movements, stock_orders) as both stores hold them and their mapping to the
// domain. No SQL here: each dialect's stock-repos.ts has its own.
import type { StockMovement, StockMovementKind } from '../../../contract/stock-ledger.js';
import type { StockOrderRow } from '../stock-types.js';

export type MovementDbRow = {
  seq: number;
  id: string;
  key: string;
  sku: string;
  location: string;
  pool: string;
  kind: StockMovementKind;
  qty: number;
  channel: string | null;
  order_id: string | null;
  ref: string | null;
  at: number;
  by: string | null;
};

export type StockOrderDbRow = {
  order_id: string;
  channel: string;
  pool: string;
  needs: string;
  state: StockOrderRow['state'];
  unpaid_until: number | null;
  short_at: number | null;
  shortages: string;
  released_by: string | null;
  updated_at: number;
};

export const toMovement = (r: MovementDbRow): StockMovement => ({
  seq: r.seq,
  id: r.id,
  key: r.key,
  sku: r.sku,
  location: r.location,
  pool: r.pool,
  kind: r.kind,
  qty: r.qty,
  channel: r.channel,
  orderId: r.order_id,
  ref: r.ref,
  at: r.at,
  by: r.by,
});

export const toStockOrder = (r: StockOrderDbRow): StockOrderRow => ({
  orderId: r.order_id,
  channel: r.channel,
  pool: r.pool,
  needs: JSON.parse(r.needs) as StockOrderRow['needs'],
  state: r.state,
  unpaidUntil: r.unpaid_until,
  shortAt: r.short_at,
  shortages: JSON.parse(r.shortages) as StockOrderRow['shortages'],
  releasedBy: r.released_by,
  updatedAt: r.updated_at,
});

/** The stock_levels column each movement figure (domain/stock/effects.ts MOVEMENT_FIGURE) adds to. */
export const LEVEL_COLUMN = { onHand: 'on_hand', reserved: 'reserved', writtenOff: 'written_off' } as const;
