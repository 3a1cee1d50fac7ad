// The desk's stock warnings per order line (README "Stock at the desk"), derived from the ledger's
// state so they follow the stock after the reservation: `short` for the SKUs a short order lacks;
// `last_unit` for the order that reserved a SKU last while its pool has nothing left available.
// Whenever a level changes (receipt, release, adjust, return) the orders whose warning that alters
// are written again through the orders feed, so the desks get them on their next pull.
import type { HubOrderRow, HubTx } from '../store/types.js';
import type { StockConfig } from '../config-stock.js';
import { knownPools } from './stock-channels.js';
import { componentsOf } from './stock-levels.js';

export type StockHint = 'last_unit' | 'short';

type HintedOrder = Pick<HubOrderRow, 'id' | 'lines'>;

/** The warning of each line from its SKUs' (a bundle's components'): short beats last unit. */
async function lineHints(
  t: HubTx,
  order: HintedOrder,
  hintFor: (sku: string) => StockHint | undefined,
): Promise<Map<number, StockHint>> {
  const hints = new Map<number, StockHint>();
  for (const line of order.lines) {
    if (line.productId === 0) continue;
    const parts = (await componentsOf(t, line.sku)).map((c) => c.sku);
    const found = (parts.length > 0 ? parts : [line.sku]).map(hintFor);
    const hint = found.includes('short') ? 'short' : found.includes('last_unit') ? 'last_unit' : undefined;
    if (hint) hints.set(line.lineNo, hint);
  }
  return hints;
}

/** What each line of the order should warn of, as the ledger stands. */
export async function orderHints(t: HubTx, order: HintedOrder): Promise<Map<number, StockHint>> {
  const row = await t.stock.order(order.id);
  if (!row) return new Map();
  const short = new Set(row.shortages.map((s) => s.sku));
  const last = new Set(await t.stock.lastUnitSkus(order.id));
  return lineHints(t, order, (sku) => (short.has(sku) ? 'short' : last.has(sku) ? 'last_unit' : undefined));
}

/** Writes the order's warnings when they differ from what it carries (the feed tells the desks). */
export async function writeOrderHints(t: HubTx, order: HintedOrder): Promise<void> {
  const hints = await orderHints(t, order);
  const same = order.lines.every((l) => l.stockHint === hints.get(l.lineNo));
  if (!same && (await t.orders.get(order.id))) await t.orders.setStockHints(order.id, hints);
}

/**
 * After the levels of `skus` changed: per SKU and pool, the order that reserved it last holds the
 * last unit when nothing is left available there, and no other order does. Orders whose mark
 * changed, still open or held, get their warnings written again.
 */
export async function refreshStockHints(t: HubTx, stock: StockConfig, skus: Iterable<string>): Promise<void> {
  if (!stock.enabled) return;
  const list = [...new Set(skus)];
  if (list.length === 0) return;
  const available = new Map<string, number>();
  for (const r of await t.stock.totals(list, null))
    available.set(`${r.sku}\t${r.pool}`, (available.get(`${r.sku}\t${r.pool}`) ?? 0) + r.onHand - r.reserved);
  const touched = new Set<string>();
  for (const sku of list) {
    const want = new Set<string>();
    for (const pool of knownPools(stock)) {
      if ((available.get(`${sku}\t${pool}`) ?? 0) > 0) continue;
      const holder = await t.stock.newestHolder(sku, pool);
      if (holder) want.add(holder);
    }
    const have = new Set(await t.stock.lastUnitHolders(sku));
    for (const id of have)
      if (!want.has(id)) {
        await t.stock.setLastUnit(id, sku, false);
        touched.add(id);
      }
    for (const id of want)
      if (!have.has(id)) {
        await t.stock.setLastUnit(id, sku, true);
        touched.add(id);
      }
  }
  for (const id of touched) {
    const order = await t.orders.get(id);
    if (order && (order.status === 'open' || order.status === 'held')) await writeOrderHints(t, order);
  }
}
