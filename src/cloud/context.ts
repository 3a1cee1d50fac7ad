// Everything the hub's routes and workers share, built once by the composition root (app.ts).
import type { HubConfig } from './config.js';
import type { FeedNotifier } from './notifier.js';
import type { HubStore } from './store/types.js';
import type { StatsEventCache } from './services/stats-cache.js';
import type { AfterSaleHint } from './store/dispute-types.js';

export interface HubContext {
  config: HubConfig;
  store: HubStore;
  notifier: FeedNotifier;
  /** Recent events in memory for statistics (services/stats-cache.ts). */
  statsCache: StatsEventCache;
  now: () => number;
  log: (line: string, fields?: Record<string, unknown>) => void;
  /** Something an admin should look at (failed pulls, quota nearly used, missed orders found). */
  warn: (line: string, fields?: Record<string, unknown>) => void;
  /** Carrier codes stations keep pools for (from the routing table). */
  carriers(): Promise<string[]>;
  /** Ask the report-back worker to look for due shipments now (after events arrived). */
  wakeReporter(): void;
  /**
   * Stock of these SKUs moved (a committed ledger movement): the stock publisher recomputes and
   * publishes their channel shares soon (workers/stock-publish.ts). Called after the commit.
   */
  stockChanged(skus: readonly string[]): void;
  /** Ask the WeChat worker to re-fetch one order (push events are hints, spec §2.8). */
  refetchOrder(shopId: string, orderId: string): void;
  /** An after-sale case changed at WeChat (push, or seen on an order): file it if the order was packed. */
  afterSale(shopId: string, hint: AfterSaleHint): void;
  /** A supervisor confirmed a dispute's proof: send it to WeChat now (workers/disputes.ts). */
  proofConfirmed(): void;
  /** Run the reconciliation sweep now (every shop, or one); resolves with what it found. */
  sweepOrders(shopId?: string): Promise<{ shopId: string; listed: number; fetched: number }[]>;
}
