// Packing video in the station core: follows the desk's outbox (timeline.ts), writes the overlay,
// takes stills, cuts each pack's clip from the cameras' rolling buffers once its label printed,
// hashes every file into the chain with a video.recorded outbox event, and applies the quota.
// Everything here is best effort by design: a camera or disk problem becomes a status row and a log
// line, never an error for the desk — packing goes on without video.
import { mkdirSync, readFileSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Clock } from '../../../base/clock.js';
import type { Db } from '../../../base/node/sqlite/open.js';
import type { EvidenceClip, EvidenceFile, EvidenceMark } from '../../../contract/api.js';
import type { DeviceStatus } from '../../../contract/station.js';
import type { Camera, Segment } from '../../../hardware/video/types.js';
import type { StationConfig } from '../../config/schema.js';
import type { Outbox } from '../store/outbox.js';
import { VideoStore, type VideoFileRow, type VideoPackRow } from '../store/video.js';
import { chainHash, sha256File, verifyChain, type ChainReport } from './chain.js';
import { applyEvent, clipEnd, overlayLines, type Moment, type PackTimeline } from './timeline.js';
import { zip } from '../../../base/node/zip.js';
import { VideoUploader } from './upload/uploader.js';
import { makeUploadTarget } from './upload/make-target.js';
import type { UploadTarget } from './upload/target.js';

/** Without a label (pending waybill, printer out), the clip is cut this long after the pack ended. */
const LABEL_WAIT_MS = 30_000;
/** Events older than this when read (a restart replaying) get no still: the camera shows now, not then. */
const STILL_FRESH_MS = 5_000;

export interface VideoDeps {
  db: Db;
  clock: Clock;
  config: () => StationConfig;
  outbox: Outbox;
  cameras: Camera[];
  /** Root of clips/ (the cameras' buffers are theirs). */
  dir: string;
  cut: (segments: Segment[], dest: string, startMs: number) => Promise<void>;
  /** Bytes in the cameras' rolling buffers (counted in the GB quota). */
  bufferBytes?: () => number;
  log?: (line: string) => void;
  /** Where video.upload sends evidence; default: from the config (hub or S3). */
  uploadTarget?: (config: StationConfig) => UploadTarget;
  /** Upload part size other than video.upload.partSizeMb (tests). */
  uploadPartBytes?: number;
}

export class VideoService {
  readonly store: VideoStore;
  private cursor = 0;
  private readonly open = new Map<string, PackTimeline>();
  private readonly skip = new Set<string>();
  private current: PackTimeline | null = null;
  private packerId: string | null = null;
  private chainWork: Promise<unknown> = Promise.resolve();
  private cutting = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private lastRetention = 0;
  private fault: { at: number; detail: string } | null = null;
  private readonly listeners = new Set<() => void>();
  private unhook: (() => void) | null = null;

  readonly uploader: VideoUploader;

