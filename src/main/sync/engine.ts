// The station's sync engine: a pull loop (hello, then long-poll pulls applied atomically with their
// cursor), a push loop (the outbox in seq order), and a claim when a pack starts while online.
//
// Modes: `online` — the last request succeeded; `offline` — network error, 5xx, timeout or a pull
// that would not apply: packing goes on, requests retry with full-jitter backoff; `paused` — 401/403,
// a hub of another API version or station, or pauseFor(): nothing is sent until resume() or
// reconfigure(). Only the pull loop (re)connects; the push loop waits until it has.
import type { Clock } from '../../base/clock.js';
import { MAX_PUSH_EVENTS, type ClaimResponse } from '../../contract/sync.js';
import type { SyncMode } from '../../contract/station.js';
import type { Desk } from '../core/packing/desk.js';
import type { Db } from '../../base/node/sqlite/open.js';
import type { HandoverHub, HubStats } from '../core/services.js';
import { Backoff } from './backoff.js';
import { HubClient, SyncError } from './http.js';
import { HubUrls } from './hub-urls.js';
import { hubStockReads, type HubStock } from './stock-reads.js';
import { hubTrackingReads, type HubTracking } from './tracking-reads.js';
import { hubDisputes, type HubDisputes } from './dispute-reads.js';
import { applyPull } from './pull.js';
import { PackClaims } from './claims.js';
import { pushBatch } from './push.js';
import { SyncStore, type DeadLetter, type StationException } from './store.js';
import type { HubSettings, SyncEngineOptions, SyncStatus } from './types.js';
import { Wake } from './wake.js';
import { CatalogImageFetcher } from './images.js';
import { CatalogStore } from '../core/store/catalog.js';

export type { HubSettings, SyncEngineOptions, SyncStatus } from './types.js';
import type { StationReport } from '../../contract/sync.js';

const PULL_LIMIT = 5000;
/** Outbox appends come in bursts (scan + pack.started + …): one push for the burst. */
const APPEND_DEBOUNCE_MS = 50;

export class SyncEngine {
  private hub: HubSettings;
  /** The hub instances and the one in use; kept across sessions so a new session starts on a working one. */
  private hubs: HubUrls;
  private readonly desk: Desk;
  private readonly store: SyncStore;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly fetchFn: typeof fetch;
  private readonly pullBackoff: Backoff;
  private readonly pushBackoff: Backoff;
  private readonly pushIntervalMs: number;
  private readonly pullIntervalMs: number;
  /** Paused, idle and backoff sleeps of the pull loop. */
  private readonly pullWake: Wake;
  /** Idle sleeps of the push loop: new outbox rows, a (re)connect. */
  private readonly pushWake: Wake;
  /** Backoff sleeps of the push loop: new rows must not cut them short, a reconnect does. */
  private readonly pushRetry: Wake;
  private readonly listeners = new Set<(s: SyncStatus) => void>();

  private mode: SyncMode = 'offline';
  private lastError: string | null = null;
  private lastPullAt: number | null = null;
  private lastPushAt: number | null = null;
  private retryDelayMs: number | null = null;
  private cursor = 0;
  private running = false;
  private connected = false;
  /** Replaced on pause, reconfigure and stop: aborts what is in flight; late answers are dropped. */
  private session = new AbortController();
  private client: HubClient;
  private loops: Promise<void>[] = [];
  private offAppend: (() => void) | null = null;
  private debounce: { cancel(): void } | null = null;
  private readonly claims: PackClaims;
  /** The supervisor view's hub figures, through the current session's client (services.hubStats). */
  readonly stats: HubStats = {
    supervisorView: (from, to) => this.client.supervisorView(from, to),
    statsCsv: (from, to, by) => this.client.statsCsv(from, to, by),
    statsExportTable: (from, to, by, lang) => this.client.statsExportTable(from, to, by, lang),
  };
  /** The stock board's hub reads (services.hubStock), through the current session's client. */
  readonly stock: HubStock = hubStockReads((pathAndQuery) => this.client.read(pathAndQuery));
  /** The hub's tracking reads for the supervisor view (services.hubTracking). */
  readonly tracking: HubTracking = hubTrackingReads((pathAndQuery) => this.client.read(pathAndQuery));
  /** The hub's after-sale disputes on orders this desk packed (core/video/disputes.ts). */
  readonly disputes: HubDisputes = hubDisputes(
    (pathAndQuery) => this.client.read(pathAndQuery),
    (path, body) => this.client.write(path, body),
  );
  /** The hub's handover lists for a batch at this desk (core/handover/hub-refresh.ts). */
  readonly handover: HandoverHub = {
    expected: (carrier, day) => this.client.handoverExpected(carrier, day),
    cutoffs: () => this.client.handoverCutoffs(),
  };
  private readonly report: (() => StationReport) | null;
  /** Product photos, fetched after pulls through the current session's client (sync/images.ts). */
  readonly images: CatalogImageFetcher | null;

