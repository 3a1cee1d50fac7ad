// Sends packing evidence off the desk (video.upload): clips and stills of pinned packs (disputes) or
// of every pack, then each pack's manifest. One object at a time, in parts through the station's
// token bucket; every accepted part is written down, so after a restart or a dropped connection the
// upload resumes with the next part. Failures back off per object (2 s … 10 min) and never touch the
// desk: this runs on timers beside packing and its only output is a status and log lines.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { sha256File } from '../chain.js';
import type { StationConfig } from '../../../config/schema.js';
import { VideoUploadStore, type PendingFile } from '../../store/video-uploads.js';
import type { Db } from '../../../../base/node/sqlite/open.js';
import { kbpsToBytesPerSecond, TokenBucket, type BucketClock } from './token-bucket.js';
import { throttledPart } from './throttled-body.js';
import { UploadGoneError, UploadRefusedError, type UploadObject, type UploadTarget } from './target.js';

const IDLE_MS = 5_000;
const BACKOFF_MIN_MS = 2_000;
const BACKOFF_MAX_MS = 10 * 60_000;
/** A refusal (credentials, bucket) is retried too, but slowly: someone has to fix the config. */
const REFUSED_RETRY_MS = 5 * 60_000;

export interface UploaderDeps {
  db: Db;
  clock: BucketClock;
  config: () => StationConfig;
  /** Builds the target for the current config (tests hand in their own). */
  target: (config: StationConfig) => UploadTarget;
  /** A pack's manifest.json (same fields as the export's, without the export time). */
  manifest: (packId: string) => { orderId: string; waybills: string[]; data: Buffer } | null;
  waybills: (packId: string) => string[];
  log?: (line: string) => void;
  /** Overrides video.upload.partSizeMb (tests use small parts). */
  partBytes?: number;
}

export interface UploadStatus {
  state: 'off' | 'idle' | 'sending' | 'retrying';
  target: 'hub' | 's3';
  sent: number;
  failing: number;
  lastError: string | null;
}

export class VideoUploader {
  readonly store: VideoUploadStore;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Aborted by stop(): the part in flight fails at once (its bucket wait too) and is resent next start. */
  private abort = new AbortController();
  private lastError: string | null = null;
  private sending = false;
  private bucket: { kbps: number; bucket: TokenBucket } | null = null;
  private targetFor: { config: string; target: UploadTarget } | null = null;

  constructor(private readonly d: UploaderDeps) {
    this.store = new VideoUploadStore(d.db);
  }

  private get cfg() {
    return this.d.config().video.upload;
  }

  start(): void {
    this.stopped = false;
    this.abort = new AbortController();
    this.schedule(0);
  }

  /** Waits for the object in flight (its accepted parts are recorded); the rest waits for next time. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort(new Error('station stopping; the upload resumes at the next start'));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  /** Something new to send (a pin, a saved pack): look now rather than at the next idle round. */
  kick(): void {
    if (!this.stopped && !this.sending) this.schedule(0);
  }

  status(): UploadStatus {
    const cfg = this.cfg;
    const counts = this.store.counts(cfg.target);
    return {
      state: !cfg.enabled ? 'off' : this.sending ? 'sending' : counts.failing > 0 ? 'retrying' : 'idle',
      target: cfg.target,
      ...counts,
      lastError: this.lastError,
    };
  }

