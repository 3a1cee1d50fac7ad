// Packing-video evidence stored at the hub: a station's upload begins (or resumes: the parts held
// are named), parts are written to disk as they arrive, and completing joins them, checks the
// declared SHA-256, and files the result under <data dir>/video/files/<station>/<pack>/. Each file
// is compared with the hash the station reported when it recorded it (video_hashes), so a clip
// edited after recording shows as "mismatch" to the supervisor who downloads it.
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../base/ids.js';
import type { HubVideoFile, UploadBegin, UploadState, VideoCheck } from '../../contract/video-upload.js';
import type { HubContext } from '../context.js';
import type { VideoUploadRow } from '../store/video-types.js';

/** A refusal the station cannot retry away (its request is wrong): the route answers 4xx. */
export class UploadProblem extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

export class VideoEvidence {
  constructor(
    private readonly ctx: HubContext,
    /** <hub data dir>/video */
    private readonly dir: string,
  ) {}

  async begin(stationId: string, b: UploadBegin): Promise<UploadState> {
    const now = this.ctx.now();
    const state = await this.ctx.store.tx(async (t) => {
      const old = await t.videoUploads.find(stationId, b.packId, b.name);
      if (!old) {
        const row: VideoUploadRow = {
          id: newId(now),
          stationId,
          packId: b.packId,
          name: b.name,
          fileId: b.fileId,
          orderId: b.orderId,
          kind: b.kind,
          bytes: b.bytes,
          sha256: b.sha256,
          partBytes: b.partBytes,
          path: null,
          createdAt: now,
          completedAt: null,
        };
        await t.videoUploads.create(row, [b.orderId, ...b.waybills]);
        return { uploadId: row.id, received: [], done: false };
      }
      if (old.sha256 === b.sha256 && old.bytes === b.bytes && old.partBytes === b.partBytes) {
        const received = (await t.videoUploads.parts(old.id)).map((p) => p.partNo);
        return { uploadId: old.id, received, done: old.completedAt !== null };
      }
      await t.videoUploads.restart(old.id, { ...b, at: now });
      return { uploadId: old.id, received: [], done: false };
    });
    if (state.received.length === 0 && !state.done)
      rmSync(this.partsDir(state.uploadId), { recursive: true, force: true });
    return state;
  }

  async putPart(
    stationId: string,
    uploadId: string,
    partNo: number,
    data: Buffer,
  ): Promise<{ partNo: number; sha256: string }> {
    const up = await this.own(stationId, uploadId);
    const count = partCount(up);
    if (partNo > count) throw new UploadProblem(400, `part ${partNo}: this upload has ${count} part(s)`);
    const expected = Math.min(up.partBytes, up.bytes - (partNo - 1) * up.partBytes);
    if (data.length !== expected)
      throw new UploadProblem(400, `part ${partNo}: ${data.length} bytes arrived, ${expected} expected`);
    const sha256 = createHash('sha256').update(data).digest('hex');
    mkdirSync(this.partsDir(uploadId), { recursive: true });
    const file = join(this.partsDir(uploadId), String(partNo));
    writeFileSync(`${file}.tmp`, data);
    renameSync(`${file}.tmp`, file);
    await this.ctx.store.tx((t) => t.videoUploads.addPart(uploadId, partNo, data.length, sha256));
    return { partNo, sha256 };
  }

