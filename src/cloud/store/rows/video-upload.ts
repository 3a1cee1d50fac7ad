// Packing-video upload rows (video_uploads) as both stores hold them and their mapping to and from
// the domain. No SQL here: each dialect's video-upload-repos.ts has its own.
import type { VideoUploadRow } from '../video-types.js';

export type VideoUploadDbRow = {
  id: string;
  station_id: string;
  pack_id: string;
  name: string;
  file_id: number | null;
  order_id: string;
  kind: VideoUploadRow['kind'];
  bytes: number;
  sha256: string;
  part_bytes: number;
  path: string | null;
  created_at: number;
  completed_at: number | null;
};

export const toVideoUpload = (r: VideoUploadDbRow): VideoUploadRow => ({
  id: r.id,
  stationId: r.station_id,
  packId: r.pack_id,
  name: r.name,
  fileId: r.file_id,
  orderId: r.order_id,
  kind: r.kind,
  bytes: r.bytes,
  sha256: r.sha256,
  partBytes: r.part_bytes,
  path: r.path,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

/** A new upload's values for (id, station_id, pack_id, name, file_id, order_id, kind, bytes, sha256, part_bytes, created_at). */
export const newUploadParams = (row: VideoUploadRow): unknown[] => [
  row.id,
  row.stationId,
  row.packId,
  row.name,
  row.fileId,
  row.orderId,
  row.kind,
  row.bytes,
  row.sha256,
  row.partBytes,
  row.createdAt,
];
