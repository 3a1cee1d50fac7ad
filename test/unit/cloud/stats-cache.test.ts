// The hub's in-memory event log for statistics: it must hold exactly what the database holds for
// the range, in time order, whatever order batches arrive in — including a late batch from a station
// that was offline — and read each stored row once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteHubStore } from '../../../src/cloud/store/sqlite/store.js';
import { StatsEventCache } from '../../../src/cloud/services/stats-cache.js';
import type { StoredEvent } from '../../../src/cloud/store/types.js';

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 4);
let dir: string;
let store: SqliteHubStore;
let seq = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-stats-cache-'));
  store = new SqliteHubStore(join(dir, 'hub.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function scan(at: number, stationId = 'A', verdict = 'item_ok'): StoredEvent {
  seq += 1;
  return {
    id: `e-${seq}`,
    type: 'scan.recorded',
    at,
    stationId,
    packerId: 'P1',
    payload: { scanId: `s${seq}`, verdict, qty: 1 },
  };
}

async function put(events: StoredEvent[]): Promise<void> {
  await store.tx(async (t) => {
    for (const e of events) await t.events.insertIfNew(e, NOW);
  });
}

const times = (events: { at: number }[]) => events.map((e) => (e.at - NOW) / H);

describe('StatsEventCache', () => {
  it('returns what the database returns for the range, without ids and with shared strings', async () => {
    await put([scan(NOW - 3 * H), scan(NOW - 2 * H, 'B', 'wrong_item'), scan(NOW - H)]);
    const cache = new StatsEventCache(store, StatsEventCache.days(30), () => NOW);
    const got = await cache.range(NOW - 2.5 * H, NOW);
    expect(times(got)).toEqual([-2, -1]);
    const db = await store.tx((t) => t.events.range(NOW - 2.5 * H, NOW));
    expect(got).toEqual(db.map((e) => ({ ...e, id: '' })));
    const again = await cache.range(NOW - 3 * H, NOW);
    expect(again[0]?.type).toBe(again[2]?.type);
  });

  it('reads only rows stored since the last query, and merges a late batch into time order', async () => {
    const cache = new StatsEventCache(store, StatsEventCache.days(30), () => NOW);
    const first = scan(NOW - 4 * H);
    await put([first, scan(NOW - 2 * H)]);
    expect(times(await cache.range(0, Infinity))).toEqual([-4, -2]);
    await put([scan(NOW - H)]);
    expect(times(await cache.range(0, Infinity))).toEqual([-4, -2, -1]);
    // A station back from offline pushes the morning's work, stored after later events.
    await put([scan(NOW - 3 * H, 'C'), scan(NOW - 5 * H, 'C'), scan(NOW - 2 * H, 'C')]);
    const all = await cache.range(0, Infinity);
    expect(times(all)).toEqual([-5, -4, -3, -2, -2, -1]);
    // Equal times keep storage order: A's event at −2 h was stored first.
    expect(all.filter((e) => e.at === NOW - 2 * H).map((e) => e.stationId)).toEqual(['A', 'C']);
    expect(cache.size).toBe(6);
    // A re-sent event (same id) is not stored twice, so not held twice.
    await store.tx((t) => t.events.insertIfNew({ ...first, at: NOW - H }, NOW));
    expect((await cache.range(0, Infinity)).length).toBe(6);
  });

  it('answers concurrent queries from one read', async () => {
    await put(Array.from({ length: 120 }, (_, i) => scan(NOW - H + i * 1000)));
    const cache = new StatsEventCache(store, StatsEventCache.days(30), () => NOW);
    const [a, b] = await Promise.all([cache.range(0, Infinity), cache.range(NOW - H, NOW - H + 60_000)]);
    expect(a).toHaveLength(120);
    expect(b).toHaveLength(60);
    expect(cache.size).toBe(120);
  });

  it('holds nothing older than its retention, covers only what it holds, and drops what ages out', async () => {
    let now = NOW;
    await put([scan(NOW - 50 * 24 * H), scan(NOW - 10 * 24 * H), scan(NOW - H)]);
    const cache = new StatsEventCache(store, StatsEventCache.days(30), () => now);
    expect(cache.covers(NOW - 31 * 24 * H)).toBe(false);
    expect(cache.covers(NOW - 29 * 24 * H)).toBe(true);
    expect(times(await cache.range(0, Infinity))).toEqual([-240, -1]);
    now = NOW + 25 * 24 * H; // the event 10 days back is now 35 days old
    await put([scan(now - H)]);
    expect((await cache.range(0, Infinity)).map((e) => (now - e.at) / H)).toEqual([25 * 24 + 1, 1]);
    expect(cache.size).toBe(2);
    expect(cache.covers(NOW)).toBe(true);
    expect(cache.covers(NOW - 6 * 24 * H)).toBe(false);
  });

  it('keeps up with parcels handed over to WeChat, the first hand-over of each', async () => {
    const done = (parcelId: string, at: number) =>
      store.tx((t) =>
        t.shipments.upsert({
          parcelId,
          orderId: `O-${parcelId}`,
          stationId: 'A',
          packId: `K-${parcelId}`,
          parcelNo: 1,
          carrier: 'SF',
          waybill: `SF${parcelId}`,
          items: [],
          weightG: 500,
          packedAt: at - H,
          state: 'done',
          attempts: 1,
          nextAt: at,
          uncertain: false,
          lastErrcode: 0,
          lastErrmsg: null,
          lastRid: null,
          doneAt: at,
        }),
      );
    const cache = new StatsEventCache(store, StatsEventCache.days(30), () => NOW);
    await done('1', NOW - 2 * H);
    await cache.range(0, Infinity);
    expect(cache.handovers(0, Infinity)).toEqual([{ parcelId: '1', at: NOW - 2 * H }]);
    await done('2', NOW - 2 * H); // same instant as the latest seen: still picked up
    await done('3', NOW - H);
    await cache.range(0, Infinity);
    expect(cache.handovers(0, Infinity).sort((a, b) => a.parcelId.localeCompare(b.parcelId))).toEqual([
      { parcelId: '1', at: NOW - 2 * H },
      { parcelId: '2', at: NOW - 2 * H },
      { parcelId: '3', at: NOW - H },
    ]);
    expect(cache.handovers(NOW - 1.5 * H, NOW)).toEqual([{ parcelId: '3', at: NOW - H }]);
  });

  it('is switched off by a retention of 0 days', () => {
    const cache = new StatsEventCache(store, StatsEventCache.days(0), () => NOW);
    expect(cache.covers(NOW)).toBe(false);
  });
});
