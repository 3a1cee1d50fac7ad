// The stock publisher's storage contract (HubTx.stockPublish): what each channel was last given of
// each SKU, which WeChat product/SKU a hub SKU is in each Channels shop, and the stock moves WeChat
// made on its own for orders (so the hub never subtracts them a second time).
import type { Awaitable } from './awaitable.js';

/** One channel's figure of one SKU. */
export interface PublishedRow {
  channel: string;
  sku: string;
  /** The published share the hub last computed (what the channel should show). */
  target: number;
  /**
   * What the channel shows as far as the hub knows: for a Channels shop WeChat's figure (the last
   * one read, moved by every update since and by WeChat's own moves for the orders the hub pulled;
   * WeChat holds less while it has taken units for orders not pulled yet); for other channels the
   * figure the hub serves. null: unknown (a Channels figure is read before the next update).
   */
  sent: number | null;
  /** When `sent` last changed by the hub's doing (epoch ms). */
  sentAt: number | null;
  /** Channels: when WeChat's figure was last read; its own moves before then are in `sent`. */
  readAt: number | null;
  /** An update left and its outcome was not written yet (a crash then means: read it again). */
  inFlight: boolean;
  /** The last failure, for the board and the log; null after a success. */
  error: string | null;
}

/** Where a hub SKU is in one Channels shop. */
export interface WechatSkuRef {
  shopId: string;
  sku: string;
  productId: string;
  skuId: string;
  /** order: learnt from a pulled order; admin: set through the admin API (orders never replace it). */
  source: 'order' | 'admin';
  at: number;
}

/** Stock WeChat moved by itself for one order and SKU (wechat-api-2.md §4). */
export interface PlatformMoveRow {
  shopId: string;
  orderId: string;
  sku: string;
  /** take: off at order placement or payment; giveback: an unpaid order was cancelled. */
  kind: 'take' | 'giveback';
  qty: number;
  /** WeChat's time of it, Unix seconds (create_time, pay_time or the cancel's update_time). */
  atS: number;
}

export interface StockPublishRepo {
  /** Rows of these SKUs (every row when null), of one channel or all. */
  rows(skus: readonly string[] | null, channel?: string): Awaitable<PublishedRow[]>;
  /** Sets `target` (rows are created with sent unknown); other columns stay. */
  setTargets(rows: readonly { channel: string; sku: string; target: number }[]): Awaitable<void>;
  /** A channel served by the hub itself: the target is what it shows from `at`. */
  serve(rows: readonly { channel: string; sku: string; qty: number }[], at: number): Awaitable<void>;
  /** Updates are about to leave for these SKUs of the channel. */
  markInFlight(channel: string, skus: readonly string[]): Awaitable<void>;
  /** An update of `delta` took effect at WeChat. */
  applied(channel: string, sku: string, delta: number, at: number): Awaitable<void>;
  /** WeChat's figure was read at `at` (its own moves recorded after then are taken off by the caller). */
  read(channel: string, sku: string, value: number, at: number): Awaitable<void>;
  /** The figure is unknown from now on (an update may or may not have taken effect); `error` says why. */
  forget(channel: string, sku: string, error: string | null): Awaitable<void>;
  /** Keeps the failure without touching the figure (a refused update that changed nothing). */
  failed(channel: string, sku: string, error: string): Awaitable<void>;
  /** A move WeChat made on its own, added to the known figure (nothing when it is unknown). */
  adjust(channel: string, sku: string, delta: number): Awaitable<void>;
  /** After a restart: updates left in flight make their figure unknown. Returns how many. */
  recoverInFlight(): Awaitable<number>;

  /** The refs of a shop's SKUs (every SKU when null). */
  skuRefs(shopId: string, skus: readonly string[] | null): Awaitable<WechatSkuRef[]>;
  /** From a pulled order; an admin's ref is never replaced. True when it is new or changed. */
  learnSkuRef(ref: WechatSkuRef): Awaitable<boolean>;
  /** From the admin API: replaces whatever was known. */
  putSkuRef(ref: WechatSkuRef): Awaitable<void>;

  /** Records it once; false when this (order, SKU, kind) was recorded before. */
  notePlatformMove(move: PlatformMoveRow): Awaitable<boolean>;
  /** Moves of one shop's SKU at or after `sinceS` (Unix seconds), to correct a figure just read. */
  platformMovesSince(shopId: string, sku: string, sinceS: number): Awaitable<PlatformMoveRow[]>;
}
