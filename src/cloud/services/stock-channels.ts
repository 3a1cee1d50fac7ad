// Which selling channel an order sells from (README "Stock model"), and so which pool its
// reservation draws from: a channel with a dedicated pool never competes with the shared stock.
import { SHARED_POOL } from '../../contract/stock-ledger.js';
import type { StockConfig } from '../config-stock.js';
import type { HubOrderRow } from '../store/types.js';

/** Orders of no configured channel. */
export const DEFAULT_CHANNEL = 'default';

type OrderSide = Pick<HubOrderRow, 'source' | 'shopId' | 'channel' | 'payment'>;

/**
 * A Channels order → the channel whose shopId is its shop; an intake order → `stockChannel` when
 * given, else the channel whose appId is the payment's, else the first of its kind; an imported
 * (live-room) order → the first live_room channel; anything else → "default".
 */
export function orderChannel(stock: StockConfig, order: OrderSide, stockChannel?: string): string {
  const channels = stock.channels;
  if (stockChannel !== undefined) return stockChannel;
  const found =
    order.source === 'channels'
      ? channels.find((c) => c.kind === 'channels_shop' && c.shopId === order.shopId)
      : order.source === 'intake'
        ? (channels.find((c) => c.appId !== undefined && c.appId === order.payment?.appId) ??
          channels.find((c) => c.kind === order.channel))
        : channels.find((c) => c.kind === 'live_room');
  return found?.id ?? DEFAULT_CHANNEL;
}

/** The pool a channel sells from. */
export function poolOf(stock: StockConfig, channel: string): string {
  return stock.channels.find((c) => c.id === channel)?.dedicatedPool ? channel : SHARED_POOL;
}

/** Pools a movement may name: the shared pool and every dedicated channel pool. */
export function knownPools(stock: StockConfig): string[] {
  return [SHARED_POOL, ...stock.channels.filter((c) => c.dedicatedPool).map((c) => c.id)];
}
