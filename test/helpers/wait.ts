// Polling for tests that watch real processes, sockets and timers: one loop for every suite.
const POLL_MS = 10;

/** Polls `probe` until `ok` accepts its value and returns that value; a timeout names `what` and the last value. */
export async function until<T>(
  probe: () => T | Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(v)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Polls a condition until it holds. */
export async function waitFor(check: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  await until(check, (held) => held, timeoutMs, what);
}
