// Orders and the ledger: a paid order reserves every unit it needs or none; one that cannot is
// short (held RSN-STOCK-SHORT at the desks) until stock arrives or a supervisor releases it. An
// unpaid intake order reserves until the clock releases it. Cancelling releases; shipping turns the
// reservation into a shipment. Everything here is decided from state (what the order needs against
// what it holds), so running it again books nothing.
import { STOCK_SHORT_REASON } from '../../contract/stock-ledger.js';
import { expandLine, totalNeeds } from '../../domain/stock/bundles.js';
import { decideReservation } from '../../domain/stock/reserve.js';
import type { StockConfig } from '../config-stock.js';
import type { HubOrderRow, HubTx } from '../store/types.js';
import type { StockOrderRow } from '../store/stock-types.js';
import { book } from './stock-ledger.js';
import { availableIn, componentsOf } from './stock-levels.js';
import { refreshStockHints, writeOrderHints } from './stock-hints.js';
import { orderChannel, poolOf } from './stock-channels.js';

export interface OrderStockInput {
  order: Pick<HubOrderRow, 'id' | 'status' | 'holdReason' | 'lines' | 'source' | 'shopId' | 'channel' | 'payment'>;
  /** The intake's stockChannel: the channel it sells from, whatever its payment says. */
  stockChannel?: string;
  /** An intake order posted as unpaid: reserved until the clock runs out, never short. */
  unpaid?: boolean;
}

/** Units per SKU the order's lines need, bundles expanded; lines of unknown products need nothing. */
async function orderNeeds(t: HubTx, lines: OrderStockInput['order']['lines']): Promise<Map<string, number>> {
  const needs = [];
  for (const line of lines) {
    if (line.productId === 0) continue;
    const components = await componentsOf(t, line.sku);
    needs.push(...expandLine(line, () => components));
  }
  return totalNeeds(needs);
}

/** A unique key for the order's next movement of this SKU (decided from state, so never reused). */
async function orderKey(t: HubTx, kind: string, orderId: string, sku: string): Promise<string> {
  const before = await t.stock.movements({ orderId, sku, limit: 100_000 });
  return `${kind}:${orderId}:${sku}:${before.length + 1}`;
}

/** Gives back everything the order holds; `shipped` books the units as gone first. */
async function releaseAll(
  t: HubTx,
  stock: StockConfig,
  row: Pick<StockOrderRow, 'orderId' | 'channel' | 'pool'>,
  why: 'cancelled' | 'shipped' | 'unpaid_timeout',
  now: number,
): Promise<void> {
  const where = { location: stock.location, pool: row.pool, channel: row.channel, orderId: row.orderId };
  for (const [sku, qty] of await t.stock.heldBy(row.orderId)) {
    if (qty <= 0) continue;
    if (why === 'shipped')
      await book(t, { ...where, key: await orderKey(t, 'ship', row.orderId, sku), kind: 'ship', sku, qty: -qty }, now);
    const key = await orderKey(t, 'release', row.orderId, sku);
    await book(t, { ...where, key, kind: 'release', sku, qty: -qty, ref: why }, now);
  }
}

/**
 * Brings the order's reservation in line with its state: reserve what it needs (all or nothing),
 * hold it short, release it (cancelled), or ship what it still holds (shipped elsewhere). A no-op
 * when stock is off.
 */
