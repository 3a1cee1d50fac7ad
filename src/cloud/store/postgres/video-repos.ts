// Packing-video hashes the stations reported (video.recorded), kept per station file. Same
// behaviour as ../sqlite/video-repos.ts.
import type { HubTx, VideoHashRow } from '../types.js';
import type { PgSql } from './sql.js';

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

export function videoHashesRepo(sql: PgSql): HubTx['videoHashes'] {
  return {
    async add(v) {
      await sql.run(
        `INSERT INTO video_hashes (station_id, file_id, pack_id, order_id, waybill, kind, name, bytes, sha256,
           prev_hash, chain_hash, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
        [
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
        ],
      );
    },
    forOrder: async (orderId) =>
      (
        await sql.rows<Row>('SELECT * FROM video_hashes WHERE order_id = $1 ORDER BY station_id, file_id', [orderId])
      ).map(map),
  };
}
