// The S3-compatible target through the AWS SDK (v3, the maintained client; MinIO, Aliyun OSS and
// Tencent COS speak the same multipart API). Checksums only when the operation requires them: the
// SDK's default CRC32 trailers (aws-chunked bodies) are not understood by older MinIO releases.
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { VideoUploadConfig } from '../../../config/video.js';
import { UploadGoneError, UploadRefusedError, type UploadObject, type UploadTarget } from './target.js';

type S3Settings = NonNullable<VideoUploadConfig['s3']>;

/** `env:NAME` reads the environment variable NAME (secrets kept out of the config file). */
export function resolveSecret(value: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!value.startsWith('env:')) return value;
  const name = value.slice(4);
  const v = env[name];
  if (!v) throw new UploadRefusedError(`video.upload.s3.secretAccessKey: environment variable ${name} is not set`);
  return v;
}

export class S3Target implements UploadTarget {
  readonly name = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly s3: S3Settings) {
    this.client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: s3.forcePathStyle,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: resolveSecret(s3.secretAccessKey) },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // The uploader retries with its own backoff and remembers parts; one SDK attempt each.
      maxAttempts: 1,
    });
  }

  private key(o: UploadObject): string {
    return `${this.s3.prefix}${o.key}`;
  }

  async begin(o: UploadObject): Promise<{ uploadId: string }> {
    const r = await this.call(() =>
      this.client.send(
        new CreateMultipartUploadCommand({
          Bucket: this.s3.bucket,
          Key: this.key(o),
          ContentType: o.contentType,
          Metadata: { sha256: o.sha256, 'order-id': o.orderId, 'pack-id': o.packId },
        }),
      ),
    );
    if (!r.UploadId) throw new Error('S3 gave no UploadId');
    return { uploadId: r.UploadId };
  }

  async putPart(o: UploadObject, uploadId: string, partNo: number, body: Readable, length: number): Promise<string> {
    const r = await this.call(() =>
      this.client.send(
        new UploadPartCommand({
          Bucket: this.s3.bucket,
          Key: this.key(o),
          UploadId: uploadId,
          PartNumber: partNo,
          Body: body,
          ContentLength: length,
        }),
      ),
    );
    if (!r.ETag) throw new Error(`S3 gave no ETag for part ${partNo}`);
    return r.ETag;
  }

  async complete(o: UploadObject, uploadId: string, parts: { partNo: number; etag: string }[]): Promise<void> {
    await this.call(() =>
      this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.s3.bucket,
          Key: this.key(o),
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNo, ETag: p.etag })) },
        }),
      ),
    );
  }

  /** S3's answers sorted into: start over (NoSuchUpload), a person must act (403/404 bucket), retry. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof S3ServiceException) {
        if (err.name === 'NoSuchUpload')
          throw new UploadGoneError(`S3: ${err.message || 'upload expired'}`, { cause: err });
        const status = err.$metadata.httpStatusCode ?? 0;
        if (status === 403 || err.name === 'NoSuchBucket' || err.name === 'InvalidAccessKeyId')
          throw new UploadRefusedError(`S3 refused (${err.name}): ${err.message}`, { cause: err });
        throw new Error(`S3 ${err.name} (${status}): ${err.message}`, { cause: err });
      }
      throw err;
    }
  }
}
