// Which hub instance runs which background job. Several hub processes may share one store
// (PostgreSQL); each job (per shop where it is per shop) runs only on the instance holding its lease
// (store/lease-types.ts). A round first takes or renews the lease; while the instance holds any, a
// heartbeat renews them every third of the lease time, so a long round keeps its job; when the process
// dies the heartbeat stops and another instance takes the job over once the lease has run out. On
// SQLite there is one instance: it always gets the lease and nothing changes.
//
// A kick (new work arrived on this instance) for a job another instance holds is passed on through
// the store's signal channel when the store has one (HubStore.signal), so the holder runs it now
// rather than at its next interval.
import type { HubStore } from '../store/types.js';

export interface LeaseKeeperOptions {
  store: HubStore;
  /** This hub process (random per start). */
  instanceId: string;
  now: () => number;
  ttlMs: number;
  log: (line: string, fields?: Record<string, unknown>) => void;
  warn: (line: string, fields?: Record<string, unknown>) => void;
}

const KICK = 'kick:';

export class LeaseKeeper {
  private readonly held = new Set<string>();
  private readonly kickListeners = new Map<string, Set<() => void>>();
  private heartbeat: NodeJS.Timeout | null = null;
  private renewing: Promise<void> = Promise.resolve();
  private readonly unlisten: () => void;
  private closed = false;

  constructor(private readonly opts: LeaseKeeperOptions) {
    this.unlisten =
      opts.store.onSignal?.((topic) => {
        if (topic.startsWith(KICK)) this.kicked(topic.slice(KICK.length));
      }) ?? (() => undefined);
  }

  get instanceId(): string {
    return this.opts.instanceId;
  }

  /** Leases this instance holds now, by name. */
  holding(): string[] {
    return [...this.held].sort();
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  /**
   * Runs `round` when this instance holds (or can take) the lease `name`; resolves false without
   * running it while another instance holds it.
   */
  async runHeld(name: string, round: () => Promise<unknown>): Promise<boolean> {
    if (this.closed) return false;
    const { store, instanceId, now, ttlMs } = this.opts;
    const mine = await store.tx((t) => t.leases.acquire(name, instanceId, now(), ttlMs));
    if (!mine) {
      if (this.held.delete(name)) this.opts.warn('lease lost to another hub instance', { lease: name, instanceId });
      return false;
    }
    if (!this.held.has(name)) {
      this.held.add(name);
      this.opts.log('lease taken', { lease: name, instanceId });
      this.armHeartbeat();
    }
    await round();
    return true;
  }

  /** Calls `kick` when another instance passes on a kick for `name` (see `passOn`). */
  onKick(name: string, kick: () => void): () => void {
    const set = this.kickListeners.get(name) ?? new Set();
    set.add(kick);
    this.kickListeners.set(name, set);
    return () => set.delete(kick);
  }

  /** New work for job `name` arrived here while another instance holds it: tell that instance. */
  passOn(name: string): void {
    if (this.held.has(name) || !this.opts.store.signal) return;
    this.opts.store
      .signal(KICK + name)
      .catch((err: unknown) => this.opts.warn('lease: passing a kick on failed', { lease: name, error: String(err) }));
  }

  /** Gives the lease up now (the job's loop stopped), so another instance needs not wait it out. */
  async release(name: string): Promise<void> {
    if (!this.held.delete(name)) return;
    const { instanceId } = this.opts;
    await this.opts.store.tx((t) => t.leases.release(name, instanceId));
    this.opts.log('lease released', { lease: name, instanceId });
  }

  /** Stops renewing; what is still held expires (the workers released theirs when they stopped). */
  async close(): Promise<void> {
    this.closed = true;
    this.unlisten();
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = null;
    await this.renewing;
  }

  private kicked(name: string): void {
    if (!this.held.has(name)) return;
    for (const k of this.kickListeners.get(name) ?? []) k();
  }

  private armHeartbeat(): void {
    if (this.heartbeat || this.closed) return;
    this.heartbeat = setTimeout(
      () => {
        this.heartbeat = null;
        this.renewing = this.renew().finally(() => {
          if (this.held.size > 0) this.armHeartbeat();
        });
      },
      Math.max(100, Math.floor(this.opts.ttlMs / 3)),
    );
  }

  private async renew(): Promise<void> {
    const names = [...this.held];
    if (names.length === 0 || this.closed) return;
    const { store, instanceId, now, ttlMs } = this.opts;
    try {
      const kept = await store.tx(async (t) => {
        const at = now();
        const out: boolean[] = [];
        // A lease released meanwhile (its loop stopped) is not taken again.
        for (const n of names) out.push(this.held.has(n) && (await t.leases.acquire(n, instanceId, at, ttlMs)));
        return out;
      });
      names.forEach((n, i) => {
        if (kept[i] || !this.held.delete(n)) return;
        this.opts.warn('lease lost to another hub instance', { lease: n, instanceId });
      });
    } catch (err) {
      this.opts.warn('lease: renewing failed', { leases: names.length, error: String(err) });
    }
  }
}
