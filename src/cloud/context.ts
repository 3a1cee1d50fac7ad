// Everything the hub's routes and workers share, built once by the composition root (app.ts).
import type { HubConfig } from './config.js';
import type { FeedNotifier } from './notifier.js';
import type { HubStore } from './store/types.js';
import type { StatsEventCache } from './services/stats-cache.js';

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
  /** Ask the WeChat worker to re-fetch one order (push events are hints, spec §2.8). */
  refetchOrder(shopId: string, orderId: string): void;
  /** Run the reconciliation sweep now (every shop, or one); resolves with what it found. */
  sweepOrders(shopId?: string): Promise<{ shopId: string; listed: number; fetched: number }[]>;
}