  constructor(private readonly d: VideoDeps) {
    this.store = new VideoStore(d.db);
    this.uploader = new VideoUploader({
      db: d.db,
      clock: { now: () => d.clock.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      config: d.config,
      target: d.uploadTarget ?? makeUploadTarget,
      manifest: (packId) => {
        const m = this.manifest(packId, null);
        return m && { orderId: m.orderId, waybills: m.waybills, data: Buffer.from(JSON.stringify(m, null, 2)) };
      },
      waybills: (packId) => this.store.waybills(packId),
      log: d.log,
      partBytes: d.uploadPartBytes,
    });
  }

  private get cfg() {
    return this.d.config().video;
  }

  async start(): Promise<void> {
    const now = this.d.clock.now();
    // Resume where the rolling buffer still has footage; packs already cut are skipped.
    this.cursor = this.store.outboxSeqBefore(now - this.cfg.bufferMinutes * 60_000);
    for (const c of this.d.cameras) {
      c.onStatus(() => this.changed());
      await c.start();
    }
    this.follow();
    // Outbox appends happen inside the desk's transaction: read them once it has committed.
    this.unhook = this.d.outbox.onAppend(() => setImmediate(() => this.follow()));
    this.timer = setInterval(() => this.tick(), 500);
    this.uploader.start();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unhook?.();
    await this.uploader.stop();
    await this.chainWork.catch(() => {});
    for (const c of this.d.cameras) await c.stop();
  }

  /** The cameras as device rows (role camera); a recent save failure shows on them. */
  devices(): (DeviceStatus & { id: string })[] {
    const recent = this.fault && this.d.clock.now() - this.fault.at < 60_000 ? this.fault : null;
    return this.d.cameras.map((c) => {
      const s = c.status();
      const failing = recent && s.state === 'ready';
      return {
        id: c.id,
        role: 'camera',
        kind: `${c.kind}:${c.id}`,
        simulated: c.simulated,
        state: failing ? 'error' : s.state,
        detail: failing ? recent.detail : s.detail,
      };
    });
  }

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  private problem(detail: string): void {
    this.d.log?.(`video: ${detail}`);
    this.fault = { at: this.d.clock.now(), detail };
    this.changed();
  }

  /** Reads the outbox from the cursor and applies each desk event. */
  follow(): void {
    try {
      for (;;) {
        const rows = this.store.outboxAfter(this.cursor);
        if (rows.length === 0) break;
        for (const r of rows) {
          this.cursor = r.seq;
          this.onEvent(r.type, r.at, r.packer_id, JSON.parse(r.payload) as Record<string, unknown>);
        }
      }
    } catch (err) {
      this.problem(`following the desk failed: ${errText(err)}`);
    }
  }

  private onEvent(type: string, at: number, packerId: string | null, payload: Record<string, unknown>): void {
    if (type === 'packer.login') this.packerId = typeof payload['packerId'] === 'string' ? payload['packerId'] : null;
    if (type === 'packer.logout') this.packerId = null;
    const packId = typeof payload['packId'] === 'string' ? payload['packId'] : null;
    if (type === 'pack.started' && packId && this.store.hasPack(packId)) this.skip.add(packId);
    if (packId && this.skip.has(packId)) return;
    const hit = applyEvent(this.open, { type, at, packerId, payload });
    if (!hit) return;
    if (type === 'pack.started') this.current = hit.pack;
    if (this.current === hit.pack || type === 'pack.started') this.writeOverlay();
    if (hit.moment && this.d.clock.now() - at < STILL_FRESH_MS) this.takeStills(hit.pack, hit.moment, at);
    if (hit.pack.doneAt !== null && this.current === hit.pack) {
      this.current = null;
      // Keep the finished pack's text a moment (the label going on) — cleared on the next pack.
    }
  }

  private writeOverlay(): void {
    const t = this.current;
    const lines = overlayLines(this.d.config().station.id, t, this.packerId);
    for (const c of this.d.cameras) c.setOverlay(lines);
  }

  private packDir(t: { packId: string; firstAt: number }): string {
    const day = new Date(t.firstAt).toISOString().slice(0, 10);
    return join(this.d.dir, 'clips', day, t.packId.replace(/[^A-Za-z0-9_-]/g, '_'));
  }

  private takeStills(t: PackTimeline, moment: Moment, at: number): void {
    const n = t.marks.length;
    for (const cam of this.d.cameras) {
      const dir = this.packDir(t);
      const name = `still-${String(n).padStart(2, '0')}-${moment}-${cam.id}.jpg`;
      const dest = join(dir, name);
      const take = async () => {
        mkdirSync(dir, { recursive: true });
        if (!(await cam.still(dest))) return;
        await this.register(t, { kind: 'still', cameraId: cam.id, moment, path: dest, at, startedAt: at, endedAt: at });
      };
      take().catch((err: unknown) => this.problem(`still ${name} not saved: ${errText(err)}`));
    }
  }

  /** Hashes a saved file into the chain; serialized so links follow file order. */
  private register(
    t: PackTimeline,
    f: {
      kind: 'clip' | 'still';
      cameraId: string;
      moment: string | null;
      path: string;
      at: number;
      startedAt: number;
      endedAt: number;
    },
  ): Promise<void> {
    const job = this.chainWork.then(async () => {
      const sha = await sha256File(f.path);
      const bytes = statSync(f.path).size;
      const name = basename(f.path);
      this.d.db.transaction(() => {
        const prev = this.store.lastChainHash();
        const link = chainHash(prev, sha, name);
        const fileId = this.store.addFile({
          pack_id: t.packId,
          kind: f.kind,
          camera_id: f.cameraId,
          moment: f.moment,
          name,
          path: f.path,
          at: f.at,
          bytes,
          sha256: sha,
          prev_hash: prev,
          chain_hash: link,
        });
        this.d.outbox.append(
          'video.recorded',
          {
            fileId,
            packId: t.packId,
            orderId: t.orderId,
            waybill: t.waybills[0] ?? null,
            kind: f.kind,
            cameraId: f.cameraId,
            name,
            bytes,
            sha256: sha,
            prevHash: prev,
            chainHash: link,
            startedAt: f.startedAt,
            endedAt: f.endedAt,
          },
          t.packerId,
        );
      })();
    });
    this.chainWork = job.catch(() => {});
    return job;
  }

  private tick(): void {
    const now = this.d.clock.now();
    const tailMs = this.cfg.tailSeconds * 1000;
    for (const t of this.open.values()) {
      if (this.cutting.has(t.packId)) continue;
      const end = clipEnd(t, now, tailMs, LABEL_WAIT_MS);
      if (end === null) continue;
      if (t.parcels === 0 && t.marks.length <= 1) {
        this.open.delete(t.packId); // opened and cancelled at once: nothing to keep
        continue;
      }
      const ready = this.d.cameras.every(
        (c) => c.status().state !== 'ready' || c.segments().some((s) => s.startMs > end),
      );
      // A camera that stopped delivering gets until the wait runs out, then its clip is cut short.
      if (!ready && now - end < LABEL_WAIT_MS) continue;
      this.cutting.add(t.packId);
      this.finish(t, end)
        .catch((err: unknown) => this.problem(`clip of ${t.orderId} not saved: ${errText(err)}`))
        .finally(() => {
          this.open.delete(t.packId);
          this.cutting.delete(t.packId);
        });
    }
    if (now - this.lastRetention > 60_000) {
      this.lastRetention = now;
      this.retention();
    }
  }

  /** Cuts each camera's clip for the pack and records the pack row. */
  private async finish(t: PackTimeline, end: number): Promise<void> {
    const pre = this.cfg.preRollSeconds * 1000;
    let start = t.firstAt;
    let clipEndMs = end;
    let saved = 0;
    for (const cam of this.d.cameras) {
      const segs = cam.segments();
      // Names are FFmpeg's wall-clock second at segment open, so the picture may start up to 1 s
      // later than the name: the first segment is one named at least 1 s before the wanted start.
      const wantFrom = t.firstAt - pre - 1000;
      let first = -1;
      for (let i = 0; i < segs.length; i++) if (segs[i]!.startMs <= wantFrom) first = i;
      if (first < 0) first = 0;
      const chosen: Segment[] = [];
      let after: Segment | null = null;
      for (let i = first; i < segs.length; i++) {
        if (segs[i]!.startMs > end) {
          after = segs[i]!;
          break;
        }
        chosen.push(segs[i]!);
      }
      if (chosen.length === 0) {
        this.problem(`no footage from camera ${cam.id} for order ${t.orderId}`);
        continue;
      }
      const dir = this.packDir(t);
      mkdirSync(dir, { recursive: true });
      const dest = join(dir, `clip-${cam.id}.mp4`);
      await this.d.cut(chosen, dest, chosen[0]!.startMs);
      start = Math.min(start, chosen[0]!.startMs);
      if (after) clipEndMs = Math.max(clipEndMs, after.startMs);
      await this.register(t, {
        kind: 'clip',
        cameraId: cam.id,
        moment: null,
        path: dest,
        at: chosen[0]!.startMs,
        startedAt: chosen[0]!.startMs,
        endedAt: after?.startMs ?? end,
      });
      saved++;
    }
    this.store.savePack({
      packId: t.packId,
      orderId: t.orderId,
      packerId: t.packerId,
      startedAt: start,
      endedAt: clipEndMs,
      marks: t.marks,
      waybills: t.waybills,
      now: this.d.clock.now(),
    });
    // Every camera's clip saved: whatever failed before (a full disk) is over, so the fault clears.
    if (saved === this.d.cameras.length) this.fault = null;
    this.retention();
    this.changed();
    this.uploader.kick();
  }

  /** Rolling buffer beyond bufferMinutes (or before the oldest open pack) and the clip quota. */
  retention(): void {
    const now = this.d.clock.now();
    try {
      let keepFrom = now - this.cfg.bufferMinutes * 60_000;
      for (const t of this.open.values())
        keepFrom = Math.min(keepFrom, t.firstAt - this.cfg.preRollSeconds * 1000 - 10_000);
      for (const c of this.d.cameras) c.prune(keepFrom);
      const { days, gb } = this.cfg.quota;
      const maxBytes = gb * 1e9;
      const oldest = now - days * 86_400_000;
      let used = this.store.liveBytes() + (this.d.bufferBytes?.() ?? 0);
      for (const p of this.store.deletable()) {
        if (p.started_at >= oldest && used <= maxBytes) break;
        this.deletePack(p.pack_id, now);
        used -= p.bytes;
      }
    } catch (err) {
      this.problem(`retention failed: ${errText(err)}`);
    }
  }

  private deletePack(packId: string, now: number): void {
    const files = this.store.files(packId).filter((f) => f.deleted_at === null);
    for (const f of files) rmSync(f.path, { force: true });
    this.store.markDeleted(packId, now);
    const dir = files[0] ? dirname(files[0].path) : null;
    if (dir) {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty (a file retention does not own) or gone: leave it.
      }
    }
    this.d.log?.(`video: clips of pack ${packId} deleted by the quota`);
  }