  /** The shared bucket (rebuilt when bandwidthKbps changes); exposed for the bench and tests. */
  limiter(): TokenBucket {
    const kbps = this.cfg.bandwidthKbps;
    if (!this.bucket || this.bucket.kbps !== kbps) {
      const rate = kbpsToBytesPerSecond(kbps);
      // Burst of a quarter second: smooth on the wire, yet whole 16 KiB chunks fit at any rate.
      const clock = { now: () => this.d.clock.now(), sleep: (ms: number) => this.sleep(ms) };
      this.bucket = { kbps, bucket: new TokenBucket(rate, Math.max(16 * 1024, rate / 4), clock) };
    }
    return this.bucket.bucket;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.round()
        // After stop() the database may be closed under a finishing round: nothing to record then.
        .catch((err: unknown) => this.note(`upload round failed: ${errText(err)}`))
        .finally(() => (this.running = null));
    }, ms);
  }

  /** False once stop() was called (it can happen while a round awaits). */
  private isRunning(): boolean {
    return !this.stopped;
  }

  /** Sends until nothing is due, then sleeps. */
  private async round(): Promise<void> {
    if (this.stopped) return;
    const cfg = this.cfg;
    if (!cfg.enabled) {
      this.schedule(IDLE_MS);
      return;
    }
    this.sending = true;
    try {
      while (this.isRunning() && (await this.sendNext())) {
        // next object
      }
    } finally {
      this.sending = false;
    }
    this.schedule(IDLE_MS);
  }

  /** Sends one due object; false when none is due. */
  async sendNext(): Promise<boolean> {
    const cfg = this.cfg;
    const now = this.d.clock.now();
    let target: UploadTarget;
    try {
      target = this.target();
    } catch (err) {
      this.note(`upload target not usable: ${errText(err)}`);
      return false;
    }
    const file = this.store.nextFile(target.name, cfg.mode, now);
    if (file) {
      await this.attempt(target, await this.fileObject(file), file.path);
      return true;
    }
    const pack = this.store.nextManifest(target.name, cfg.mode, now);
    if (!pack) return false;
    const m = this.d.manifest(pack.pack_id);
    if (!m) return false;
    const o: UploadObject = {
      key: this.keyFor(pack.order_id, pack.pack_id, 'manifest.json'),
      packId: pack.pack_id,
      fileId: null,
      orderId: m.orderId,
      waybills: m.waybills,
      name: 'manifest.json',
      kind: 'manifest',
      bytes: m.data.length,
      sha256: createHash('sha256').update(m.data).digest('hex'),
      partBytes: this.partBytes(),
      contentType: 'application/json',
    };
    await this.attempt(target, o, m.data);
    return true;
  }

  private target(): UploadTarget {
    const config = this.d.config();
    const key = JSON.stringify([config.video.upload, config.hub?.url, config.hub?.token]);
    if (this.targetFor?.config !== key) this.targetFor = { config: key, target: this.d.target(config) };
    return this.targetFor.target;
  }

  private partBytes(): number {
    return this.d.partBytes ?? this.cfg.partSizeMb * 1024 * 1024;
  }

  /** <station>/<order>/<pack>/<name>: a supervisor browsing the bucket finds an order's packs together. */
  private keyFor(orderId: string, packId: string, name: string): string {
    const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
    return `${this.d.config().station.id}/${safe(orderId)}/${safe(packId)}/${name}`;
  }

  /**
   * The file as it is on disk now: hashed again rather than trusting the index, so a file edited
   * since it was recorded arrives with its real hash and the hub flags it against the chain.
   */
  private async fileObject(f: PendingFile): Promise<UploadObject> {
    let bytes = f.bytes;
    let sha256 = f.sha256;
    try {
      bytes = statSync(f.path).size;
      sha256 = await sha256File(f.path);
    } catch {
      // Gone between the query and now (retention): the attempt fails and is retried or dropped.
    }
    return {
      key: this.keyFor(f.order_id, f.pack_id, f.name),
      packId: f.pack_id,
      fileId: f.id,
      orderId: f.order_id,
      waybills: this.d.waybills(f.pack_id),
      name: f.name,
      kind: f.kind,
      bytes,
      sha256,
      partBytes: this.partBytes(),
      contentType: f.kind === 'clip' ? 'video/mp4' : 'image/jpeg',
    };
  }

  private async attempt(target: UploadTarget, o: UploadObject, source: string | Buffer): Promise<void> {
    const row = this.store.open({
      target: target.name,
      key: o.key,
      packId: o.packId,
      fileId: o.fileId,
      bytes: o.bytes,
      sha256: o.sha256,
      now: this.d.clock.now(),
    });
    try {
      await this.send(target, o, source, row.upload_id);
      this.store.done(target.name, o.key, this.d.clock.now());
      this.d.log?.(`video upload: ${o.key} sent to ${target.name} (${o.bytes} bytes)`);
    } catch (err) {
      const gone = err instanceof UploadGoneError;
      if (gone) this.store.setUploadId(target.name, o.key, null);
      const attempts = row.attempts + 1;
      const wait =
        err instanceof UploadRefusedError
          ? REFUSED_RETRY_MS
          : gone
            ? 0
            : Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(attempts - 1, 12));
      this.store.failed(target.name, o.key, errText(err), this.d.clock.now() + wait);
      this.note(`${o.key} not sent (attempt ${attempts}, next in ${Math.round(wait / 1000)} s): ${errText(err)}`);
    }
  }

  /** The multipart protocol with resume: parts recorded as accepted are not sent again. */
  private async send(
    target: UploadTarget,
    o: UploadObject,
    source: string | Buffer,
    stored: string | null,
  ): Promise<void> {
    let uploadId = stored;
    // The hub is asked every time (it says which parts it holds); S3 only when no upload is open.
    if (!uploadId || target.name === 'hub') {
      const begun = await target.begin(o);
      if (begun.uploadId !== uploadId) {
        this.store.setUploadId(target.name, o.key, begun.uploadId);
        uploadId = begun.uploadId;
      }
      const known = new Set(this.store.parts(target.name, o.key).map((p) => p.part_no));
      for (const n of begun.received ?? [])
        if (!known.has(n)) this.store.partDone(target.name, o.key, n, '', this.partLength(o, n));
    }
    const count = Math.max(1, Math.ceil(o.bytes / o.partBytes));
    const done = new Map(this.store.parts(target.name, o.key).map((p) => [p.part_no, p.etag]));
    for (let n = 1; n <= count; n++) {
      this.abort.signal.throwIfAborted();
      if (done.has(n)) continue;
      const length = this.partLength(o, n);
      const body = throttledPart(source, (n - 1) * o.partBytes, length, this.limiter());
      const etag = await target.putPart(o, uploadId, n, body, length);
      this.store.partDone(target.name, o.key, n, etag, length);
      done.set(n, etag);
    }
    const parts = [...done.entries()].sort((a, b) => a[0] - b[0]).map(([partNo, etag]) => ({ partNo, etag }));
    await target.complete(o, uploadId, parts);
  }

  /** The bucket's wait, cut short by stop(). */
  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      this.d.clock.sleep(ms).then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, reject);
    });
  }

  private partLength(o: UploadObject, n: number): number {
    return Math.max(0, Math.min(o.partBytes, o.bytes - (n - 1) * o.partBytes));
  }

  private note(line: string): void {
    this.lastError = line;
    this.d.log?.(`video upload: ${line}`);
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
