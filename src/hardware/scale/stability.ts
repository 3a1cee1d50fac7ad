// Stability for protocols whose frames carry no flag (Yaohua A9, "=" formats; hardware.md A.0):
// the weight counts as stable after N identical consecutive readings, N = 5 as in the Python reader
// cited in A.4 (its `Stability` class). A time window is added so that five equal readings spread
// over a slow or stalled link do not count as a settled scale.

export interface StabilityOptions {
  /** N: how many consecutive readings must agree. */
  count: number;
  /** T: the N readings must all fall within this many milliseconds, newest included. */
  windowMs: number;
  /** Readings agree when the largest and smallest differ by no more than this. */
  toleranceG: number;
}

export const DEFAULT_STABILITY: StabilityOptions = { count: 5, windowMs: 1500, toleranceG: 0 };

/**
 * `push` answers: are the newest `count` readings (this one included) all within `toleranceG` of
 * each other (max − min ≤ toleranceG), with the oldest of them taken no more than `windowMs`
 * before this one? Fewer than `count` readings so far is not stable. A reading that is not a finite
 * number clears the history; a timestamp earlier than the previous one (clock stepped back)
 * starts a new run with this reading.
 */
export class StabilityTracker {
  private readonly opts: StabilityOptions;
  private readonly grams: number[] = [];
  private readonly times: number[] = [];

  constructor(opts: Partial<StabilityOptions> = {}) {
    const o = { ...DEFAULT_STABILITY, ...opts };
    if (!Number.isInteger(o.count) || o.count < 1)
      throw new RangeError(`count must be a positive integer, got ${o.count}`);
    if (!(o.windowMs >= 0)) throw new RangeError(`windowMs must be ≥ 0, got ${o.windowMs}`);
    if (!(o.toleranceG >= 0)) throw new RangeError(`toleranceG must be ≥ 0, got ${o.toleranceG}`);
    this.opts = o;
  }

  push(grams: number, at: number): boolean {
    if (!Number.isFinite(grams) || !Number.isFinite(at)) {
      this.reset();
      return false;
    }
    const last = this.times[this.times.length - 1];
    if (last !== undefined && at < last) this.reset();
    this.grams.push(grams);
    this.times.push(at);
    if (this.grams.length > this.opts.count) {
      this.grams.shift();
      this.times.shift();
    }
    if (this.grams.length < this.opts.count) return false;
    const oldest = this.times[0] ?? at;
    if (at - oldest > this.opts.windowMs) return false;
    return Math.max(...this.grams) - Math.min(...this.grams) <= this.opts.toleranceG;
  }

  reset(): void {
    this.grams.length = 0;
    this.times.length = 0;
  }
}
