// Packing-video index: packs filmed, their files (clips and stills) with the hash chain, and the
// outbox read the video service follows. All video SQL lives here.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { EvidenceMark } from '../../../contract/api.js';

export interface VideoFileRow {
  id: number;
  pack_id: string;
  kind: 'clip' | 'still';
  camera_id: string;
  moment: string | null;
  name: string;
  path: string;
  at: number;
  bytes: number;
  sha256: string;
  prev_hash: string;
  chain_hash: string;
  deleted_at: number | null;
}

export interface VideoPackRow {
  pack_id: string;
  order_id: string;
  packer_id: string | null;
  started_at: number;
  ended_at: number;
  marks: string;
  pinned: number;
  created_at: number;
}

export interface OutboxTail {
  seq: number;
  type: string;
  at: number;
  packer_id: string | null;
  payload: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export class VideoStore {
  constructor(private readonly db: Db) {}

  /** Outbox rows after `seq`, oldest first: the desk's events the recorder follows. */
  outboxAfter(seq: number, limit = 500): OutboxTail[] {
    return this.db
      .prepare<[number, number], OutboxTail>(
        'SELECT seq, type, at, packer_id, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?',
      )
      .all(seq, limit);
  }

  /** The last outbox seq stamped before `at` (where a restarted station resumes following). */
  outboxSeqBefore(at: number): number {
    const v = this.db.prepare('SELECT max(seq) FROM outbox WHERE at < ?').pluck().get(at) as number | null;
    return v ?? 0;
  }

  hasPack(packId: string): boolean {
    return this.db.prepare('SELECT 1 FROM video_packs WHERE pack_id = ?').get(packId) !== undefined;
  }

  savePack(p: {
    packId: string;
    orderId: string;
    packerId: string | null;
    startedAt: number;
    endedAt: number;
    marks: EvidenceMark[];
    waybills: string[];
    now: number;
  }): void {
    this.db
      .prepare(
        `INSERT INTO video_packs (pack_id, order_id, packer_id, started_at, ended_at, marks, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (pack_id) DO UPDATE SET started_at = excluded.started_at, ended_at = excluded.ended_at,
           marks = excluded.marks, packer_id = excluded.packer_id`,
      )
      .run(p.packId, p.orderId, p.packerId, p.startedAt, p.endedAt, JSON.stringify(p.marks), p.now);
    const add = this.db.prepare('INSERT OR IGNORE INTO video_waybills (waybill, pack_id) VALUES (?, ?)');
    for (const w of p.waybills) add.run(w, p.packId);
  }

  lastChainHash(): string {
    const v = this.db.prepare('SELECT chain_hash FROM video_files ORDER BY id DESC LIMIT 1').pluck().get() as
      string | undefined;
    return v ?? GENESIS_HASH;
  }

  addFile(f: Omit<VideoFileRow, 'id' | 'deleted_at'>): number {
    const r = this.db
      .prepare(
        `INSERT INTO video_files (pack_id, kind, camera_id, moment, name, path, at, bytes, sha256, prev_hash, chain_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        f.pack_id,
        f.kind,
        f.camera_id,
        f.moment,
        f.name,
        f.path,
        f.at,
        f.bytes,
        f.sha256,
        f.prev_hash,
        f.chain_hash,
      );
    return Number(r.lastInsertRowid);
  }

  files(packId: string): VideoFileRow[] {
    return this.db
      .prepare<[string], VideoFileRow>('SELECT * FROM video_files WHERE pack_id = ? ORDER BY id')
      .all(packId);
  }

  file(id: number): VideoFileRow | null {
    return this.db.prepare<[number], VideoFileRow>('SELECT * FROM video_files WHERE id = ?').get(id) ?? null;
  }

  /** Every file in chain order (verify). */
  chain(): VideoFileRow[] {
    return this.db.prepare<[], VideoFileRow>('SELECT * FROM video_files ORDER BY id').all();
  }

  pack(packId: string): VideoPackRow | null {
    return this.db.prepare<[string], VideoPackRow>('SELECT * FROM video_packs WHERE pack_id = ?').get(packId) ?? null;
  }

  waybills(packId: string): string[] {
    return this.db
      .prepare('SELECT waybill FROM video_waybills WHERE pack_id = ? ORDER BY waybill')
      .pluck()
      .all(packId) as string[];
  }

  /** Packs filmed for an order id or a waybill, newest first. */
  find(code: string): VideoPackRow[] {
    return this.db
      .prepare<[string, string], VideoPackRow>(
        `SELECT * FROM video_packs WHERE order_id = ?
           OR pack_id IN (SELECT pack_id FROM video_waybills WHERE waybill = ?)
         ORDER BY started_at DESC LIMIT 20`,
      )
      .all(code, code);
  }

  /** Packs by packer and time span (the supervisor's "what did this packer pack this morning"). */
  byPacker(packerId: string, from: number, to: number): VideoPackRow[] {
    return this.db
      .prepare<[string, number, number], VideoPackRow>(
        'SELECT * FROM video_packs WHERE packer_id = ? AND started_at >= ? AND started_at < ? ORDER BY started_at',
      )
      .all(packerId, from, to);
  }

  setPinned(packId: string, pinned: boolean): boolean {
    return (
      this.db.prepare('UPDATE video_packs SET pinned = ? WHERE pack_id = ?').run(pinned ? 1 : 0, packId).changes > 0
    );
  }

  liveBytes(): number {
    return (this.db.prepare('SELECT coalesce(sum(bytes), 0) FROM video_files WHERE deleted_at IS NULL').pluck().get() ??
      0) as number;
  }

  /** Unpinned packs that still have files, oldest first, with their live bytes (retention order). */
  deletable(limit = 200): { pack_id: string; started_at: number; bytes: number }[] {
    return this.db
      .prepare<[number], { pack_id: string; started_at: number; bytes: number }>(
        `SELECT p.pack_id, p.started_at, sum(f.bytes) AS bytes FROM video_packs p
           JOIN video_files f ON f.pack_id = p.pack_id AND f.deleted_at IS NULL
         WHERE p.pinned = 0 GROUP BY p.pack_id ORDER BY p.started_at LIMIT ?`,
      )
      .all(limit);
  }

  markDeleted(packId: string, at: number): void {
    this.db.prepare('UPDATE video_files SET deleted_at = ? WHERE pack_id = ? AND deleted_at IS NULL').run(at, packId);
  }
}
