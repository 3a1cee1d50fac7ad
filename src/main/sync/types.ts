import type { StationReport } from '../../contract/sync.js';
// The sync engine's settings and what it reports (src/main/sync/engine.ts).
import type { Clock } from '../../base/clock.js';
import type { SyncMode } from '../../contract/station.js';
import type { StationConfig } from '../config/schema.js';
import type { Desk } from '../core/packing/desk.js';
import type { Db } from '../../base/node/sqlite/open.js';

export type HubSettings = NonNullable<StationConfig['hub']>;

export interface SyncStatus {
  mode: SyncMode;
  /** Outbox events not yet accepted or rejected by the hub. */
  queueDepth: number;
  /** Events the hub refused for good: out of the queue, kept in the dead letters. */
  deadLetters: number;
  /** Rows of pulls this station could not apply and set aside, not yet resolved by a corrected copy. */
  quarantined: number;
  lastError: string | null;
  lastPullAt: number | null;
  lastPushAt: number | null;
  cursor: number;
  /** The delay of the retry being waited for after a failure; null when not backing off. */
  retryDelayMs: number | null;
  /** The hub instance this station talks to now (one of hub.urls). */
  hub: string;
}

export interface SyncEngineOptions {
  hub: HubSettings;
  desk: Desk;
  db: Db;
  clock: Clock;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  random?: () => number;
  /** How often the push loop looks at the outbox when nothing woke it (ms). */
  pushIntervalMs?: number;
  /** Pause between pulls when the hub does not long-poll (pullWaitS = 0). */
  pullIntervalMs?: number;
  /** What the station tells the hub about itself on each pull (layout, queue, faults). */
  report?: () => StationReport;
  /** Where product photos the hub names are fetched to (sync/images.ts); absent: photos are not fetched. */
  imagesDir?: string;
}
