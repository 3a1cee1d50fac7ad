// Wakes long-polling pulls when the change feed grows. A waiter resolves on the next change or when
// its time is up, whichever comes first; the caller then reads the feed again.
export class FeedNotifier {
  private waiters = new Set<() => void>();
  private closedFlag = false;

  /** The hub is stopping: wake every waiter, and let no one wait from now on. */
  close(): void {
    this.closedFlag = true;
    this.notify();
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  notify(): void {
    const waiting = this.waiters;
    this.waiters = new Set();
    for (const w of waiting) w();
  }

  /**
   * Start waiting *before* reading the feed: a change that lands between the read and the wait
   * then still wakes the waiter (no lost wake-up, no 25 s stall).
   */
  arm(timeoutMs: number, signal?: AbortSignal): { done: Promise<void>; cancel(): void } {
    let finish: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => finish(), timeoutMs);
      finish = () => {
        clearTimeout(timer);
        this.waiters.delete(finish);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      signal?.addEventListener('abort', finish);
      if (this.closedFlag) finish();
      else this.waiters.add(finish);
    });
    return { done, cancel: () => finish() };
  }

  waiting(): number {
    return this.waiters.size;
  }
}
