// Stock publisher rows (stock_published, stock_wechat_skus, stock_wechat_moves) as both stores hold
// them and their mapping to the domain. No SQL here: each dialect's stock-publish-repos.ts has its own.
import type { PublishedRow, WechatSkuRef } from '../stock-publish-types.js';

export type PublishedDbRow = {
  channel: string;
  sku: string;
  target: number;
  sent: number | null;
  sent_at: number | null;
  read_at: number | null;
  in_flight: number;
  error: string | null;
};

export const toPublished = (r: PublishedDbRow): PublishedRow => ({
  channel: r.channel,
  sku: r.sku,
  target: r.target,
  sent: r.sent,
  sentAt: r.sent_at,
  readAt: r.read_at,
  inFlight: r.in_flight === 1,
  error: r.error,
});

export type SkuRefDbRow = {
  shop_id: string;
  sku: string;
  product_id: string;
  sku_id: string;
  source: 'order' | 'admin';
  at: number;
};

export const toSkuRef = (r: SkuRefDbRow): WechatSkuRef => ({
  shopId: r.shop_id,
  sku: r.sku,
  productId: r.product_id,
  skuId: r.sku_id,
  source: r.source,
  at: r.at,
});

export type MoveDbRow = {
  shop_id: string;
  order_id: string;
  sku: string;
  kind: 'take' | 'giveback';
  qty: number;
  at_s: number;
};
