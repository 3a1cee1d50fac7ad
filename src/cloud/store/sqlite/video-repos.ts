// Packing-video hashes the stations reported (video.recorded), kept per station file.
import type { Db } from '../../../base/node/sqlite/open.js';
import * as rows from '../rows/video.js';
import type { HubTx } from '../types.js';

export function videoHashesRepo(db: Db): HubTx['videoHashes'] {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO video_hashes (${rows.VIDEO_HASH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byOrder = db.prepare<[string], rows.VideoHashDbRow>(
    'SELECT * FROM video_hashes WHERE order_id = ? ORDER BY station_id, file_id',
  );
  return {
    add(v) {
      insert.run(...rows.videoHashParams(v));
    },
    forOrder: (orderId) => byOrder.all(orderId).map(rows.toVideoHash),
  };
}
