// What the hub learns about a Channels shop's stock from its orders (README "Allocation and
// publishing"): which WeChat product/SKU a hub SKU is (sku_code = hub SKU, as orders are mapped),
// and the moves WeChat made on its own figure for the order, kept once each and taken into the
// figure the publisher sends differences from (domain/stock/wechat-moves.ts), so an order is never
// subtracted both by WeChat and by the hub.
import { moveAfterRead, firstSecondAfter, platformMoves } from '../../domain/stock/wechat-moves.js';
import type { HubConfig } from '../config.js';
import type { StockChannelConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import type { WechatOrder } from '../wechat/index.js';

/** A stock channel that publishes to a Channels shop the hub is configured for. */
export type WechatChannel = StockChannelConfig & { shopId: string };

export function wechatChannels(config: HubConfig): WechatChannel[] {
  const shops = new Set(config.wechat.shops.map((s) => s.id));
  return config.stock.channels.filter(
    (c): c is WechatChannel => c.kind === 'channels_shop' && c.shopId !== undefined && shops.has(c.shopId),
  );
}

/** Channels the hub serves itself (GET /v1/stock/published): mini-programs, live rooms and the rest. */
export function servedChannels(config: HubConfig): StockChannelConfig[] {
  return config.stock.channels.filter((c) => c.kind !== 'channels_shop');
}

/**
 * A pulled order of `shopId`, in the transaction that stores it. Returns the SKUs whose known
 * WeChat figure moved (the publisher looks at them again).
 */
export async function noteChannelsOrder(
  t: HubTx,
  config: HubConfig,
  shopId: string,
  order: WechatOrder,
  now: number,
): Promise<string[]> {
  if (!config.stock.enabled) return [];
  const channel = wechatChannels(config).find((c) => c.shopId === shopId);
  if (!channel) return [];
  const units = new Map<string, number>();
  for (const p of order.order_detail.product_infos) {
    if (!p.sku_code) continue;
    await t.stockPublish.learnSkuRef({
      shopId,
      sku: p.sku_code,
      productId: p.product_id,
      skuId: p.sku_id,
      source: 'order',
      at: now,
    });
    units.set(p.sku_code, (units.get(p.sku_code) ?? 0) + p.sku_cnt);
  }
  const times = {
    status: order.status,
    createTimeS: order.create_time,
    payTimeS: order.order_detail.pay_info.pay_time ?? 0,
    updateTimeS: order.update_time,
  };
  const moved: string[] = [];
  for (const [sku, qty] of units) {
    const [row] = await t.stockPublish.rows([sku], channel.id);
    for (const move of platformMoves(times, qty, config.stock.wechatDecrementsAt)) {
      const fresh = await t.stockPublish.notePlatformMove({ shopId, orderId: order.order_id, sku, ...move });
      // An unknown figure takes the move when it is read (readFigure); a known one takes it now.
      if (!fresh || !row || row.sent === null || row.readAt === null) continue;
      const delta = moveAfterRead(move, row.readAt);
      if (delta === 0) continue;
      await t.stockPublish.adjust(channel.id, sku, delta);
      moved.push(sku);
    }
  }
  return moved;
}

/**
 * WeChat said `value` for the SKU, answering at `readAtMs`: moves of orders the hub already
 * recorded that the answer cannot hold yet are applied to it. Returns the figure kept.
 */
export async function readFigure(
  t: HubTx,
  channel: WechatChannel,
  sku: string,
  value: number,
  readAtMs: number,
): Promise<number> {
  let figure = value;
  for (const move of await t.stockPublish.platformMovesSince(channel.shopId, sku, firstSecondAfter(readAtMs)))
    figure += moveAfterRead(move, readAtMs);
  await t.stockPublish.read(channel.id, sku, figure, readAtMs);
  return figure;
}
