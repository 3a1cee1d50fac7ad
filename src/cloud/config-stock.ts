// The hub config's `stock` section: the stock ledger (services/stock*.ts), the unpaid-reservation
// clock and the channel allocation the stock publisher reads. Off by default: without
// `stock.enabled` no order, parcel or desk event moves stock.
import { z } from 'zod';

const channelId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -');

export const STOCK_CHANNEL_KINDS = ['channels_shop', 'mini_program', 'official_account', 'live_room', 'other'] as const;

const stockChannel = z
  .object({
    id: channelId,
    kind: z.enum(STOCK_CHANNEL_KINDS),
    /** channels_shop: the wechat.shops[].id it publishes to (its orders sell from this channel). */
    shopId: z.string().min(1).optional(),
    /** mini_program / official_account: matches an intake order's payment.appId. */
    appId: z.string().min(1).optional(),
    policy: z.enum(['fixed', 'dynamic']).default('fixed'),
    /** fixed: share 0..1 of the sellable stock. */
    ratio: z.number().min(0).max(1).optional(),
    /** dynamic: base weight, scaled by recent sales velocity. */
    weight: z.number().min(0).default(1),
    /** Its own pool (stock is transferred into it) that never competes with the other channels. */
    dedicatedPool: z.boolean().default(false),
    /**
     * A bearer token the channel's own server reads its published stock with
     * (GET /v1/stock/published?channel=ID), instead of the admin token; "env:NAME" reads it from the
     * environment.
     */
    readToken: z.string().min(1, 'a token, or env:VARIABLE to read it from the environment').optional(),
  })
  .strict();

export const stockConfigSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Location code of movements that do not name one (reservations, shipments, returns). */
    location: z.string().min(1).max(32).default('MAIN'),
    /** Intake orders posted with status "unpaid" hold their reservation this long. */
    unpaidReleaseMin: z
      .number()
      .min(0.01)
      .max(7 * 24 * 60)
      .default(15),
    safetyReservePct: z.number().min(0).max(100).default(5),
    displayFactor: z.number().min(0).max(1).default(0.95),
    lowStockDays: z.number().min(0).max(365).default(3),
    velocityDays: z.number().int().min(1).max(365).default(7),
    /** When WeChat takes a unit off its own stock figure (wechat-api-2.md §4; unconfirmed). */
    wechatDecrementsAt: z.enum(['order', 'payment', 'never']).default('order'),
    publish: z
      .object({
        debounceMs: z.number().int().min(0).max(60_000).default(50),
        perSkuIntervalMs: z.number().int().min(0).max(600_000).default(200),
        batchSize: z.number().int().min(1).max(1000).default(50),
      })
      .strict()
      .prefault({}),
    channels: z
      .array(stockChannel)
      .default([])
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'channel ids must differ'),
  })
  .strict();

export type StockConfig = z.output<typeof stockConfigSchema>;
export type StockChannelConfig = z.output<typeof stockChannel>;
