// A RoundLoop whose rounds run only on the hub instance holding the job's lease (workers/lease.ts).
// Other instances keep their loop armed: each of their rounds tries to take the lease, which succeeds
// once the holder released it or died. A kick on an instance that does not hold the lease is passed
// on to the one that does.
import type { LeaseKeeper } from './lease.js';
import { RoundLoop } from './round-loop.js';

export class LeasedLoop extends RoundLoop {
  private readonly unlisten: () => void;

  /**
   * @param name the job's lease, e.g. `pull:<shopId>`: the same on every instance
   * Other parameters as RoundLoop's.
   */
  constructor(
    private readonly leases: LeaseKeeper,
    readonly name: string,
    round: () => Promise<unknown>,
    intervalMs: number | (() => number),
    onError?: (err: unknown) => void,
    delayFirst = false,
  ) {
    super(() => leases.runHeld(name, round), intervalMs, onError, delayFirst);
    this.unlisten = leases.onKick(name, () => super.kick());
  }

  override kick(): void {
    // Run a round here too: it takes the lease when it is free, and is skipped otherwise.
    this.leases.passOn(this.name);
    super.kick();
  }

  override async stop(): Promise<void> {
    this.unlisten();
    await super.stop();
    await this.leases.release(this.name);
  }
}
