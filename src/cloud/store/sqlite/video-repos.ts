// Packing-video hashes the stations reported (video.recorded), kept per station file.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { HubTx, VideoHashRow } from '../types.js';

type Row = {
  station_id: string;
  file_id: number;
  pack_id: string;
  order_id: string;
  waybill: string | null;
  kind: 'clip' | 'still';
  name: string;
  bytes: number;
  sha256: string;
  prev_hash: string;
  chain_hash: string;
  at: number;
};

const map = (r: Row): VideoHashRow => ({
  stationId: r.station_id,
  fileId: r.file_id,
  packId: r.pack_id,
  orderId: r.order_id,
  waybill: r.waybill,
  kind: r.kind,
  name: r.name,
  bytes: r.bytes,
  sha256: r.sha256,
  prevHash: r.prev_hash,
  chainHash: r.chain_hash,
  at: r.at,
});

export function videoHashesRepo(db: Db): HubTx['videoHashes'] {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO video_hashes (station_id, file_id, pack_id, order_id, waybill, kind, name, bytes, sha256,
       prev_hash, chain_hash, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byOrder = db.prepare<[string], Row>(
    'SELECT * FROM video_hashes WHERE order_id = ? ORDER BY station_id, file_id',
  );
  return {
    add(v) {
      insert.run(
        v.stationId,
        v.fileId,
        v.packId,
        v.orderId,
        v.waybill,
        v.kind,
        v.name,
        v.bytes,
        v.sha256,
        v.prevHash,
        v.chainHash,
        v.at,
      );
    },
    forOrder: (orderId) => byOrder.all(orderId).map(map),
  };
}
