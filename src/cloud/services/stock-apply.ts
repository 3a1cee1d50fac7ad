// The desk's stock events at the hub (receiving, counts, returns) and the shipment movement of a
// packed parcel. Each line books one movement keyed `<event id>:<line index>` (a bundle line one per
// component), so an event applied twice — a re-send under another id included — never moves twice.
// Units arriving (receipts, good returns, counts up) give short orders their chance.
import type { OutboxEvent } from '../../contract/events.js';
import { SHARED_POOL } from '../../contract/stock-ledger.js';
import { expandLine } from '../../domain/stock/bundles.js';
import type { StockConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import { book } from './stock-ledger.js';
import { componentsOf } from './stock-levels.js';
import { retryShortOrders } from './stock-orders.js';

type StockEvent = OutboxEvent<'stock.received'> | OutboxEvent<'stock.counted'> | OutboxEvent<'return.received'>;

/** A line's SKUs with keys: a plain SKU under the line's key, a bundle's components under key:sku. */
async function lineParts(t: HubTx, key: string, line: { sku: string; qty: number }) {
  const components = await componentsOf(t, line.sku);
  const parts = expandLine(line, () => components);
  return parts.map((p) => ({ ...p, key: components.length > 0 ? `${key}:${p.sku}` : key }));
}

async function received(t: HubTx, e: OutboxEvent<'stock.received'>): Promise<string[]> {
  const p = e.payload;
  const skus: string[] = [];
  for (const [i, line] of p.lines.entries())
    for (const part of await lineParts(t, `${e.id}:${i}`, line)) {
      const where = { location: p.location, pool: SHARED_POOL, ref: p.reference ?? p.receiptId, by: e.packerId };
      if (await book(t, { ...where, key: part.key, kind: 'receipt', sku: part.sku, qty: part.qty }, e.at))
        skus.push(part.sku);
    }
  return skus;
}

/** A count's difference from on hand at the location, as the hub sees it when the event applies. */
async function counted(t: HubTx, e: OutboxEvent<'stock.counted'>, warn: (line: string, f: object) => void) {
  const p = e.payload;
  const up: string[] = [];
  for (const [i, line] of p.lines.entries()) {
    if ((await componentsOf(t, line.sku)).length > 0) {
      warn('stock count: a bundle SKU was counted; bundles hold no stock, count their components', {
        eventId: e.id,
        sku: line.sku,
      });
      continue;
    }
    const delta = line.counted - (await t.stock.onHandAt(line.sku, p.location));
    const m = { location: p.location, pool: SHARED_POOL, ref: `count ${p.countId}`, by: p.approvedBy };
    if ((await book(t, { ...m, key: `${e.id}:${i}`, kind: 'adjust', sku: line.sku, qty: delta }, e.at)) && delta > 0)
      up.push(line.sku);
  }
  return up;
}

/** Good units back on the shelf, damaged ones written off; recorded against the order. */
async function returned(t: HubTx, stock: StockConfig, e: OutboxEvent<'return.received'>): Promise<string[]> {
  const p = e.payload;
  const orderId = p.orderId ?? (p.waybill ? await t.stock.orderOfWaybill(p.waybill) : null);
  const sold = orderId ? await t.stock.order(orderId) : undefined;
  const back: string[] = [];
  for (const [i, line] of p.lines.entries())
    for (const part of await lineParts(t, `${e.id}:${i}`, line)) {
      const kind = line.condition === 'good' ? 'return_good' : 'return_damaged';
      const m = {
        key: part.key,
        kind,
        sku: part.sku,
        qty: part.qty,
        location: stock.location,
        pool: SHARED_POOL,
        channel: sold?.channel ?? null,
        orderId,
        ref: p.waybill ? `${p.returnId} ${p.waybill}` : p.returnId,
        by: e.packerId,
      } as const;
      if ((await book(t, m, e.at)) && kind === 'return_good') back.push(part.sku);
    }
  return back;
}

export async function applyStockEvent(
  t: HubTx,
  e: StockEvent,
  stock: StockConfig,
  now: number,
  warn: (line: string, fields: object) => void,
): Promise<void> {
  if (!stock.enabled) {
    warn('stock event not applied: stock.enabled is false at the hub', { eventId: e.id, type: e.type });
    return;
  }
  const arrived =
    e.type === 'stock.received'
      ? await received(t, e)
      : e.type === 'stock.counted'
        ? await counted(t, e, warn)
        : await returned(t, stock, e);
  if (arrived.length > 0) await retryShortOrders(t, stock, [...new Set(arrived)], now);
}

/**
 * A parcel packed (and not in conflict) took its units off the shelf: `ship` per SKU, and the
 * order's reservation of them ends (release, ref "shipped"). Keyed by parcel and SKU.
 */
export async function shipParcel(
  t: HubTx,
  stock: StockConfig,
  parcel: OutboxEvent<'parcel.packed'>['payload'],
  at: number,
  by: string | null,
): Promise<void> {
  if (!stock.enabled) return;
  const sold = await t.stock.order(parcel.orderId);
  const where = {
    location: stock.location,
    pool: sold?.pool ?? SHARED_POOL,
    channel: sold?.channel ?? null,
    orderId: parcel.orderId,
    ref: parcel.parcelId,
    by,
  };
  const held = await t.stock.heldBy(parcel.orderId);
  const units = new Map<string, number>();
  for (const item of parcel.items)
    for (const part of await lineParts(t, '', item)) units.set(part.sku, (units.get(part.sku) ?? 0) + part.qty);
  for (const [sku, qty] of units) {
    const key = `ship:${parcel.parcelId}:${sku}`;
    if (!(await book(t, { ...where, key, kind: 'ship', sku, qty: -qty }, at))) continue;
    const release = Math.min(qty, Math.max(0, held.get(sku) ?? 0));
    await book(t, { ...where, key: `${key}:release`, kind: 'release', sku, qty: -release, ref: 'shipped' }, at);
  }
}
