// Modes: a bad or revoked token pauses sync with the reason and stops requests until resume or a new
// config; a hub of another station or API version pauses too; claims on pack start.
import { afterEach, describe, expect, it } from 'vitest';
import { O } from '../../helpers/fixtures.js';
import { HUB_TOKEN } from './fake-hub.js';
import { makeRig, orderRow, waitFor, type SyncRig } from './harness.js';

let rig: SyncRig;
afterEach(async () => {
  await rig?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('paused', () => {
  it('401 pauses with the hub’s reason, stops asking, and resume() tries again', async () => {
    rig = await makeRig({ start: false });
    const { t, hub, engine } = rig;
    hub.revoked = true;
    engine.start();
    await waitFor(() => engine.status().mode === 'paused', 'paused');
    expect(engine.status().lastError).toBe(
      'GET /v1/sync/hello: HTTP 401 unauthorized: unknown or revoked station token',
    );
    const asked = hub.requests.length;
    t.scan('BADGE-P01'); // appends do not wake a paused engine
    await sleep(300);
    expect(hub.requests.length).toBe(asked);
    expect(engine.status().queueDepth).toBe(2);

    hub.revoked = false;
    engine.resume();
    await waitFor(() => engine.status().queueDepth === 0, 'the queue drained');
    expect(engine.status()).toMatchObject({ mode: 'online', lastError: null });
  });

  it('a token revoked while online pauses the pull and the push alike', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    await waitFor(() => engine.status().mode === 'online', 'online');
    hub.revoked = true;
    t.scan('BADGE-P01');
    await waitFor(() => engine.status().mode === 'paused', 'paused');
    await sleep(50); // a request already on the wire when the pause came is counted late
    // Whichever loop asks first (the push of the login, or the next long-poll) gets the 401.
    expect(engine.status().lastError).toMatch(/\/v1\/sync\/(events|pull): HTTP 401/);
    const asked = hub.requests.length;
    hub.publish({}); // would wake a long-poll, but the pull was aborted with the pause
    await sleep(300);
    expect(hub.requests.length).toBe(asked);
  });

  it('a new token from the config lifts the pause', async () => {
    rig = await makeRig({ start: false, hub: { token: 'wrong-token-0123456789' } });
    const { engine, hub } = rig;
    engine.start();
    await waitFor(() => engine.status().mode === 'paused', 'paused');
    engine.reconfigure({ url: hub.url, token: HUB_TOKEN, pullWaitS: 1, pushBatch: 200, poolTarget: 200 });
    await waitFor(() => engine.status().mode === 'online', 'online');
  });

  it('a hub that knows the token as another station’s pauses instead of mixing stations', async () => {
    rig = await makeRig({ start: false });
    rig.hub.stationId = 'T9';
    rig.engine.start();
    await waitFor(() => rig.engine.status().mode === 'paused', 'paused');
    expect(rig.engine.status().lastError).toBe('the token belongs to station T9, but this is station T1');
    expect(rig.hub.count('/v1/sync/pull')).toBe(0);
  });

  it('a hub of another sync API version pauses', async () => {
    rig = await makeRig({ start: false });
    rig.hub.apiVersion = 2;
    rig.engine.start();
    await waitFor(() => rig.engine.status().mode === 'paused', 'paused');
    expect(rig.engine.status().lastError).toBe('hub speaks sync API version 2; this station speaks 1');
  });

  it('pauseFor() stops at once with the reason; resume() reconnects', async () => {
    rig = await makeRig();
    const { engine, hub } = rig;
    await waitFor(() => engine.status().mode === 'online', 'online');
    engine.pauseFor('supervisor paused sync');
    expect(engine.status()).toMatchObject({ mode: 'paused', lastError: 'supervisor paused sync' });
    const hellos = hub.count('/v1/sync/hello');
    engine.resume();
    await waitFor(() => hub.count('/v1/sync/hello') === hellos + 1 && engine.status().mode === 'online', 'a new hello');
  });
});

describe('claims', () => {
  it('a pack started online claims its order', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    await waitFor(() => engine.status().mode === 'online', 'online');
    t.scan('BADGE-P01');
    t.scan(O.clean);
    await waitFor(() => hub.claims.get(O.clean), 'the claim');
    expect(hub.claims.get(O.clean)).toBe('T1');
    expect(t.station.services.snapshot().alert).toBeNull();
  });

  it('an order held by another station is intercepted as order_claimed; ACK cancels the pack', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    hub.claims.set(O.clean, 'S2');
    await waitFor(() => engine.status().mode === 'online', 'online');
    t.scan('BADGE-P01');
    t.scan(O.clean);
    const alert = await waitFor(() => t.station.services.snapshot().alert, 'the intercept');
    expect(alert).toMatchObject({
      kind: 'intercept',
      code: 'order_claimed',
      clearBy: 'ack',
      orderId: O.clean,
      params: { station: 'S2' },
    });
    expect(t.outbox().find((e) => e.type === 'order.intercepted')?.payload).toMatchObject({
      orderId: O.clean,
      reason: 'order_claimed',
    });
    expect(t.scan('CMD-ACK').verdict).toBe('command');
    expect(t.station.services.snapshot().pack).toBeNull();
    expect(orderRow(t, O.clean)?.status).toBe('open');
    expect(t.outbox().find((e) => e.type === 'pack.cancelled')?.payload).toMatchObject({
      orderId: O.clean,
      reason: 'order_changed',
    });
    expect(engine.status().mode).toBe('online'); // a 409 is an answer, not a failure
  });

  it('offline: no claim (the hub finds double packing in the events)', async () => {
    rig = await makeRig({ start: false });
    const { t, hub, engine } = rig;
    hub.failNext('/v1/sync/hello', 1000, 503);
    engine.start();
    await waitFor(() => engine.status().mode === 'offline' && engine.status().lastError, 'offline');
    t.scan('BADGE-P01');
    t.scan(O.clean);
    await sleep(100); // past the append debounce: the engine has seen the pack start while offline
    hub.heal();
    await waitFor(() => engine.status().queueDepth === 0, 'the queue drained');
    t.scan('BADGE-P01'); // another append once online: the pack started offline is still not claimed
    await sleep(150);
    expect(hub.count('/v1/sync/claims')).toBe(0);
  });

  it('a claim the hub gave away is told at the desk as a claim_lost notice', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    await waitFor(() => engine.status().mode === 'online', 'online');
    t.scan('BADGE-P01');
    t.scan(O.clean);
    hub.publish({
      exceptions: [
        {
          id: 'EX-CLAIM',
          orderId: O.clean,
          stationId: 'T1',
          kind: 'claim_released',
          detail: 'claim of T1 released by a supervisor at the hub',
          at: 5,
        },
      ],
    });
    const notice = await waitFor(
      () => (t.station.services.snapshot().notice?.code === 'claim_lost' ? t.station.services.snapshot().notice : null),
      'the notice',
    );
    expect(notice).toEqual({ level: 'warn', code: 'claim_lost', params: { orderId: O.clean } });
    expect(engine.exceptions()[0]).toMatchObject({ id: 'EX-CLAIM', kind: 'claim_released', source: 'hub' });
    // Only told: the pack goes on.
    expect(t.station.services.snapshot().pack?.order.id).toBe(O.clean);
  });
});
