// Retry delays after failures: exponential with "full jitter" (AWS Architecture Blog, "Exponential
// Backoff And Jitter", 2015): sleep a uniformly random time in [0, min(cap, base·2^n)). Stations that
// lost the hub together (a warehouse uplink went down) then come back spread out instead of in step.

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

/** The upper bound of the n-th consecutive retry delay (n from 0). */
export function backoffCeiling(attempt: number, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  // 2^attempt overflows to Infinity long after the cap is reached; min() keeps it finite.
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
}

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly random: () => number = Math.random,
    private readonly baseMs = BACKOFF_BASE_MS,
    private readonly capMs = BACKOFF_CAP_MS,
  ) {}

  /** The delay before the next retry; each call counts one more consecutive failure. */
  next(): number {
    const ceiling = backoffCeiling(this.attempt, this.baseMs, this.capMs);
    this.attempt++;
    const r = Math.min(Math.max(this.random(), 0), 1);
    return Math.floor(r * ceiling);
  }

  /** A request succeeded: the next failure starts from the base again. */
  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}
