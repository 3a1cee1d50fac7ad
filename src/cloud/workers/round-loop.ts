// The start/stop loop every hub worker shares: run a round, wait `intervalMs`, run again; never two
// rounds at once. `kick()` asks for a round now (or right after the running one, when one runs);
// `stop()` waits for the running round so a test or a shutdown never leaves one half done.
export class RoundLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private started = false;

  /**
   * @param round one pass of the worker's job; a rejection goes to `onError` and the loop goes on
   * @param intervalMs pause after each round (read on every re-arm, so a getter may vary it)
   * @param delayFirst wait one interval before the first round instead of running it at start
   */
  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly intervalMs: number | (() => number),
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly delayFirst = false,
  ) {}

  /** True once stop() was called: a long round checks it between steps. */
  get stopped(): boolean {
    return this.stopping;
  }

  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    if (this.delayFirst) this.arm();
    else this.run();
  }

  /** A round soon: now when idle, or once more right after the running one. */
  kick(): void {
    if (!this.started || this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private run(): void {
    if (this.stopping) return;
    this.again = false;
    this.running = this.round()
      .then(
        () => undefined,
        (err: unknown) => this.onError(err),
      )
      .finally(() => {
        this.running = null;
        // kick() sets it while the round awaits.
        if (this.again) this.run();
        else this.arm();
      });
  }

  private arm(): void {
    if (this.stopping) return;
    const ms = typeof this.intervalMs === 'function' ? this.intervalMs() : this.intervalMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, ms);
  }
}
