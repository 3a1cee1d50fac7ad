import { describe, expect, it } from 'vitest';
import { DEFAULT_STABILITY, StabilityTracker } from '../../../../src/hardware/scale/stability.js';

/** push each [grams, at] and collect the answers. */
function run(tracker: StabilityTracker, readings: [number, number][]): boolean[] {
  return readings.map(([g, at]) => tracker.push(g, at));
}

describe('StabilityTracker', () => {
  it('defaults to 5 equal readings within 1500 ms, no tolerance', () => {
    expect(DEFAULT_STABILITY).toEqual({ count: 5, windowMs: 1500, toleranceG: 0 });
    const t = new StabilityTracker();
    expect(
      run(t, [
        [1234, 0],
        [1234, 100],
        [1234, 200],
        [1234, 300],
        [1234, 400],
        [1234, 500],
      ]),
    ).toEqual([false, false, false, false, true, true]);
  });

  it('needs N fresh equal readings after a change', () => {
    const t = new StabilityTracker({ count: 3 });
    expect(
      run(t, [
        [100, 0],
        [100, 100],
        [100, 200],
        [101, 300],
        [101, 400],
        [101, 500],
      ]),
    ).toEqual([false, false, true, false, false, true]);
  });

  it('accepts readings that differ by up to toleranceG (max − min)', () => {
    const t = new StabilityTracker({ count: 5, toleranceG: 2 });
    expect(
      run(t, [
        [1000, 0],
        [1001, 100],
        [1002, 200],
        [1000, 300],
        [1001, 400],
        [1003, 500],
      ]),
    ).toEqual([false, false, false, false, true, false]);
  });

  it('requires the N readings to span no more than windowMs, boundary included', () => {
    const t = new StabilityTracker({ count: 3, windowMs: 1000 });
    expect(
      run(t, [
        [50, 0],
        [50, 600],
        [50, 1000],
        [50, 2100],
        [50, 2200],
      ]),
    ).toEqual([false, false, true, false, false]);
    expect(t.push(50, 2300)).toBe(true);
  });

  it('is stable at once with count 1', () => {
    expect(new StabilityTracker({ count: 1 }).push(7, 0)).toBe(true);
  });

  it('starts over on a non-finite reading or a clock that steps back', () => {
    const t = new StabilityTracker({ count: 2 });
    expect(
      run(t, [
        [5, 0],
        [NaN, 10],
        [5, 20],
        [5, 30],
      ]),
    ).toEqual([false, false, false, true]);
    expect(
      run(t, [
        [5, 5],
        [5, 6],
      ]),
    ).toEqual([false, true]);
  });

  it('rejects options that could never work', () => {
    expect(() => new StabilityTracker({ count: 0 })).toThrow(RangeError);
    expect(() => new StabilityTracker({ count: 2.5 })).toThrow('count must be a positive integer, got 2.5');
    expect(() => new StabilityTracker({ windowMs: -1 })).toThrow('windowMs must be ≥ 0, got -1');
    expect(() => new StabilityTracker({ toleranceG: NaN })).toThrow(RangeError);
  });
});
