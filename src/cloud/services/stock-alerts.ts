// What needs a person's eye in the stock (GET /v1/admin/stock/alerts): orders short of stock per
// SKU, SKUs selling out within stock.lowStockDays at their recent pace, more reserved than on hand
// (oversold), and on hand below zero (shipped what the ledger did not have).
import type { StockAlert } from '../../contract/stock-ledger.js';
import type { StockConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import { readLevels, readSales } from './stock-levels.js';

const DAY_MS = 86_400_000;

async function shortAlerts(t: HubTx): Promise<StockAlert[]> {
  const bySku = new Map<string, { need: number; available: number; orderIds: string[]; at: number }>();
  for (const order of await t.stock.shortOrders(null, 10_000))
    for (const s of order.shortages) {
      const a = bySku.get(s.sku) ?? { need: 0, available: s.available, orderIds: [], at: order.shortAt ?? 0 };
      a.need += s.need;
      a.orderIds.push(order.orderId);
      a.at = Math.min(a.at, order.shortAt ?? a.at);
      bySku.set(s.sku, a);
    }
  return [...bySku].map(([sku, a]) => ({
    kind: 'short',
    sku,
    detail: `${a.orderIds.length} paid order(s) wait for ${a.need} unit(s); ${a.available} available`,
    at: a.at,
    orderIds: a.orderIds,
  }));
}

export async function stockAlerts(t: HubTx, stock: StockConfig, now: number): Promise<StockAlert[]> {
  const alerts = await shortAlerts(t);
  const sold = new Map<string, number>();
  for (const s of await readSales(t, now - stock.velocityDays * DAY_MS))
    sold.set(s.sku, (sold.get(s.sku) ?? 0) + s.qty);
  const latest = new Map((await t.stock.totals(null, null)).map((r) => [r.sku, r.at]));
  for (const level of await readLevels(t, null)) {
    const at = latest.get(level.sku) ?? now;
    if (level.onHand < 0)
      alerts.push({
        kind: 'negative',
        sku: level.sku,
        detail: `on hand ${level.onHand}: more shipped than received`,
        at,
      });
    else if (level.available < 0)
      alerts.push({
        kind: 'oversold',
        sku: level.sku,
        detail: `reserved ${level.reserved} of ${level.onHand} on hand: ${-level.available} unit(s) promised twice`,
        at,
      });
    const perDay = (sold.get(level.sku) ?? 0) / stock.velocityDays;
    if (perDay > 0 && level.available >= 0 && level.available / perDay < stock.lowStockDays)
      alerts.push({
        kind: 'low',
        sku: level.sku,
        detail: `${level.available} available, ${perDay.toFixed(1)} sold a day: ${(level.available / perDay).toFixed(1)} day(s) of cover (alert below ${stock.lowStockDays})`,
        at,
      });
  }
  return alerts;
}
