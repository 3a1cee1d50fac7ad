// Named leases on the hub's background jobs (workers/lease.ts): several hub instances share one
// store, and a job runs only on the instance that holds its lease. A holder renews it every round;
// a crashed holder stops renewing and the lease expires, so another instance takes the job over.
import type { Awaitable } from './awaitable.js';

export interface LeaseRow {
  name: string;
  /** The instance id of the hub process holding it. */
  holder: string;
  /** Epoch ms at which it is free for anyone. */
  expiresAt: number;
  /** Epoch ms at which the current holder took it (not moved by renewals). */
  since: number;
  /** How many times the lease went from one holder to another (a crash test reads it). */
  handovers: number;
}

export interface LeasesRepo {
  /**
   * Takes or renews the lease for `ttlMs` from `now`: true when it was free, expired, or held by
   * `holder` already; false (and nothing changes) while another holder's lease runs.
   */
  acquire(name: string, holder: string, now: number, ttlMs: number): Awaitable<boolean>;
  /** Gives the lease up at once, when `holder` holds it (a clean shutdown); no-op otherwise. */
  release(name: string, holder: string): Awaitable<void>;
  /** Frees every lease `holder` holds (an instance found dead at start, workers/dead-instances.ts); how many. */
  releaseAll(holder: string): Awaitable<number>;
  /** The lease as stored (possibly expired), or undefined when nobody ever took it. */
  get(name: string): Awaitable<LeaseRow | undefined>;
  /** Every lease, by name. */
  list(): Awaitable<LeaseRow[]>;
}
