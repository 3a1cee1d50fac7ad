// Everything the hub's routes and workers share, built once by the composition root (app.ts).
import type { HubConfig } from './config.js';
import type { FeedNotifier } from './notifier.js';
import type { HubStore } from './store/types.js';
import type { AfterSaleHint } from './store/dispute-types.js';
import type { LeaseKeeper } from './workers/lease.js';
import type { StatsCellCache } from './services/stats-cell-cache.js';

export interface HubContext {
  config: HubConfig;
  store: HubStore;
  notifier: FeedNotifier;
  now: () => number;
  /** This hub process among the instances sharing the store: random per start (GET /v1/health shows it). */
  instanceId: string;
  /** The leases of the background jobs this instance runs (workers/lease.ts). */
  leases: LeaseKeeper;
  /** Decoded statistics cells kept between queries (services/stats-cell-cache.ts). */
  statsCache: StatsCellCache;
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
