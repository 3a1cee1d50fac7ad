// Store types of the hub's packing-video evidence: uploads (resumable, by station pack and file
// name) and WeChat after-sale proof cases. Implemented in store/sqlite/video-upload-repos.ts.
import type { Awaitable } from './awaitable.js';

export interface VideoUploadRow {
  id: string;
  stationId: string;
  packId: string;
  name: string;
  /** The station's video_files id (its hash-chain link); null for a manifest. */
  fileId: number | null;
  orderId: string;
  kind: 'clip' | 'still' | 'manifest';
  bytes: number;
  sha256: string;
  partBytes: number;
  /** The joined file under the hub's data dir once complete. */
  path: string | null;
  createdAt: number;
  completedAt: number | null;
}

export interface VideoUploadsRepo {
  find(stationId: string, packId: string, name: string): Awaitable<VideoUploadRow | undefined>;
  get(id: string): Awaitable<VideoUploadRow | undefined>;
  /** A new upload, findable by each of `codes` (order id, waybills). */
  create(row: VideoUploadRow, codes: string[]): Awaitable<void>;
  /** The station sends other bytes under the same name (file changed): forget parts, start over. */
  restart(
    id: string,
    r: { bytes: number; sha256: string; partBytes: number; fileId: number | null; at: number },
  ): Awaitable<void>;
  parts(id: string): Awaitable<{ partNo: number; bytes: number; sha256: string }[]>;
  addPart(id: string, partNo: number, bytes: number, sha256: string): Awaitable<void>;
  complete(id: string, path: string, at: number): Awaitable<void>;
  /** Completed files for an order id or waybill, newest pack first. */
  byCode(code: string): Awaitable<VideoUploadRow[]>;
  /** The order id and waybills an upload is found by. */
  codes(id: string): Awaitable<string[]>;
  /** Completed files of one pack. */
  byPack(stationId: string, packId: string): Awaitable<VideoUploadRow[]>;
  /** The SHA-256 a station reported when it recorded file `fileId` (video_hashes). */
  recordedSha(stationId: string, fileId: number): Awaitable<string | undefined>;
  /** Recorded hashes of a pack's files by name (checking a manifest). */
  recordedByName(stationId: string, packId: string): Awaitable<Map<string, string>>;
}
