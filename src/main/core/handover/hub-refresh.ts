// Keeps the desk's copy of the hub's handover lists for the open batch's carrier current: parcels
// packed at other desks (due), handed over elsewhere, and blocked. Fetched when a batch opens and at
// most every REFRESH_MS while the desk hands over; offline, the last answer (or none) stands and the
// desk checks against its own parcels.
import type { Clock } from '../../../base/clock.js';
import { localDate } from '../../../base/time.js';
import type { HandoverHub } from '../services.js';
import type { HandoverStore } from '../store/handovers.js';

export const REFRESH_MS = 20_000;

export interface HandoverRefreshDeps {
  store: HandoverStore;
  hub: () => HandoverHub | null;
  clock: Clock;
  timezone: () => string;
  /** The desk is in handover mode (nothing to fetch otherwise). */
  active: () => boolean;
  log: (line: string) => void;
  /** The lists changed: the screen's counts change with them. */
  changed: () => void;
}

export class HandoverHubRefresh {
  private inFlight: Promise<void> | null = null;
  private lastTry = new Map<string, number>();

  constructor(private readonly deps: HandoverRefreshDeps) {}

  /** Called after every desk commit: fetch when the batch's carrier has no recent answer. */
  kick(): Promise<void> {
    if (this.inFlight || !this.deps.active()) return this.inFlight ?? Promise.resolve();
    const carrier = this.deps.store.open()?.carrier;
    const hub = this.deps.hub();
    if (!carrier || !hub) return Promise.resolve();
    const now = this.deps.clock.now();
    if (now - (this.lastTry.get(carrier) ?? -Infinity) < REFRESH_MS) return Promise.resolve();
    this.lastTry.set(carrier, now);
    this.inFlight = (async () => {
      try {
        const expected = await hub.expected(carrier, localDate(now, this.deps.timezone()));
        this.deps.store.replaceRemote(expected, this.deps.clock.now());
        this.deps.changed();
      } catch (err) {
        this.deps.log(
          `handover: the hub's list for ${carrier} is not available (${err instanceof Error ? err.message : String(err)})`,
        );
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }

  idle(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }
}
