// Push: the outbox goes out in seq order, survives failures and lost answers, skips rejected events,
// and queues while offline until the hub is back.
import { afterEach, describe, expect, it } from 'vitest';
import { BARCODE, O } from '../../helpers/fixtures.js';
import type { TestStation } from '../../helpers/station.js';
import { makeRig, waitFor, type SyncRig } from './harness.js';

let rig: SyncRig;
afterEach(async () => {
  await rig?.close();
});

const outboxIds = (t: TestStation) => t.db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all() as string[];
const unsent = (t: TestStation) =>
  t.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get() as number;

/** Log in and pack the T恤 order part-way: a dozen events of several types. */
function work(t: TestStation): void {
  t.scan('BADGE-P01');
  t.scan(O.clean);
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.notInCatalog);
  t.scan('CMD-ACK');
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.earbuds);
}

describe('push', () => {
  it('drains the outbox in seq order, batch by batch, across failures and partial answers', async () => {
    rig = await makeRig({ start: false, hub: { pushBatch: 3 } });
    const { t, hub, engine } = rig;
    work(t);
    const ids = outboxIds(t);
    expect(ids.length).toBeGreaterThan(8);
    hub.failNext('/v1/sync/events', 2, 503);
    hub.failNext('/v1/sync/events', 1, 'drop');
    hub.acceptAtMost = 2; // each answer settles only part of the batch
    engine.start();
    await waitFor(() => engine.status().queueDepth === 0, 'an empty queue');
    expect(hub.applied.map((e) => e.id)).toEqual(ids);
    // Every request starts at the oldest unsettled event and runs on in seq order.
    const settled = new Set<string>();
    for (const batch of hub.pushes) {
      expect(batch[0]).toBe(ids.find((id) => !settled.has(id)));
      expect(batch).toEqual(ids.slice(ids.indexOf(batch[0]!), ids.indexOf(batch[0]!) + batch.length));
      expect(batch.length).toBeLessThanOrEqual(3);
      for (const id of batch.slice(0, 2)) if (hub.applied.some((e) => e.id === id)) settled.add(id);
    }
    expect(engine.status()).toMatchObject({ mode: 'online', lastError: null });
    expect(engine.status().lastPushAt).toEqual(expect.any(Number));
  });

  it('sends what the desk appends, soon after it is committed', async () => {
    // No periodic look at the outbox within the test: only the append wake-up can send it.
    rig = await makeRig({ engine: { pushIntervalMs: 60_000 } });
    const { t, hub, engine } = rig;
    await waitFor(() => engine.status().mode === 'online', 'online');
    t.scan('BADGE-P01');
    const login = await waitFor(() => hub.applied.find((e) => e.type === 'packer.login'), 'the login event', 5000);
    expect(login).toMatchObject({
      type: 'packer.login',
      stationId: 'T1',
      packerId: 'P01',
      payload: { packerId: 'P01', role: 'packer' },
    });
  });

  it('re-sends after a lost answer; the hub accepts the known ids again and applies them once', async () => {
    rig = await makeRig({ start: false });
    const { t, hub, engine } = rig;
    work(t);
    const ids = outboxIds(t);
    hub.loseNextPushResponse();
    engine.start();
    await waitFor(() => engine.status().queueDepth === 0, 'an empty queue');
    expect(hub.pushes.length).toBe(2);
    expect(hub.pushes[1]).toEqual(hub.pushes[0]);
    expect(hub.applied.map((e) => e.id)).toEqual(ids);
  });

  it('moves rejected events to the dead letters with the reason and goes on with the next ones', async () => {
    rig = await makeRig({ start: false, hub: { pushBatch: 2 } });
    const { t, hub, engine } = rig;
    work(t);
    hub.reject = (e) =>
      e.type === 'scan.recorded' && e.payload.verdict === 'unknown_code' ? 'unknown_code scans are not kept' : null;
    engine.start();
    await waitFor(() => engine.status().queueDepth === 0, 'an empty queue');
    const dead = engine.deadLetters();
    expect(dead).toEqual([
      expect.objectContaining({ type: 'scan.recorded', reason: 'unknown_code scans are not kept' }),
    ]);
    expect(JSON.parse(dead[0]!.payload)).toMatchObject({ verdict: 'unknown_code' });
    expect(engine.status().deadLetters).toBe(1);
    expect(hub.applied.map((e) => e.id)).toEqual(outboxIds(t).filter((id) => id !== dead[0]!.id));
    expect(unsent(t)).toBe(0);
  });

  it('an event out of contract (an older version wrote it) is dead-lettered with the field; the rest flows', async () => {
    rig = await makeRig({ start: false, hub: { pushBatch: 3 } });
    const { t, hub, engine } = rig;
    t.scan('BADGE-P01');
    // The outbox refuses to append such an event now, so it is written the way an old version did.
    const bad = '0190f000-0000-7000-8000-000000000001';
    t.db
      .prepare('INSERT INTO outbox (id, type, at, packer_id, payload) VALUES (?, ?, ?, ?, ?)')
      .run(bad, 'packer.logout', t.clock.now(), 'P01', JSON.stringify({ packerId: '' }));
    work(t);
    engine.start();
    await waitFor(() => engine.status().queueDepth === 0, 'an empty queue');
    expect(engine.deadLetters()).toEqual([
      expect.objectContaining({ id: bad, type: 'packer.logout', reason: expect.stringContaining('payload.packerId') }),
    ]);
    expect(hub.applied.map((e) => e.id)).toEqual(outboxIds(t).filter((id) => id !== bad));
    expect(engine.status()).toMatchObject({ mode: 'online', queueDepth: 0, deadLetters: 1 });
  });

  it('keeps the exceptions the hub reports in its answer', async () => {
    rig = await makeRig({ start: false });
    const { t, hub, engine } = rig;
    t.scan('BADGE-P01');
    hub.pushExceptions = [
      { id: 'EX-9', orderId: O.vase, stationId: 'T1', kind: 'packed_twice', detail: 'also packed at T2', at: 5 },
    ];
    engine.start();
    await waitFor(() => engine.exceptions().length === 1, 'the exception');
    expect(engine.exceptions()[0]).toMatchObject({ id: 'EX-9', kind: 'packed_twice', source: 'hub' });
  });
});

describe('offline', () => {
  it('packing goes on and the queue grows; the reconnect drains it in order', async () => {
    rig = await makeRig({ start: false, hub: { pushBatch: 4 } });
    const { t, hub, engine } = rig;
    hub.failNext('/v1/sync/hello', 1000, 'drop');
    engine.start();
    await waitFor(() => engine.status().mode === 'offline' && engine.status().lastError, 'offline');
    expect(engine.status().lastError).toMatch(/GET \/v1\/sync\/hello: /);
    work(t);
    await t.weigh(2 * 250 + 120 + 20); // T恤×2 + 耳机 + POLY-BAG: the parcel closes, a label prints
    expect(t.station.services.snapshot().lastPack?.labels[0]?.status).toBe('printed');
    const depth = engine.status().queueDepth;
    expect(depth).toBe(outboxIds(t).length);
    expect(depth).toBeGreaterThan(10);
    expect(hub.count('/v1/sync/events')).toBe(0);

    hub.heal();
    await waitFor(() => engine.status().queueDepth === 0, 'the queue drained');
    expect(engine.status().mode).toBe('online');
    expect(hub.applied.map((e) => e.id)).toEqual(outboxIds(t));
    expect(hub.applied.map((e) => e.type)).toContain('pack.completed');
  });
});
