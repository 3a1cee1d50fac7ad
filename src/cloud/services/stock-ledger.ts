// Booking movements: one call per movement, each keyed by its cause, so a replayed event, a retried
// request or a re-run reconciliation never moves stock twice (the store ignores a known key).
import { newId } from '../../base/ids.js';
import type { StockMovementKind } from '../../contract/stock-ledger.js';
import type { HubTx } from '../store/types.js';

export interface MovementInput {
  key: string;
  kind: StockMovementKind;
  sku: string;
  qty: number;
  location: string;
  pool: string;
  channel?: string | null;
  orderId?: string | null;
  ref?: string | null;
  by?: string | null;
}

/**
 * Books the movement at `at` unless its key is known; true when it was booked now. A quantity of 0
 * books nothing, unless `keepZero` (a line that must not be booked again later, such as opening stock).
 */
export async function book(
  t: HubTx,
  m: MovementInput,
  at: number,
  opts: { keepZero?: boolean } = {},
): Promise<boolean> {
  if (m.qty === 0 && !opts.keepZero) return false;
  return t.stock.move({
    id: newId(at),
    key: m.key,
    kind: m.kind,
    sku: m.sku,
    qty: m.qty,
    location: m.location,
    pool: m.pool,
    channel: m.channel ?? null,
    orderId: m.orderId ?? null,
    ref: m.ref ?? null,
    at,
    by: m.by ?? null,
  });
}
