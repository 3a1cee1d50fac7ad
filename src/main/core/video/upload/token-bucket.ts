// A token bucket over the bytes of an upload: tokens (bytes) refill at `bytesPerSecond` up to
// `burstBytes`; a chunk waits until the bucket holds enough for it. Time and sleep are injected so
// the accounting is testable without timing the machine. One bucket is shared by every upload of
// the station, so the cap is the station's, not per file.

export interface BucketClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Bytes let through since construction (accounting). */
  granted = 0;
  /** Milliseconds callers were made to wait in all (accounting). */
  waitedMs = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly bytesPerSecond: number,
    private readonly burstBytes: number,
    private readonly clock: BucketClock,
  ) {
    if (!(bytesPerSecond > 0)) throw new Error('token bucket: the rate must be above 0');
    this.tokens = burstBytes;
    this.last = clock.now();
  }

  /** Resolves once `bytes` may be sent. Callers are served in order (no starvation of a big chunk). */
  take(bytes: number): Promise<void> {
    const turn = this.queue.then(() => this.wait(bytes));
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async wait(bytes: number): Promise<void> {
    // A chunk larger than the burst goes in burst-sized pieces, so it never waits for the impossible.
    let left = bytes;
    while (left > 0) {
      const piece = Math.min(left, this.burstBytes);
      this.refill();
      if (this.tokens < piece) {
        const ms = Math.ceil(((piece - this.tokens) / this.bytesPerSecond) * 1000);
        this.waitedMs += ms;
        await this.clock.sleep(ms);
        this.refill();
      }
      this.tokens -= piece;
      this.granted += piece;
      left -= piece;
    }
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burstBytes, this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond);
    this.last = now;
  }
}

/** kbit/s (1000 bit) → bytes/s. */
export function kbpsToBytesPerSecond(kbps: number): number {
  return (kbps * 1000) / 8;
}
