// The desk's stock events at the hub (receiving, counts, returns) and the shipment movement of a
// packed parcel. Each line books one movement keyed `<event id>:<line index>` (a bundle line one per
// component, under `:<sku>`), so an event applied twice — a re-send under another id included —
// never moves twice. Units arriving (receipts, good returns, counts up) give short orders their
// chance; every level change may alter the desks' last-unit warnings (stock-hints.ts).
import type { OutboxEvent } from '../../contract/events.js';
import { SHARED_POOL } from '../../contract/stock-ledger.js';
import { expandLine } from '../../domain/stock/bundles.js';
import type { StockConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import { book } from './stock-ledger.js';
import { componentsOf } from './stock-levels.js';
import { refreshStockHints } from './stock-hints.js';
import { retryShortOrders } from './stock-orders.js';

/** A SKU whose level the event changed; `up`: units arrived. */
type Moved = { sku: string; up: boolean };

type StockEvent = OutboxEvent<'stock.received'> | OutboxEvent<'stock.counted'> | OutboxEvent<'return.received'>;

/** A line's SKUs with keys: a plain SKU under the line's key, a bundle's components under key:sku. */
async function lineParts(t: HubTx, key: string, line: { sku: string; qty: number }) {
  const components = await componentsOf(t, line.sku);
  const parts = expandLine(line, () => components);
  return parts.map((p) => ({ ...p, key: components.length > 0 ? `${key}:${p.sku}` : key }));
}

async function received(t: HubTx, e: OutboxEvent<'stock.received'>): Promise<Moved[]> {
  const p = e.payload;
  const moved: Moved[] = [];
  for (const [i, line] of p.lines.entries())
    for (const part of await lineParts(t, `${e.id}:${i}`, line)) {
      const where = { location: p.location, pool: SHARED_POOL, ref: p.reference ?? p.receiptId, by: e.packerId };
      if (await book(t, { ...where, key: part.key, kind: 'receipt', sku: part.sku, qty: part.qty }, e.at))
        moved.push({ sku: part.sku, up: true });
    }
  return moved;
}

/**
 * What the count found per SKU: a bundle counted on the shelf is its components (a gift box holds
 * them), added to any counted loose. Keyed by the line that first named the SKU.
 */
async function countedUnits(t: HubTx, e: OutboxEvent<'stock.counted'>) {
  const out = new Map<string, { counted: number; key: string }>();
  for (const [i, line] of e.payload.lines.entries())
    for (const part of await lineParts(t, `${e.id}:${i}`, { sku: line.sku, qty: line.counted })) {
      const known = out.get(part.sku);
      out.set(part.sku, { counted: (known?.counted ?? 0) + part.qty, key: known?.key ?? part.key });
    }
  return out;
}

/** A count's difference from on hand at the location, as the hub sees it when the event applies. */
async function counted(t: HubTx, e: OutboxEvent<'stock.counted'>): Promise<Moved[]> {
  const p = e.payload;
  const moved: Moved[] = [];
  for (const [sku, { counted: units, key }] of await countedUnits(t, e)) {
    const delta = units - (await t.stock.onHandAt(sku, p.location));
    const m = { location: p.location, pool: SHARED_POOL, ref: `count ${p.countId}`, by: p.approvedBy };
    if (await book(t, { ...m, key, kind: 'adjust', sku, qty: delta }, e.at)) moved.push({ sku, up: delta > 0 });
  }
  return moved;
}

/** Good units back on the shelf, damaged ones written off; recorded against the order. */
async function returned(t: HubTx, stock: StockConfig, e: OutboxEvent<'return.received'>): Promise<Moved[]> {
  const p = e.payload;
  const orderId = p.orderId ?? (p.waybill ? await t.stock.orderOfWaybill(p.waybill) : null);
  const sold = orderId ? await t.stock.order(orderId) : undefined;
  const moved: Moved[] = [];
  for (const [i, line] of p.lines.entries())
    for (const part of await lineParts(t, `${e.id}:${i}`, line)) {
      const kind = line.condition === 'good' ? 'return_good' : 'return_damaged';
      const m = {
        key: part.key,
        kind,
        sku: part.sku,
        qty: part.qty,
        location: p.location ?? stock.location,
        pool: SHARED_POOL,
        channel: sold?.channel ?? null,
        orderId,
        ref: p.waybill ? `${p.returnId} ${p.waybill}` : p.returnId,
        by: e.packerId,
      } as const;
      if (await book(t, m, e.at)) moved.push({ sku: part.sku, up: kind === 'return_good' });
    }
  return moved;
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
  const moved =
    e.type === 'stock.received'
      ? await received(t, e)
      : e.type === 'stock.counted'
        ? await counted(t, e)
        : await returned(t, stock, e);
  const arrived = [...new Set(moved.filter((m) => m.up).map((m) => m.sku))];
  if (arrived.length > 0) await retryShortOrders(t, stock, arrived, now);
  await refreshStockHints(
    t,
    stock,
    moved.map((m) => m.sku),
  );
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
