// Back-pressure towards WeChat: one token bucket per API path with a configured rate limit
// (config wechat.rateLimits, read from quota/get's rate_limit, wechat-api.md §5). A call waits for
// a token instead of meeting 45011; a 45011 that still arrives (another client of the same app, a
// limit set too high) closes the path until the next refresh window.
//
// The bucket holds B = 5 % of the limit L and refills at 95 % of (L − B) per window W, so over ANY
// span of W seconds at most B + 0.95·(L − B) < L calls start — whether WeChat counts in fixed or
// sliding windows (UNCONFIRMED), with a margin for calls that arrive a little later than they left.
//
// Pacing runs on the real monotonic clock, not the hub's injected one: it is about how fast calls
// reach WeChat, and a test clock that stands still must not stall every call.
import { performance } from 'node:perf_hooks';

export interface RateLimit {
  calls: number;
  perS: number;
}

/** Cost of over-running the limit is a refused call; this much of it is kept as margin. */
const MARGIN = 0.95;
const BURST_SHARE = 0.05;

class Bucket {
  readonly capacity: number;
  /** Tokens per ms. */
  private readonly rate: number;
  private tokens: number;
  private last: number;
  private closedUntil = 0;
  /** Callers waiting, first come first served, so one busy caller cannot starve the rest. */
  private queue: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly limit: RateLimit) {
    this.capacity = Math.max(1, Math.floor(limit.calls * BURST_SHARE));
    this.rate = (Math.max(limit.calls - this.capacity, 0.5) * MARGIN) / (limit.perS * 1000);
    this.tokens = this.capacity;
    this.last = performance.now();
  }

  take(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.drain();
    });
  }

  close(ms: number): void {
    this.closedUntil = Math.max(this.closedUntil, performance.now() + ms);
    this.tokens = 0;
  }

  private drain(): void {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.rate);
    this.last = now;
    while (this.queue.length > 0 && now >= this.closedUntil && this.tokens >= 1) {
      this.tokens -= 1;
      this.queue.shift()?.();
    }
    if (this.queue.length === 0 || this.timer) return;
    const wait = Math.max(this.closedUntil - now, (1 - this.tokens) / this.rate, 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, Math.ceil(wait));
    // Waiting callers are not work of their own: they must not keep a stopping process alive.
    this.timer.unref();
  }
}

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();
  private readonly exhaustedUntil = new Map<string, number>();

  constructor(limits: Readonly<Record<string, RateLimit>>) {
    for (const [path, limit] of Object.entries(limits)) this.buckets.set(path, new Bucket(limit));
  }

  /** Whether `path` is paced (has a configured limit). */
  paces(path: string): boolean {
    return this.buckets.has(path);
  }

  /** Resolves when a call of `path` may start; at once for an API without a limit. */
  async take(path: string): Promise<void> {
    await this.buckets.get(path)?.take();
  }

  /**
   * WeChat answered 45009 (daily quota): calls of a paced `path` fail at once for `ms` (until
   * midnight) instead of waiting that long; see isExhausted.
   */
  exhausted(path: string, ms: number): void {
    if (this.buckets.has(path)) this.exhaustedUntil.set(path, performance.now() + ms);
  }

  isExhausted(path: string): boolean {
    return performance.now() < (this.exhaustedUntil.get(path) ?? 0);
  }

  /** WeChat answered 45011 ("retry next minute"): nothing more of `path` starts for one window. */
  refused(path: string): void {
    const b = this.buckets.get(path);
    b?.close(b.limit.perS * 1000);
  }
}
