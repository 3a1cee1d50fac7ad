// Packing-video hashes the stations reported (video.recorded), kept per station file. Same
// behaviour as ../sqlite/video-repos.ts.
import * as rows from '../rows/video.js';
import type { HubTx } from '../types.js';
import type { PgSql } from './sql.js';

export function videoHashesRepo(sql: PgSql): HubTx['videoHashes'] {
  return {
    async add(v) {
      await sql.run(
        `INSERT INTO video_hashes (${rows.VIDEO_HASH_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
        rows.videoHashParams(v),
      );
    },
    forOrder: async (orderId) =>
      (
        await sql.rows<rows.VideoHashDbRow>(
          'SELECT * FROM video_hashes WHERE order_id = $1 ORDER BY station_id, file_id',
          [orderId],
        )
      ).map(rows.toVideoHash),
  };
}
