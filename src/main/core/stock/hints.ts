// The hub's stock warnings on the pack screen: each pack line carries its order line's hint
// (a bundle's components carry the bundle line's). Short outranks last unit.
import type { Order, PackLine } from '../../../contract/entities.js';
import type { StockHint } from '../../../contract/stock-desk.js';

function worst(hints: (StockHint | undefined)[]): StockHint | undefined {
  if (hints.includes('short')) return 'short';
  return hints.includes('last_unit') ? 'last_unit' : undefined;
}

export function withStockHints(order: Order, lines: readonly PackLine[]): PackLine[] {
  return lines.map((l) => {
    const hint = worst(
      order.lines
        .filter((o) => o.productId === l.productId || (l.bundleTitle !== null && o.title === l.bundleTitle))
        .map((o) => o.stockHint),
    );
    return hint ? { ...l, stockHint: hint } : { ...l };
  });
}
