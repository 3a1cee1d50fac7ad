// The stock board in the supervisor view (issue 13 §4): the station core reads the hub's board,
// alerts and movements with its station token and hands them to the UI. A hub out of reach is an
// answer ("unreachable"), not an error, so the view says so and stays up.
import { z } from 'zod';
import type { StockBoard } from '../stock-board.js';
import { STOCK_MOVEMENT_KINDS, type StockAlert, type StockMovement } from '../stock-ledger.js';

const timestamp = z.number().int().min(0);

export const stockRequestSchemas = {
  /** The board (per SKU and channel) with the hub's stock alerts; `channel` narrows the board to one. */
  'stock.board': z.object({ channel: z.string().trim().min(1).max(32).optional() }).strict(),
  /** Movements, newest first, filtered; `before` is the `next` of the previous page. */
  'stock.movements': z
    .object({
      sku: z.string().trim().min(1, 'a SKU').max(128).optional(),
      kind: z.enum(STOCK_MOVEMENT_KINDS).optional(),
      from: timestamp.optional(),
      to: timestamp.optional(),
      before: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
};

/** Why the board has nothing to show: no hub configured, or the hub did not answer. */
export interface StockUnavailable {
  ok: false;
  reason: 'no_hub' | 'unreachable';
  /** The sync client's one-line reason (timeout, refused…); '' for no_hub. */
  message: string;
}

export type StockBoardResult = { ok: true; board: StockBoard; alerts: StockAlert[] } | StockUnavailable;
export type StockMovementsResult = { ok: true; items: StockMovement[]; next: number | null } | StockUnavailable;
