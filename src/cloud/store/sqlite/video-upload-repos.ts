// Packing-video uploads at the hub: resumable uploads by station pack and name, their parts, and
// the codes (order id, waybills) a supervisor finds them by. All upload SQL lives here.
import type { Db } from '../../../base/node/sqlite/open.js';
import * as rows from '../rows/video-upload.js';
import type { VideoUploadsRepo } from '../video-types.js';

export function videoUploadsRepo(db: Db): VideoUploadsRepo {
  const find = db.prepare<[string, string, string], rows.VideoUploadDbRow>(
    'SELECT * FROM video_uploads WHERE station_id = ? AND pack_id = ? AND name = ?',
  );
  const get = db.prepare<[string], rows.VideoUploadDbRow>('SELECT * FROM video_uploads WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO video_uploads (id, station_id, pack_id, name, file_id, order_id, kind, bytes, sha256, part_bytes,
       path, created_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)`,
  );
  const addCode = db.prepare('INSERT OR IGNORE INTO video_upload_codes (code, upload_id) VALUES (?, ?)');
  const clearParts = db.prepare('DELETE FROM video_upload_parts WHERE upload_id = ?');
  const restart = db.prepare(
    `UPDATE video_uploads SET bytes = ?, sha256 = ?, part_bytes = ?, file_id = ?, path = NULL, created_at = ?,
       completed_at = NULL WHERE id = ?`,
  );
  const parts = db.prepare<[string], { partNo: number; bytes: number; sha256: string }>(
    'SELECT part_no AS partNo, bytes, sha256 FROM video_upload_parts WHERE upload_id = ? ORDER BY part_no',
  );
  const addPart = db.prepare(
    'INSERT OR REPLACE INTO video_upload_parts (upload_id, part_no, bytes, sha256) VALUES (?, ?, ?, ?)',
  );
  const complete = db.prepare('UPDATE video_uploads SET path = ?, completed_at = ? WHERE id = ?');
  const byCode = db.prepare<[string], rows.VideoUploadDbRow>(
    `SELECT u.* FROM video_uploads u JOIN video_upload_codes c ON c.upload_id = u.id
     WHERE c.code = ? AND u.completed_at IS NOT NULL ORDER BY u.pack_id DESC, u.kind, u.name`,
  );
  const byPack = db.prepare<[string, string], rows.VideoUploadDbRow>(
    `SELECT * FROM video_uploads WHERE station_id = ? AND pack_id = ? AND completed_at IS NOT NULL ORDER BY name`,
  );
  const codes = db.prepare<[string]>('SELECT code FROM video_upload_codes WHERE upload_id = ? ORDER BY code');
  const recorded = db.prepare<[string, number]>('SELECT sha256 FROM video_hashes WHERE station_id = ? AND file_id = ?');
  const recordedByName = db.prepare<[string, string], { name: string; sha256: string }>(
    'SELECT name, sha256 FROM video_hashes WHERE station_id = ? AND pack_id = ?',
  );
  return {
    find: (stationId, packId, name) => {
      const r = find.get(stationId, packId, name);
      return r && rows.toVideoUpload(r);
    },
    get: (id) => {
      const r = get.get(id);
      return r && rows.toVideoUpload(r);
    },
    create(row, codes) {
      insert.run(...rows.newUploadParams(row));
      for (const c of codes) addCode.run(c, row.id);
    },
    restart(id, r) {
      clearParts.run(id);
      restart.run(r.bytes, r.sha256, r.partBytes, r.fileId, r.at, id);
    },
    parts: (id) => parts.all(id),
    addPart(id, partNo, bytes, sha256) {
      addPart.run(id, partNo, bytes, sha256);
    },
    complete(id, path, at) {
      complete.run(path, at, id);
      clearParts.run(id);
    },
    byCode: (code) => byCode.all(code).map(rows.toVideoUpload),
    codes: (id) => codes.pluck().all(id) as string[],
    byPack: (stationId, packId) => byPack.all(stationId, packId).map(rows.toVideoUpload),
    recordedSha: (stationId, fileId) => recorded.pluck().get(stationId, fileId) as string | undefined,
    recordedByName: (stationId, packId) =>
      new Map(recordedByName.all(stationId, packId).map((r) => [r.name, r.sha256])),
  };
}
