// Full-jitter backoff: bounds per attempt, the cap, reset; and the engine's retries follow it.
import { afterEach, describe, expect, it } from 'vitest';
import { Backoff, backoffCeiling, BACKOFF_CAP_MS } from '../../../src/main/sync/backoff.js';
import { makeRig, waitFor, type SyncRig } from './harness.js';

describe('Backoff', () => {
  it('doubles the ceiling from 500 ms up to the 30 s cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffCeiling(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoffCeiling(5000)).toBe(BACKOFF_CAP_MS);
  });

  it('draws each delay uniformly below the ceiling (full jitter)', () => {
    const top = new Backoff(() => 0.999999);
    expect(Array.from({ length: 8 }, () => top.next())).toEqual([499, 999, 1999, 3999, 7999, 15999, 29999, 29999]);
    const bottom = new Backoff(() => 0);
    expect(Array.from({ length: 4 }, () => bottom.next())).toEqual([0, 0, 0, 0]);
    const half = new Backoff(() => 0.5);
    expect(Array.from({ length: 3 }, () => half.next())).toEqual([250, 500, 1000]);
  });

  it('stays within bounds for any random draw', () => {
    let seed = 7;
    const lcg = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const b = new Backoff(lcg);
    for (let n = 0; n < 50; n++) {
      const d = b.next();
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(backoffCeiling(n));
    }
  });

  it('starts over after a success', () => {
    const b = new Backoff(() => 0.5);
    b.next();
    b.next();
    expect(b.failures).toBe(2);
    b.reset();
    expect(b.next()).toBe(250);
  });
});

describe('engine retries', () => {
  let rig: SyncRig;
  afterEach(async () => {
    await rig?.close();
  });

  it('waits longer after each failure, goes online on success, and starts over at the next failure', async () => {
    rig = await makeRig({ start: false });
    const delays: number[] = [];
    rig.engine.onStatus((s) => {
      if (s.retryDelayMs !== null) delays.push(s.retryDelayMs);
    });
    rig.hub.failNext('/v1/sync/hello', 4, 503);
    rig.engine.start();
    await waitFor(() => rig.engine.status().mode === 'online', 'online');
    // random() = 0.01 of ceilings 500, 1000, 2000, 4000.
    expect(delays).toEqual([5, 10, 20, 40]);
    expect(rig.engine.status()).toMatchObject({ mode: 'online', lastError: null, retryDelayMs: null });

    await waitFor(() => rig.hub.count('/v1/sync/pull') === 1, 'the first pull waiting at the hub');
    rig.hub.failNext('/v1/sync/pull', 2, 'drop');
    rig.hub.publish({}); // release the waiting long-poll so the next pull meets the failures
    await waitFor(() => delays.length === 6, 'two more retries');
    expect(delays.slice(4)).toEqual([5, 10]);
    await waitFor(() => rig.engine.status().mode === 'online', 'online again');
  });

  it('shows offline with the reason while retrying', async () => {
    rig = await makeRig({ start: false, engine: { random: () => 0.5 } });
    rig.hub.failNext('/v1/sync/hello', 1, 502);
    rig.engine.start();
    await waitFor(() => rig.engine.status().retryDelayMs !== null, 'a retry');
    expect(rig.engine.status()).toMatchObject({ mode: 'offline', retryDelayMs: 250 });
    expect(rig.engine.status().lastError).toMatch(/HTTP 502 unavailable: hub is restarting/);
    await waitFor(() => rig.engine.status().mode === 'online', 'online');
  });
});
