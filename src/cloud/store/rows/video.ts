// Packing-video hash rows (video_hashes) as both stores hold them and their mapping to and from the
// domain. No SQL here: each dialect's video-repos.ts has its own.
import type { VideoHashRow } from '../types.js';

export type VideoHashDbRow = {
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

/** video_hashes' columns in the order videoHashParams gives their values. */
export const VIDEO_HASH_COLUMNS =
  'station_id, file_id, pack_id, order_id, waybill, kind, name, bytes, sha256, prev_hash, chain_hash, at';

export const toVideoHash = (r: VideoHashDbRow): VideoHashRow => ({
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

export const videoHashParams = (v: VideoHashRow): unknown[] => [
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
];
