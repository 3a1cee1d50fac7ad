// A real station (in-memory, fixtures) wired to a SyncEngine that talks to a FakeHub over
// 127.0.0.1. The station keeps its manual clock; the engine gets real time so its sockets, timeouts
// and (tiny, injected) backoff delays run on their own.
import type { Order } from '../../../src/contract/entities.js';
import type { HubOrder } from '../../../src/contract/sync.js';
import { systemClock } from '../../../src/main/core/types.js';
import { SyncEngine, type HubSettings, type SyncEngineOptions } from '../../../src/main/sync/engine.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { ORDERS } from '../../helpers/fixtures.js';
import { FakeHub, HUB_TOKEN } from './fake-hub.js';
import { until } from '../../helpers/wait.js';

export interface SyncRig {
  t: TestStation;
  hub: FakeHub;
  engine: SyncEngine;
  close(): Promise<void>;
}

export async function makeRig(
  opts: { hub?: Partial<HubSettings>; engine?: Partial<SyncEngineOptions>; start?: boolean } = {},
): Promise<SyncRig> {
  const hub = await new FakeHub().listen();
  const t = await makeStation();
  const engine = new SyncEngine({
    hub: { url: hub.url, token: HUB_TOKEN, pullWaitS: 1, pushBatch: 200, poolTarget: 200, ...opts.hub },
    desk: t.station.services.desk,
    db: t.db,
    clock: systemClock,
    // 1% of the ceiling: 5, 10, 20 … ms, so retries happen quickly but still grow.
    random: () => 0.01,
    pushIntervalMs: 200,
    pullIntervalMs: 50,
    ...opts.engine,
  });
  if (opts.start !== false) engine.start();
  let closed = false;
  return {
    t,
    hub,
    engine,
    // Idempotent: a suite's afterEach may meet the rig of an earlier test again.
    async close() {
      if (closed) return;
      closed = true;
      await engine.stop();
      await t.close();
      await hub.close();
    },
  };
}

/** Polls until `check` returns truthy (real time); fails with `what` after `ms`. */
/**
 * Polls `check` until it returns something truthy, and returns that. The limit is generous: a condition
 * that holds returns at once, and a loaded machine (bench beside the suite) needed more than 4 s.
 */
export function waitFor<T>(check: () => T, what: string, ms = 15_000): Promise<NonNullable<T>> {
  return until(check, Boolean, ms, what) as Promise<NonNullable<T>>;
}

export const fixtureOrder = (id: string): Order => {
  const o = ORDERS.find((x) => x.id === id);
  if (!o) throw new Error(`no fixture order ${id}`);
  return o;
};

/** The hub's copy of a fixture order at `version`, with changes. */
export function hubOrder(id: string, version: number, patch: Partial<HubOrder> = {}): HubOrder {
  const o = fixtureOrder(id);
  const status =
    o.status === 'open' || o.status === 'held' || o.status === 'cancelled' || o.status === 'shipped'
      ? o.status
      : 'open';
  return { ...o, status, version, preassigned: null, ...patch };
}

export const orderRow = (t: TestStation, id: string) =>
  t.db
    .prepare(
      'SELECT status, hold_reason AS holdReason, recipient_name AS recipientName, address FROM orders WHERE id = ?',
    )
    .get(id) as { status: string; holdReason: string | null; recipientName: string; address: string } | undefined;