  async complete(stationId: string, uploadId: string, parts: number): Promise<{ sha256: string; check: VideoCheck }> {
    const up = await this.own(stationId, uploadId);
    if (up.completedAt !== null && up.path) return { sha256: up.sha256, check: await this.check(up) };
    const count = partCount(up);
    const held = new Set((await this.ctx.store.tx((t) => t.videoUploads.parts(uploadId))).map((p) => p.partNo));
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !held.has(n));
    if (parts !== count || missing.length > 0)
      throw new UploadProblem(409, `cannot complete: parts ${missing.join(', ') || '(none)'} missing of ${count}`);
    const destDir = join(this.dir, 'files', safe(stationId), safe(up.packId));
    mkdirSync(destDir, { recursive: true });
    const dest = join(destDir, safe(up.name));
    const hash = createHash('sha256');
    const out = createWriteStream(`${dest}.tmp`);
    for (let n = 1; n <= count; n++) {
      const part = readFileSync(join(this.partsDir(uploadId), String(n)));
      hash.update(part);
      if (!out.write(part)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const sha256 = hash.digest('hex');
    if (sha256 !== up.sha256) {
      rmSync(`${dest}.tmp`, { force: true });
      // Parts damaged on the way: forget them and answer 404 (upload gone), so the station starts over.
      await this.ctx.store.tx((t) => t.videoUploads.restart(uploadId, { ...up, at: this.ctx.now() }));
      rmSync(this.partsDir(uploadId), { recursive: true, force: true });
      throw new UploadProblem(
        404,
        `joined file has SHA-256 ${sha256}, the station declared ${up.sha256}: send it again`,
      );
    }
    renameSync(`${dest}.tmp`, dest);
    await this.ctx.store.tx((t) => t.videoUploads.complete(uploadId, dest, this.ctx.now()));
    rmSync(this.partsDir(uploadId), { recursive: true, force: true });
    const check = await this.check({ ...up, path: dest });
    if (check === 'mismatch')
      this.ctx.warn('video evidence differs from the hash recorded at packing', {
        stationId,
        packId: up.packId,
        name: up.name,
      });
    return { sha256, check };
  }

  /** Uploaded files for an order id or waybill, with how each compares to the recorded chain. */
  async find(code: string): Promise<HubVideoFile[]> {
    const rows = await this.ctx.store.tx((t) => t.videoUploads.byCode(code));
    const out: HubVideoFile[] = [];
    for (const r of rows) {
      const codes = await this.ctx.store.tx((t) => t.videoUploads.codes(r.id));
      out.push({
        id: r.id,
        stationId: r.stationId,
        packId: r.packId,
        orderId: r.orderId,
        waybills: codes.filter((c) => c !== r.orderId),
        name: r.name,
        kind: r.kind,
        bytes: r.bytes,
        sha256: r.sha256,
        check: await this.check(r),
        uploadedAt: r.completedAt ?? r.createdAt,
        url: `/v1/admin/video/files/${encodeURIComponent(r.id)}`,
      });
    }
    return out;
  }

  async file(id: string): Promise<VideoUploadRow | null> {
    const r = await this.ctx.store.tx((t) => t.videoUploads.get(id));
    return r && r.completedAt !== null && r.path ? r : null;
  }

  stream(path: string) {
    return createReadStream(path);
  }

  /**
   * verified: the hub's copy has the SHA-256 the station reported at packing (for a manifest: every
   * file it lists does); mismatch: it differs; unrecorded: the station has not reported it yet.
   */
  async check(r: VideoUploadRow): Promise<VideoCheck> {
    if (r.kind !== 'manifest') {
      const recorded =
        r.fileId === null
          ? undefined
          : await this.ctx.store.tx((t) => t.videoUploads.recordedSha(r.stationId, r.fileId!));
      return recorded === undefined ? 'unrecorded' : recorded === r.sha256 ? 'verified' : 'mismatch';
    }
    const recorded = await this.ctx.store.tx((t) => t.videoUploads.recordedByName(r.stationId, r.packId));
    let listed: { name: string; sha256: string }[];
    try {
      listed =
        (JSON.parse(readFileSync(r.path!, 'utf8')) as { files?: { name: string; sha256: string }[] }).files ?? [];
    } catch {
      return 'mismatch';
    }
    if (listed.some((f) => recorded.has(f.name) && recorded.get(f.name) !== f.sha256)) return 'mismatch';
    return listed.length > 0 && listed.every((f) => recorded.get(f.name) === f.sha256) ? 'verified' : 'unrecorded';
  }

  private async own(stationId: string, uploadId: string): Promise<VideoUploadRow> {
    const up = await this.ctx.store.tx((t) => t.videoUploads.get(uploadId));
    if (!up || up.stationId !== stationId) throw new UploadProblem(404, `no upload ${uploadId} for this station`);
    return up;
  }

  private partsDir(uploadId: string): string {
    return join(this.dir, 'parts', safe(uploadId));
  }
}

function partCount(up: VideoUploadRow): number {
  return Math.max(1, Math.ceil(up.bytes / up.partBytes));
}