  constructor(opts: SyncEngineOptions) {
    this.report = opts.report ?? null;
    this.images = opts.imagesDir
      ? new CatalogImageFetcher({
          catalog: new CatalogStore(opts.db, () => opts.clock.now()),
          dir: opts.imagesDir,
          clock: opts.clock,
          download: (sha256, maxBytes) => this.client.catalogImage(sha256, maxBytes),
          log: (line) => this.log(line),
        })
      : null;
    this.hub = opts.hub;
    this.hubs = this.hubUrls();
    this.desk = opts.desk;
    this.store = new SyncStore(opts.db);
    this.db = opts.db;
    this.clock = opts.clock;
    this.log = opts.log ?? (() => {});
    this.fetchFn = opts.fetch ?? fetch;
    this.pullBackoff = new Backoff(opts.random);
    this.pushBackoff = new Backoff(opts.random);
    this.pushIntervalMs = opts.pushIntervalMs ?? 5000;
    this.pullIntervalMs = opts.pullIntervalMs ?? 5000;
    this.pullWake = new Wake(opts.clock);
    this.pushWake = new Wake(opts.clock);
    this.pushRetry = new Wake(opts.clock);
    this.client = this.newClient();
    this.claims = new PackClaims({
      desk: this.desk,
      log: this.log,
      online: () => this.mode === 'online',
      send: (orderId, packId) => this.sendClaim(orderId, packId),
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.cursor = this.store.cursor();
    this.claims.restart();
    this.images?.resume();
    this.offAppend = this.desk.outbox.onAppend(() => this.appended());
    this.loops = [this.pullLoop(), this.pushLoop()];
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.offAppend?.();
    this.debounce?.cancel();
    this.newSession();
    this.pullWake.fire();
    this.pushWake.fire();
    this.pushRetry.fire();
    await Promise.all([...this.loops, this.images?.stop()]);
  }

  status(): SyncStatus {
    return {
      mode: this.mode,
      queueDepth: this.desk.outbox.pendingCount(),
      deadLetters: this.store.deadLetterCount(),
      quarantined: this.store.quarantine.openCount(),
      lastError: this.lastError,
      lastPullAt: this.lastPullAt,
      lastPushAt: this.lastPushAt,
      cursor: this.cursor,
      retryDelayMs: this.retryDelayMs,
      hub: this.hubs.current,
    };
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop talking to the hub until resume() or reconfigure(); `reason` is shown as the error. */
  pauseFor(reason: string): void {
    this.log(`sync paused: ${reason}`);
    this.mode = 'paused';
    this.lastError = reason;
    this.retryDelayMs = null;
    this.connected = false;
    this.newSession();
    this.emit();
  }

  resume(): void {
    if (this.mode !== 'paused') return;
    this.mode = 'offline';
    this.lastError = null;
    this.pullBackoff.reset();
    this.pushBackoff.reset();
    this.emit();
    this.pullWake.fire();
    this.pushRetry.fire();
  }

  /** New hub settings (a changed token or URL): reconnect with them; a pause is lifted. */
  reconfigure(hub: HubSettings): void {
    this.hub = hub;
    this.hubs = this.hubUrls();
    this.connected = false;
    this.newSession();
    if (this.mode === 'paused') this.resume();
    this.pullWake.fire();
    this.pushRetry.fire();
  }

  /** Conflicts for the supervisor, newest first. */
  exceptions(limit?: number): StationException[] {
    return this.store.exceptions(limit);
  }

  /** The waybill the hub took in advance for the order's first parcel (e-waybill shops), if any. */
  preassigned(orderId: string): { carrier: string; waybill: string } | null {
    return this.store.preassigned(orderId);
  }

  /** Events the hub refused for good (the dead letters), newest first. */
  deadLetters(limit?: number): DeadLetter[] {
    return this.store.deadLetters(limit);
  }

  private async pullLoop(): Promise<void> {
    while (this.running) {
      if (this.mode === 'paused') {
        await this.pullWake.sleep(null);
        continue;
      }
      const session = this.session;
      try {
        if (!this.connected) {
          const hello = await this.client.hello(this.desk.stationId);
          if (session !== this.session) continue;
          this.log(
            `sync connected to ${this.hubs.current} (hub clock ${hello.serverTime - this.clock.now()} ms ahead)`,
          );
          this.connected = true;
          // The backoff resets on a pull, not here: a hub that answers hello but fails every pull
          // must not be hit at the base rate.
          this.succeeded(session);
          // The hub is back: what queued up while offline goes now, not at the end of a backoff.
          this.pushWake.fire();
          this.pushRetry.fire();
        }
        const res = await this.client.pull({
          cursor: this.cursor,
          waitS: this.hub.pullWaitS,
          limit: PULL_LIMIT,
          pool: this.desk.poolCounts(),
          poolTarget: this.hub.poolTarget,
          report: this.report?.() ?? null,
        });
        if (session !== this.session) continue;
        try {
          applyPull(this.desk, this.store, res, this.clock.now());
        } catch (err) {
          throw new SyncError(
            'apply',
            `pull up to ${res.cursor} not applied: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
        this.cursor = res.cursor;
        this.lastPullAt = this.clock.now();
        // In the background: a photo never holds up the next pull or the packer.
        this.images?.kick();
        this.pullBackoff.reset();
        this.succeeded(session);
        if (!res.more && this.hub.pullWaitS === 0) await this.pullWake.sleep(this.pullIntervalMs);
      } catch (err) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() and reconfigure() change these while the request awaits
        if (!this.running || session !== this.session) continue;
        this.connected = false;
        if (this.failed(session, err)) await this.backoff(this.pullBackoff, this.pullWake);
      }
    }
  }

  private async pushLoop(): Promise<void> {
    while (this.running) {
      if (!this.connected || this.mode === 'paused') {
        await this.pushWake.sleep(null);
        continue;
      }
      const session = this.session;
      const rows = this.store.unsent(Math.min(this.hub.pushBatch, MAX_PUSH_EVENTS));
      if (rows.length === 0) {
        await this.pushWake.sleep(this.pushIntervalMs);
        continue;
      }
      try {
        const res = await this.client.push(rows.map((r) => this.desk.outbox.toEvent(r)));
        if (session !== this.session) continue;
        const outcome = pushBatch(this.db, this.store, rows, res, this.clock.now());
        this.lastPushAt = this.clock.now();
        if (outcome.rejected > 0)
          this.log(`sync: the hub rejected ${outcome.rejected} event(s); they are in the dead letters`);
        if (!outcome.progressed) {
          throw new SyncError(
            'bad_response',
            `push: the hub neither accepted nor rejected event ${rows[0]?.id ?? ''} (seq ${rows[0]?.seq ?? '?'})`,
          );
        }
        this.pushBackoff.reset();
        this.succeeded(session);
      } catch (err) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() and reconfigure() change these while the request awaits
        if (!this.running || session !== this.session) continue;
        if (this.failed(session, err)) await this.backoff(this.pushBackoff, this.pushRetry);
      }
    }
  }

  /** Inside the appending transaction: only schedule; the pack may still roll back. */
  private appended(): void {
    if (this.debounce) return;
    this.debounce = this.clock.setTimeout(() => {
      this.debounce = null;
      this.pushWake.fire();
      this.emit();
      this.claims.check();
    }, APPEND_DEBOUNCE_MS);
  }

  /** A claim outside the loops: no retry, but its outcome sets the mode like any request. */
  private async sendClaim(orderId: string, packId: string): Promise<ClaimResponse | null> {
    const session = this.session;
    try {
      const res = await this.client.claim(orderId, packId);
      if (session !== this.session) return null;
      this.succeeded(session);
      return res;
    } catch (err) {
      if (this.running) this.failed(session, err);
      return null;
    }
  }

  private async backoff(backoff: Backoff, wake: Wake): Promise<void> {
    wake.clear();
    this.retryDelayMs = backoff.next();
    this.emit();
    await wake.sleep(this.retryDelayMs);
    this.retryDelayMs = null;
  }

  private succeeded(session: AbortController): void {
    if (session !== this.session || this.mode === 'paused') return;
    this.mode = 'online';
    this.lastError = null;
    this.emit();
  }

  /** Records a failure; false when it paused sync (no retry). */
  private failed(session: AbortController, err: unknown): boolean {
    if (session !== this.session) return false;
    const e =
      err instanceof SyncError ? err : new SyncError('network', err instanceof Error ? err.message : String(err));
    if (e.pauses) {
      this.pauseFor(e.message);
      return false;
    }
    if (this.lastError !== e.message) this.log(`sync ${e.reason}: ${e.message}`);
    this.mode = 'offline';
    this.lastError = e.message;
    this.emit();
    return true;
  }

  private newSession(): void {
    this.session.abort();
    this.session = new AbortController();
    this.client = this.newClient();
  }

  private hubUrls(): HubUrls {
    return new HubUrls(this.hub.urls ?? [this.hub.url], (from, to, why) =>
      this.log(`sync: hub ${from} failed (${why}); moving to ${to}`),
    );
  }

  private newClient(): HubClient {
    return new HubClient({
      url: this.hubs,
      token: this.hub.token,
      clock: this.clock,
      fetch: this.fetchFn,
      signal: this.session.signal,
    });
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const s = this.status();
    for (const l of this.listeners) l(s);
  }
}
