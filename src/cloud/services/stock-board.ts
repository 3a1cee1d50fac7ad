// The stock board (GET /v1/stock/board) and the figures a hub-served channel reads
// (GET /v1/stock/published): per SKU the ledger's water level, each channel's share as the
// publisher computes it now and what the channel last showed, days of cover from sales velocity.
import type { BoardItem, PublishedStock, StockBoard } from '../../contract/stock-board.js';
import type { StockConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import { readShares, salesBySku, velocityPerDay } from './stock-targets.js';

/** Units paid orders wait for, per SKU (their shortfall when they were last tried). */
async function shortUnits(t: HubTx): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const o of await t.stock.shortOrders(null, 100_000))
    for (const s of o.shortages) out.set(s.sku, (out.get(s.sku) ?? 0) + s.need);
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Every SKU the ledger knows; one channel's column only when `channel` is given. */
export async function stockBoard(
  t: HubTx,
  stock: StockConfig,
  channel: string | null,
  now: number,
): Promise<StockBoard> {
  const sales = await salesBySku(t, stock, now);
  const shares = await readShares(t, stock, null, sales);
  const published = new Map((await t.stockPublish.rows(null)).map((r) => [`${r.channel}\t${r.sku}`, r]));
  const short = await shortUnits(t);
  const items: BoardItem[] = [];
  for (const { level, allocation } of shares) {
    const velocity = velocityPerDay(stock, sales.get(level.sku));
    const daysOfCover = velocity > 0 ? round2(Math.max(0, level.available) / velocity) : null;
    items.push({
      sku: level.sku,
      name: (await t.products.bySku(level.sku))?.title ?? '',
      onHand: level.onHand,
      reserved: level.reserved,
      available: level.available,
      channels: allocation.channels
        .filter((c) => channel === null || c.channel === channel)
        .map((c) => {
          const row = published.get(`${c.channel}\t${level.sku}`);
          return {
            channel: c.channel,
            allocated: c.allocated,
            published: row && row.sent !== null ? Math.max(0, row.sent) : null,
            publishedAt: row?.sentAt ?? null,
          };
        }),
      velocityPerDay: round2(velocity),
      daysOfCover,
      low: daysOfCover !== null && daysOfCover < stock.lowStockDays,
      short: short.get(level.sku) ?? 0,
    });
  }
  return { items, at: now };
}

/** What a hub-served channel shows of each SKU, as last computed. */
export async function publishedStock(t: HubTx, channel: string): Promise<PublishedStock> {
  const items = [];
  for (const r of await t.stockPublish.rows(null, channel))
    if (r.sent !== null) items.push({ sku: r.sku, qty: Math.max(0, r.sent), at: r.sentAt ?? 0 });
  return { channel, items };
}