export async function settleOrderStock(
  t: HubTx,
  stock: StockConfig,
  input: OrderStockInput,
  now: number,
): Promise<void> {
  if (!stock.enabled) return;
  const { order } = input;
  const existing = await t.stock.order(order.id);
  const channel = input.stockChannel ?? existing?.channel ?? orderChannel(stock, order);
  const pool = poolOf(stock, channel);
  const needs = await orderNeeds(t, order.lines);
  const row: StockOrderRow = {
    orderId: order.id,
    channel,
    pool,
    needs: [...needs].map(([sku, qty]) => ({ sku, qty })),
    state: 'closed',
    unpaidUntil: null,
    shortAt: null,
    shortages: [],
    releasedBy: existing?.releasedBy ?? null,
    updatedAt: now,
  };
  if (order.status === 'cancelled' || order.status === 'shipped') {
    const held = [...(await t.stock.heldBy(order.id)).keys()];
    await releaseAll(t, stock, row, order.status, now);
    await t.stock.putOrder(row);
    // Units given back may end another order's "last unit".
    if (order.status === 'cancelled') await refreshStockHints(t, stock, held);
    return;
  }
  const held = await t.stock.heldBy(order.id);
  const available = await availableIn(t, [...needs.keys()], pool);
  const decision = decideReservation(needs, held, (sku) => available.get(sku) ?? 0);
  const unpaidUntil = input.unpaid ? (existing?.unpaidUntil ?? now + stock.unpaidReleaseMin * 60_000) : null;
  for (const [sku, qty] of decision.ok ? decision.deltas : decision.releases) {
    const kind = qty > 0 ? 'reserve' : 'release';
    const key = await orderKey(t, kind, order.id, sku);
    await book(t, { key, kind, sku, qty, location: stock.location, pool, channel, orderId: order.id }, now);
  }
  if (decision.ok) {
    await t.stock.putOrder({ ...row, state: input.unpaid ? 'unpaid' : 'reserved', unpaidUntil });
    if (order.status === 'held' && order.holdReason === STOCK_SHORT_REASON)
      await t.orders.setStatus(order.id, 'open', null, now);
  } else if (input.unpaid) {
    await t.stock.putOrder({ ...row, state: 'unpaid', unpaidUntil, shortages: decision.shortages });
  } else {
    const released = existing?.state === 'released';
    await t.stock.putOrder({
      ...row,
      state: released ? 'released' : 'short',
      shortAt: released ? null : (existing?.shortAt ?? now),
      shortages: decision.shortages,
    });
    if (!released && order.status === 'open') await t.orders.setStatus(order.id, 'held', STOCK_SHORT_REASON, now);
  }
  await refreshStockHints(t, stock, needs.keys());
  await writeOrderHints(t, order);
}

/** Short orders needing any of `skus` (all when null) try again, oldest first; returns how many got their stock. */
export async function retryShortOrders(
  t: HubTx,
  stock: StockConfig,
  skus: readonly string[] | null,
  now: number,
): Promise<number> {
  if (!stock.enabled) return 0;
  let reserved = 0;
  for (const short of await t.stock.shortOrders(skus, 1000)) {
    const order = await t.orders.get(short.orderId);
    if (!order) continue;
    await settleOrderStock(t, stock, { order }, now);
    if ((await t.stock.order(short.orderId))?.state === 'reserved') reserved++;
  }
  return reserved;
}

/** Unpaid reservations whose time ran out by `now` go back (and short orders may take the units). */
export async function releaseUnpaid(t: HubTx, stock: StockConfig, now: number, limit = 500): Promise<string[]> {
  const due = await t.stock.unpaidDue(now, limit);
  for (const row of due) {
    await releaseAll(t, stock, row, 'unpaid_timeout', now);
    await t.stock.putOrder({ ...row, state: 'closed', unpaidUntil: null, updatedAt: now });
  }
  if (due.length > 0) {
    const skus = [...new Set(due.flatMap((r) => r.needs.map((n) => n.sku)))];
    await retryShortOrders(t, stock, skus, now);
    await refreshStockHints(t, stock, skus);
  }
  return due.map((r) => r.orderId);
}

/**
 * Orders the hub had before stock was turned on reserve now (or wait short), a batch at a time in
 * id order; returns the last id settled, or null when none were left after `afterId`.
 */
export async function settleUnsettledOrders(
  t: HubTx,
  stock: StockConfig,
  afterId: string,
  now: number,
  limit = 200,
): Promise<string | null> {
  const ids = await t.stock.unsettledOrders(afterId, limit);
  for (const id of ids) {
    const order = await t.orders.get(id);
    if (order) await settleOrderStock(t, stock, { order }, now);
  }
  return ids.at(-1) ?? null;
}

/**
 * A supervisor lets a short order go to the desks without its stock (the shelf has it, the ledger
 * not yet): it is no longer held and never held short again. Null when it is not short.
 */
export async function releaseShortOrder(
  t: HubTx,
  orderId: string,
  by: string,
  now: number,
): Promise<StockOrderRow | null> {
  const row = await t.stock.order(orderId);
  if (row?.state !== 'short') return null;
  const released: StockOrderRow = { ...row, state: 'released', shortAt: null, releasedBy: by, updatedAt: now };
  await t.stock.putOrder(released);
  const order = await t.orders.get(orderId);
  if (order?.status === 'held' && order.holdReason === STOCK_SHORT_REASON)
    await t.orders.setStatus(orderId, 'open', null, now);
  return released;
}
