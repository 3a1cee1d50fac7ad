// Packing-video uploads at the hub: resumable uploads by station pack and name, their parts, and
// the codes (order id, waybills) a supervisor finds them by. Same behaviour as
// ../sqlite/video-upload-repos.ts.
import * as rows from '../rows/video-upload.js';
import type { VideoUploadsRepo } from '../video-types.js';
import type { PgSql } from './sql.js';

export function videoUploadsRepo(sql: PgSql): VideoUploadsRepo {
  const one = async (text: string, params: unknown[]) => {
    const r = await sql.row<rows.VideoUploadDbRow>(text, params);
    return r && rows.toVideoUpload(r);
  };
  const clearParts = (id: string) => sql.run('DELETE FROM video_upload_parts WHERE upload_id = $1', [id]);
  return {
    find: (stationId, packId, name) =>
      one('SELECT * FROM video_uploads WHERE station_id = $1 AND pack_id = $2 AND name = $3', [
        stationId,
        packId,
        name,
      ]),
    get: (id) => one('SELECT * FROM video_uploads WHERE id = $1', [id]),
    async create(row, codes) {
      await sql.run(
        `INSERT INTO video_uploads (id, station_id, pack_id, name, file_id, order_id, kind, bytes, sha256, part_bytes,
           path, created_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, NULL)`,
        rows.newUploadParams(row),
      );
      for (const c of codes)
        await sql.run('INSERT INTO video_upload_codes (code, upload_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
          c,
          row.id,
        ]);
    },
    async restart(id, r) {
      await clearParts(id);
      await sql.run(
        `UPDATE video_uploads SET bytes = $1, sha256 = $2, part_bytes = $3, file_id = $4, path = NULL, created_at = $5,
           completed_at = NULL WHERE id = $6`,
        [r.bytes, r.sha256, r.partBytes, r.fileId, r.at, id],
      );
    },
    parts: (id) =>
      sql.rows<{ partNo: number; bytes: number; sha256: string }>(
        'SELECT part_no AS "partNo", bytes, sha256 FROM video_upload_parts WHERE upload_id = $1 ORDER BY part_no',
        [id],
      ),
    async addPart(id, partNo, bytes, sha256) {
      await sql.run(
        `INSERT INTO video_upload_parts (upload_id, part_no, bytes, sha256) VALUES ($1, $2, $3, $4)
         ON CONFLICT (upload_id, part_no) DO UPDATE SET bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256`,
        [id, partNo, bytes, sha256],
      );
    },
    async complete(id, path, at) {
      await sql.run('UPDATE video_uploads SET path = $1, completed_at = $2 WHERE id = $3', [path, at, id]);
      await clearParts(id);
    },
    byCode: async (code) =>
      (
        await sql.rows<rows.VideoUploadDbRow>(
          `SELECT u.* FROM video_uploads u JOIN video_upload_codes c ON c.upload_id = u.id
           WHERE c.code = $1 AND u.completed_at IS NOT NULL ORDER BY u.pack_id DESC, u.kind, u.name`,
          [code],
        )
      ).map(rows.toVideoUpload),
    codes: async (id) =>
      (
        await sql.rows<{ code: string }>('SELECT code FROM video_upload_codes WHERE upload_id = $1 ORDER BY code', [id])
      ).map((r) => r.code),
    byPack: async (stationId, packId) =>
      (
        await sql.rows<rows.VideoUploadDbRow>(
          'SELECT * FROM video_uploads WHERE station_id = $1 AND pack_id = $2 AND completed_at IS NOT NULL ORDER BY name',
          [stationId, packId],
        )
      ).map(rows.toVideoUpload),
    recordedSha: async (stationId, fileId) =>
      (
        await sql.row<{ sha256: string }>('SELECT sha256 FROM video_hashes WHERE station_id = $1 AND file_id = $2', [
          stationId,
          fileId,
        ])
      )?.sha256,
    recordedByName: async (stationId, packId) =>
      new Map(
        (
          await sql.rows<{ name: string; sha256: string }>(
            'SELECT name, sha256 FROM video_hashes WHERE station_id = $1 AND pack_id = $2',
            [stationId, packId],
          )
        ).map((r) => [r.name, r.sha256]),
      ),
  };
}
