// Unpaid intake orders (status "unpaid"): their stock is reserved so the shop does not sell it twice
// while the buyer pays, but the order stays off the desks. A post marking it paid (or cancelled)
// takes over; otherwise the clock gives the units back after stock.unpaidReleaseMin.
import type { StockConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import type { IncomingOrder } from './orders.js';
import { settleOrderStock } from './stock-orders.js';

export async function holdUnpaidOrder(
  t: HubTx,
  incoming: IncomingOrder,
  stock: { config: StockConfig; stockChannel?: string },
  now: number,
): Promise<{ id: string; unpaid: true; reservedUntil: number | null } | { error: string }> {
  const { order } = incoming;
  const known = await t.orders.get(order.id);
  if (known && known.status !== 'cancelled')
    return { error: `status: order ${order.id} is paid at the hub already; an "unpaid" post cannot take that back` };
  const row = { ...order, source: incoming.source, shopId: incoming.shopId, payment: incoming.payment };
  await settleOrderStock(t, stock.config, { order: row, stockChannel: stock.stockChannel, unpaid: true }, now);
  const held = await t.stock.order(order.id);
  return { id: order.id, unpaid: true, reservedUntil: held?.state === 'unpaid' ? held.unpaidUntil : null };
}
