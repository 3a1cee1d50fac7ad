import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoundLoop } from '../../../src/cloud/workers/round-loop.js';

afterEach(() => {
  vi.useRealTimers();
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RoundLoop', () => {
  it('runs a round at start, then one per interval, never two at once', async () => {
    vi.useFakeTimers();
    let active = 0;
    let most = 0;
    let rounds = 0;
    const loop = new RoundLoop(async () => {
      active++;
      most = Math.max(most, active);
      rounds++;
      await Promise.resolve();
      active--;
    }, 1000);
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(rounds).toBe(4);
    expect(most).toBe(1);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(rounds).toBe(4);
  });

  it('a kick during a round runs exactly one more round right after it', async () => {
    const gate = deferred();
    let rounds = 0;
    const loop = new RoundLoop(async () => {
      rounds++;
      if (rounds === 1) await gate.promise;
    }, 60_000);
    loop.start();
    loop.kick();
    loop.kick();
    gate.resolve();
    await vi.waitFor(() => expect(rounds).toBe(2));
    await loop.stop();
    expect(rounds).toBe(2);
  });

  it('a kick while idle runs a round now instead of waiting out the interval', async () => {
    let rounds = 0;
    const loop = new RoundLoop(() => Promise.resolve(void rounds++), 60_000);
    loop.start();
    await vi.waitFor(() => expect(rounds).toBe(1));
    loop.kick();
    await vi.waitFor(() => expect(rounds).toBe(2));
    await loop.stop();
  });

  it('a failed round is reported and the loop goes on', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let rounds = 0;
    const loop = new RoundLoop(
      () => (++rounds === 1 ? Promise.reject(new Error('boom')) : Promise.resolve()),
      100,
      (err) => errors.push(err),
    );
    loop.start();
    await vi.advanceTimersByTimeAsync(250);
    expect(String(errors[0])).toContain('boom');
    expect(rounds).toBe(3);
    await loop.stop();
  });

  it('stop waits for the running round, and delayFirst waits one interval before the first', async () => {
    vi.useFakeTimers();
    const gate = deferred();
    let rounds = 0;
    const loop = new RoundLoop(
      async () => {
        rounds++;
        await gate.promise;
      },
      500,
      undefined,
      true,
    );
    loop.start();
    await vi.advanceTimersByTimeAsync(499);
    expect(rounds).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds).toBe(1);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    expect(loop.stopped).toBe(true);
    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);
  });
});
