// The upload's token bucket by its own accounting (a stepped clock: waits cost no real time): the
// burst goes at once, the rest at the rate, callers are served in order, a chunk bigger than the
// burst still goes through.
import { describe, expect, it } from 'vitest';
import { kbpsToBytesPerSecond, TokenBucket } from '../../../src/main/core/video/upload/token-bucket.js';

function stepped() {
  let t = 1_000_000;
  return { now: () => t, sleep: (ms: number) => ((t += ms), Promise.resolve()), advance: (ms: number) => (t += ms) };
}

describe('token bucket', () => {
  it('lets the burst through at once, then holds the rate', async () => {
    const clock = stepped();
    const b = new TokenBucket(1000, 500, clock);
    await b.take(500);
    expect(b.waitedMs).toBe(0);
    const t0 = clock.now();
    for (let i = 0; i < 10; i++) await b.take(250);
    expect(clock.now() - t0).toBe(2500);
    expect(b.granted).toBe(3000);
  });

  it('refills while idle, never beyond the burst', async () => {
    const clock = stepped();
    const b = new TokenBucket(1000, 400, clock);
    await b.take(400);
    clock.advance(10_000);
    await b.take(400);
    expect(b.waitedMs).toBe(0);
    await b.take(400);
    expect(b.waitedMs).toBe(400);
  });

  it('splits a chunk larger than the burst and serves callers in order', async () => {
    const clock = stepped();
    const b = new TokenBucket(100, 50, clock);
    const order: string[] = [];
    await Promise.all([b.take(300).then(() => order.push('big')), b.take(10).then(() => order.push('small'))]);
    expect(order).toEqual(['big', 'small']);
    expect(b.granted).toBe(310);
    expect(b.waitedMs).toBe(2600);
  });

  it('converts kbit/s to bytes/s and refuses a zero rate', () => {
    expect(kbpsToBytesPerSecond(8)).toBe(1000);
    expect(() => new TokenBucket(0, 1, stepped())).toThrow(/rate must be above 0/);
  });
});
