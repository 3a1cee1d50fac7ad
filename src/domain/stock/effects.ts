// What each kind of stock movement does to the figures. Every movement moves exactly one figure,
// so on hand and reserved are plain sums over the ledger and any figure can be explained by listing
// the movements that make it up.
import type { StockMovementKind } from '../../contract/stock-ledger.js';

export type StockFigure = 'onHand' | 'reserved' | 'writtenOff';

/**
 * ship takes units off the shelf; the order's reservation of them ends with a separate release
 * (ref "shipped"). A damaged return never re-enters on hand (the unit left with `ship`): it is
 * counted as written off.
 */
export const MOVEMENT_FIGURE: Record<StockMovementKind, StockFigure> = {
  receipt: 'onHand',
  ship: 'onHand',
  return_good: 'onHand',
  adjust: 'onHand',
  transfer: 'onHand',
  reserve: 'reserved',
  release: 'reserved',
  return_damaged: 'writtenOff',
};

export interface Figures {
  onHand: number;
  reserved: number;
  writtenOff: number;
}

/** The figures a list of movements adds up to (the ledger's own totals must equal this). */
export function sumMovements(movements: readonly { kind: StockMovementKind; qty: number }[]): Figures {
  const f: Figures = { onHand: 0, reserved: 0, writtenOff: 0 };
  for (const m of movements) f[MOVEMENT_FIGURE[m.kind]] += m.qty;
  return f;
}
