// The stock publisher on the wire (README "Allocation and publishing", "Stock board"): the board
// per SKU and channel (GET /v1/stock/board), the published figures a mini-program or other channel
// reads (GET /v1/stock/published?channel=), and the admin's map of hub SKUs to WeChat product and
// SKU ids (/v1/admin/stock/wechat-skus). The hub builds and parses these; the desk's supervisor
// view and a channel's own server parse them with the same schemas.
import { z } from 'zod';

const sku = z.string().min(1).max(128);
const channelId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a stock channel id (1–32 letters, digits, _ or -)');
/** WeChat ids are uint64: decimal digits, sent as strings. */
const wechatId = z.string().regex(/^\d{1,20}$/, 'a WeChat id (decimal digits)');

export const stockBoardQuery = z.object({ channel: channelId.optional() }).strict();
export const publishedStockQuery = z.object({ channel: channelId }).strict();

export const boardChannelSchema = z.object({
  channel: channelId,
  /** Units of the SKU this channel may sell now (its share after the safety reserve). */
  allocated: z.number().int().min(0),
  /**
   * What buyers of the channel see: for a Channels shop the figure WeChat holds as far as the hub
   * knows (null until the first publish), for other channels the figure the hub serves.
   */
  published: z.number().int().min(0).nullable(),
  /** When that figure last reached the channel (epoch ms); null when never. */
  publishedAt: z.number().int().nullable(),
});
export type BoardChannel = z.infer<typeof boardChannelSchema>;

export const boardItemSchema = z.object({
  sku,
  name: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  channels: z.array(boardChannelSchema),
  /** Units reserved per day over the last `stock.velocityDays` days, every channel together. */
  velocityPerDay: z.number().min(0),
  /** available ÷ velocityPerDay; null when nothing sold in the window. */
  daysOfCover: z.number().min(0).nullable(),
  /** Days of cover below `stock.lowStockDays`, or nothing left to sell while it sells. */
  low: z.boolean(),
  /** Units paid orders wait for (orders held RSN-STOCK-SHORT). */
  short: z.number().int().min(0),
});
export type BoardItem = z.infer<typeof boardItemSchema>;

export const stockBoardResponse = z.object({ items: z.array(boardItemSchema), at: z.number().int() });
export type StockBoard = z.infer<typeof stockBoardResponse>;

export const publishedStockResponse = z.object({
  channel: channelId,
  items: z.array(
    z.object({
      sku,
      qty: z.number().int().min(0),
      /** When this figure was set (epoch ms). */
      at: z.number().int(),
    }),
  ),
});
export type PublishedStock = z.infer<typeof publishedStockResponse>;

const wechatSkuRef = z
  .object({
    /** The Channels shop (wechat.shops[].id). */
    shopId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a wechat.shops[].id'),
    sku,
    productId: wechatId,
    skuId: wechatId,
  })
  .strict();

/** PUT /v1/admin/stock/wechat-skus: where each hub SKU is in a Channels shop (replaces what orders taught). */
export const wechatSkuRefsRequest = z.object({ items: z.array(wechatSkuRef).min(1).max(5000) }).strict();
export type WechatSkuRefsRequest = z.infer<typeof wechatSkuRefsRequest>;

export const wechatSkuRefsQuery = z.object({ shopId: z.string().min(1).max(32).optional() }).strict();
export const wechatSkuRefsResponse = z.object({
  items: z.array(
    wechatSkuRef.extend({
      /** order: learnt from a pulled order; admin: set through this API. */
      source: z.enum(['order', 'admin']),
      at: z.number().int(),
    }),
  ),
});