  pin(packId: string, pinned: boolean): boolean {
    const ok = this.store.setPinned(packId, pinned);
    if (ok && pinned) this.uploader.kick();
    return ok;
  }

  find(code: string): EvidenceClip[] {
    return this.store.find(code.trim()).map((p) => this.view(p));
  }

  view(p: VideoPackRow): EvidenceClip {
    const files = this.store.files(p.pack_id).map(fileView);
    return {
      packId: p.pack_id,
      orderId: p.order_id,
      waybills: this.store.waybills(p.pack_id),
      packerId: p.packer_id,
      startMs: p.started_at,
      endMs: p.ended_at,
      pinned: p.pinned === 1,
      clips: files.filter((f) => f.kind === 'clip'),
      stills: files.filter((f) => f.kind === 'still'),
      marks: JSON.parse(p.marks) as EvidenceMark[],
      exportUrl: `/video/export/${encodeURIComponent(p.pack_id)}.zip`,
    };
  }

  /** A file the HTTP server may send (live, known to the index). */
  filePath(id: number): { path: string; type: string } | null {
    const f = this.store.file(id);
    if (!f || f.deleted_at !== null) return null;
    return { path: f.path, type: f.kind === 'clip' ? 'video/mp4' : 'image/jpeg' };
  }

  /** The pack's clips and stills as a zip, with manifest.json listing every file's hashes. */
  exportZip(packId: string): { name: string; data: Buffer } | null {
    const date = new Date(this.d.clock.now());
    const manifest = this.manifest(packId, date);
    if (!manifest) return null;
    const files = this.store.files(packId).filter((f) => f.deleted_at === null);
    const entries = files.map((f) => ({ name: f.name, data: readFileSync(f.path), date }));
    entries.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)), date });
    const name = `${manifest.orderId}-${packId}.zip`.replace(/[^A-Za-z0-9_.-]/g, '_');
    return { name, data: zip(entries) };
  }

  /**
   * What a pack's evidence is: its files with their hashes and chain links, and the scans. Without
   * `exportedAt` (uploads) the same pack always gives the same bytes, so a resumed upload matches.
   */
  manifest(packId: string, exportedAt: Date | null) {
    const p = this.store.pack(packId);
    if (!p) return null;
    const files = this.store.files(packId).filter((f) => f.deleted_at === null);
    return {
      station: this.d.config().station.id,
      packId,
      orderId: p.order_id,
      waybills: this.store.waybills(packId),
      packerId: p.packer_id,
      startedAt: new Date(p.started_at).toISOString(),
      endedAt: new Date(p.ended_at).toISOString(),
      ...(exportedAt ? { exportedAt: exportedAt.toISOString() } : {}),
      hashChain: 'chainHash = sha256(prevHash + "\\n" + sha256 + "\\n" + name)',
      files: files.map((f) => ({
        name: f.name,
        kind: f.kind,
        camera: f.camera_id,
        moment: f.moment,
        at: new Date(f.at).toISOString(),
        bytes: f.bytes,
        sha256: f.sha256,
        prevHash: f.prev_hash,
        chainHash: f.chain_hash,
      })),
      marks: JSON.parse(p.marks) as EvidenceMark[],
    };
  }

  verify(): Promise<ChainReport> {
    return verifyChain(this.store.chain());
  }
}

function fileView(f: VideoFileRow): EvidenceFile {
  return {
    id: f.id,
    kind: f.kind,
    cameraId: f.camera_id,
    moment: f.moment,
    at: f.at,
    bytes: f.bytes,
    sha256: f.sha256,
    url: f.deleted_at === null ? `/video/file/${f.id}` : null,
  };
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
