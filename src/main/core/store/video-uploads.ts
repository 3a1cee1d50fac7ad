// Packing-video uploads: what is still to send (per target and mode), each object's multipart id and
// the parts already accepted (resume), retries. All upload SQL lives here.
import type { Db } from '../../../base/node/sqlite/open.js';

export interface UploadRow {
  target: string;
  key: string;
  pack_id: string;
  file_id: number | null;
  bytes: number;
  sha256: string;
  upload_id: string | null;
  attempts: number;
  next_try_at: number;
  last_error: string | null;
  started_at: number;
  done_at: number | null;
}

/** A live file of a finished pack that the target has not taken yet. */
export interface PendingFile {
  id: number;
  pack_id: string;
  order_id: string;
  kind: 'clip' | 'still';
  name: string;
  path: string;
  at: number;
  bytes: number;
  sha256: string;
}

export class VideoUploadStore {
  constructor(private readonly db: Db) {}

  /**
   * The next file to send: pinned packs first (disputes), then oldest. A file waiting out a retry
   * backoff is passed over so one bad file never holds the queue.
   */
  nextFile(target: string, mode: 'disputes' | 'all', now: number): PendingFile | null {
    return (
      this.db
        .prepare<[string, string, number], PendingFile>(
          `SELECT f.id, f.pack_id, p.order_id, f.kind, f.name, f.path, f.at, f.bytes, f.sha256
             FROM video_files f JOIN video_packs p ON p.pack_id = f.pack_id
           WHERE f.deleted_at IS NULL AND (p.pinned = 1 OR ? = 'all')
             AND NOT EXISTS (SELECT 1 FROM video_uploads u WHERE u.target = ? AND u.file_id = f.id
                               AND (u.done_at IS NOT NULL OR u.next_try_at > ?))
           ORDER BY p.pinned DESC, f.id LIMIT 1`,
        )
        .get(mode, target, now) ?? null
    );
  }

  /** A pack whose files are all sent and whose manifest is not (it goes last, listing them). */
  nextManifest(target: string, mode: 'disputes' | 'all', now: number): { pack_id: string; order_id: string } | null {
    return (
      this.db
        .prepare<[string, string, string, number], { pack_id: string; order_id: string }>(
          `SELECT p.pack_id, p.order_id FROM video_packs p
           WHERE (p.pinned = 1 OR ? = 'all')
             AND EXISTS (SELECT 1 FROM video_files f WHERE f.pack_id = p.pack_id AND f.deleted_at IS NULL)
             AND NOT EXISTS (SELECT 1 FROM video_files f WHERE f.pack_id = p.pack_id AND f.deleted_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM video_uploads u WHERE u.target = ? AND u.file_id = f.id
                                     AND u.done_at IS NOT NULL))
             AND NOT EXISTS (SELECT 1 FROM video_uploads u WHERE u.target = ? AND u.pack_id = p.pack_id
                   AND u.file_id IS NULL AND (u.done_at IS NOT NULL OR u.next_try_at > ?))
           ORDER BY p.pinned DESC, p.started_at LIMIT 1`,
        )
        .get(mode, target, target, now) ?? null
    );
  }

  get(target: string, key: string): UploadRow | null {
    return (
      this.db
        .prepare<[string, string], UploadRow>('SELECT * FROM video_uploads WHERE target = ? AND key = ?')
        .get(target, key) ?? null
    );
  }

  /** The row for an object about to be sent; a changed file (other bytes or hash) starts over. */
  open(r: {
    target: string;
    key: string;
    packId: string;
    fileId: number | null;
    bytes: number;
    sha256: string;
    now: number;
  }): UploadRow {
    const old = this.get(r.target, r.key);
    if (old && old.sha256 === r.sha256 && old.bytes === r.bytes) return old;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM video_upload_parts WHERE target = ? AND key = ?').run(r.target, r.key);
      this.db
        .prepare(
          `INSERT OR REPLACE INTO video_uploads (target, key, pack_id, file_id, bytes, sha256, started_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(r.target, r.key, r.packId, r.fileId, r.bytes, r.sha256, r.now);
    })();
    return this.get(r.target, r.key)!;
  }

  setUploadId(target: string, key: string, uploadId: string | null): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE video_uploads SET upload_id = ? WHERE target = ? AND key = ?').run(uploadId, target, key);
      if (uploadId === null)
        this.db.prepare('DELETE FROM video_upload_parts WHERE target = ? AND key = ?').run(target, key);
    })();
  }

  parts(target: string, key: string): { part_no: number; etag: string; bytes: number }[] {
    return this.db
      .prepare<[string, string], { part_no: number; etag: string; bytes: number }>(
        'SELECT part_no, etag, bytes FROM video_upload_parts WHERE target = ? AND key = ? ORDER BY part_no',
      )
      .all(target, key);
  }

  partDone(target: string, key: string, partNo: number, etag: string, bytes: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO video_upload_parts (target, key, part_no, etag, bytes) VALUES (?, ?, ?, ?, ?)')
      .run(target, key, partNo, etag, bytes);
  }

  done(target: string, key: string, now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE video_uploads SET done_at = ?, last_error = NULL WHERE target = ? AND key = ?')
        .run(now, target, key);
      this.db.prepare('DELETE FROM video_upload_parts WHERE target = ? AND key = ?').run(target, key);
    })();
  }

  failed(target: string, key: string, error: string, nextTryAt: number): number {
    this.db
      .prepare(
        `UPDATE video_uploads SET attempts = attempts + 1, last_error = ?, next_try_at = ? WHERE target = ? AND key = ?`,
      )
      .run(error.slice(0, 500), nextTryAt, target, key);
    return this.get(target, key)?.attempts ?? 0;
  }

  /** Counts for the status line: waiting (incl. retrying), sent, failing now. */
  counts(target: string): { sent: number; failing: number } {
    const r = this.db
      .prepare<[string], { sent: number; failing: number }>(
        `SELECT coalesce(sum(done_at IS NOT NULL), 0) AS sent,
                coalesce(sum(done_at IS NULL AND last_error IS NOT NULL), 0) AS failing
           FROM video_uploads WHERE target = ?`,
      )
      .get(target);
    return r ?? { sent: 0, failing: 0 };
  }
}
