// Where evidence goes: the hub or an S3-compatible store, behind one multipart interface so the
// uploader's resume logic (which parts are done) is the same for both.
import type { Readable } from 'node:stream';

export interface UploadObject {
  /** The object key: <prefix><station>/<day>/<pack>/<name>. */
  key: string;
  packId: string;
  fileId: number | null;
  orderId: string;
  waybills: string[];
  name: string;
  kind: 'clip' | 'still' | 'manifest';
  bytes: number;
  sha256: string;
  partBytes: number;
  contentType: string;
}

export interface UploadTarget {
  /** 'hub' or 's3' (the uploads table keeps each target's progress apart). */
  readonly name: 'hub' | 's3';
  /** Starts a multipart upload, or (hub) finds the one begun before; returns its id. */
  begin(o: UploadObject): Promise<{ uploadId: string; received?: number[] }>;
  /** Sends one part; returns what completing needs (S3: the ETag). */
  putPart(o: UploadObject, uploadId: string, partNo: number, body: Readable, length: number): Promise<string>;
  complete(o: UploadObject, uploadId: string, parts: { partNo: number; etag: string }[]): Promise<void>;
}

/** The target no longer knows this upload (expired, aborted, hub data lost): start it over. */
export class UploadGoneError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UploadGoneError';
  }
}

/** A refusal retrying cannot fix (bad credentials, missing bucket, file refused): shown, retried slowly. */
export class UploadRefusedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UploadRefusedError';
  }
}
