// WeChat moves a Channels SKU's stock figure by itself: it takes units off for an order (at
// placement, per the spec's inference — UNCONFIRMED, hence the `stock.wechatDecrementsAt` setting)
// and gives them back only when an unpaid order is cancelled (wechat-api-2.md §4). The hub sends
// differences (diff_type 1/2) from what WeChat holds, so it keeps WeChat's figure as: the figure
// last read + every update since + every one of WeChat's own moves since that read. This decides
// which moves an order makes and whether a move is already in a figure read at a given time.
//
// WeChat's times are whole seconds; a read is timed in milliseconds when its answer arrived. When
// a move and a read fall in the same second the order between them is unknown, and each is taken
// the way that can only make the hub publish less, never more: a take is assumed to be in the read,
// a giveback not to be.

export type DecrementPoint = 'order' | 'payment' | 'never';

export interface PlatformMove {
  kind: 'take' | 'giveback';
  qty: number;
  /** Unix seconds. */
  atS: number;
}

export interface OrderTimes {
  /** Channels status (§2.3): 10 unpaid, 20 paid, …, 190/200/250 cancelled. */
  status: number;
  createTimeS: number;
  /** 0 when never paid. */
  payTimeS: number;
  updateTimeS: number;
}

const CANCELLED = new Set([190, 200, 250]);

/** The moves WeChat made for `qty` units of one SKU of this order, as far as the order shows. */
export function platformMoves(order: OrderTimes, qty: number, point: DecrementPoint): PlatformMove[] {
  if (qty <= 0 || point === 'never') return [];
  const paid = order.payTimeS > 0;
  if (point === 'payment') return paid ? [{ kind: 'take', qty, atS: order.payTimeS }] : [];
  const moves: PlatformMove[] = [{ kind: 'take', qty, atS: order.createTimeS }];
  // Rolled back only when cancelled before payment; a refund never gives stock back.
  if (!paid && CANCELLED.has(order.status)) moves.push({ kind: 'giveback', qty, atS: order.updateTimeS });
  return moves;
}

/**
 * What `move` changes in a figure read at `readAtMs`: nothing when the read already holds it,
 * −qty for a take after it, +qty for a giveback after it (see the file comment for same-second).
 */
export function moveAfterRead(move: PlatformMove, readAtMs: number): number {
  if (move.kind === 'take') return move.atS * 1000 > readAtMs ? -move.qty : 0;
  return (move.atS + 1) * 1000 > readAtMs ? move.qty : 0;
}

/** The earliest second a move can have that is not surely in a figure read at `readAtMs`. */
export function firstSecondAfter(readAtMs: number): number {
  return Math.floor(readAtMs / 1000) - 1;
}
