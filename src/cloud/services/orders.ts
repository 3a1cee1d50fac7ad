// Orders enter the hub from WeChat pulls and pushes, the intake API and CSV imports. Every source
// ends here: a content hash decides whether anything changed (so re-imports and re-pulls create no
// duplicates and no feed noise), and a change to an order that is already packed becomes an
// exception instead of silently rewriting what the label says.
import { createHash } from 'node:crypto';
import type { HubOrder } from '../../contract/sync.js';
import { newId } from '../../base/ids.js';
import type { HubOrderRow, HubTx, OrderSource, PaymentRef, WechatLineRef } from '../store/types.js';
import type { StockConfig } from '../config-stock.js';
import { settleOrderStock } from './stock-orders.js';

export interface IncomingOrder {
  order: Omit<HubOrder, 'version' | 'preassigned'>;
  source: OrderSource;
  shopId: string | null;
  wechatLines: WechatLineRef[];
  payment: PaymentRef | null;
}

/** The fields that matter to a packer and a label; updatedAt alone is not a change. */
export function orderHash(o: IncomingOrder['order']): string {
  const { updatedAt: _updated, ...rest } = o;
  return createHash('sha1').update(JSON.stringify(rest)).digest('hex');
}

const addressOf = (o: Pick<HubOrder, 'recipientName' | 'recipientPhone' | 'address'>) =>
  JSON.stringify([o.recipientName, o.recipientPhone, o.address]);

/** The desk's stock warnings of lines that did not change stay until the ledger decides again. */
function keepStockHints(lines: HubOrder['lines'], before: HubOrder['lines'] | undefined): HubOrder['lines'] {
  const hints = new Map(before?.map((l) => [`${l.lineNo}|${l.sku}|${l.qty}`, l.stockHint]));
  return lines.map((l) => {
    const hint = hints.get(`${l.lineNo}|${l.sku}|${l.qty}`);
    return hint ? { ...l, stockHint: hint } : l;
  });
}

/**
 * `stock`: the hub's stock section (and an intake's stockChannel); the order's reservation is
 * settled in the same transaction (services/stock-orders.ts). Without it, stock is left alone.
 */
export async function upsertOrder(
  t: HubTx,
  incoming: IncomingOrder,
  now: number,
  stock?: { config: StockConfig; stockChannel?: string },
): Promise<{ changed: boolean; row: HubOrderRow | undefined }> {
  const before = await t.orders.get(incoming.order.id);
  // A label already printed for the old address: the packed parcel must be stopped or re-labelled.
  if (before?.packedBy && addressOf(before) !== addressOf(incoming.order)) {
    await t.exceptions.add({
      id: newId(now),
      orderId: before.id,
      stationId: before.packedBy,
      kind: 'address_changed_after_label',
      detail: `address changed after packing at ${before.packedBy}: now ${incoming.order.address.province}${incoming.order.address.city}${incoming.order.address.district}`,
      at: now,
    });
  }
  const { changed } = await t.orders.upsert({
    ...incoming.order,
    lines: keepStockHints(incoming.order.lines, before?.lines),
    preassigned: before?.preassigned ?? null,
    ...(before?.subWaybills ? { subWaybills: before.subWaybills } : {}),
    source: incoming.source,
    shopId: incoming.shopId,
    wechatLines: incoming.wechatLines,
    payment: incoming.payment,
    contentHash: orderHash(incoming.order),
  });
  const stored = await t.orders.get(incoming.order.id);
  if (stock && stored)
    await settleOrderStock(t, stock.config, { order: stored, stockChannel: stock.stockChannel }, now);
  return { changed, row: stock ? await t.orders.get(incoming.order.id) : stored };
}
