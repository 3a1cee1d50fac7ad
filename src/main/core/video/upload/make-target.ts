// The configured upload target: video.upload.target picks the hub (needs the station's hub section)
// or the S3-compatible store in video.upload.s3.
import type { StationConfig } from '../../../config/schema.js';
import { HubTarget } from './hub-target.js';
import { S3Target } from './s3-target.js';
import { UploadRefusedError, type UploadTarget } from './target.js';

export function makeUploadTarget(config: StationConfig): UploadTarget {
  const u = config.video.upload;
  if (u.target === 's3') {
    if (!u.s3)
      throw new UploadRefusedError('video.upload.s3 is missing (endpoint, bucket, accessKeyId, secretAccessKey)');
    return new S3Target(u.s3);
  }
  if (!config.hub) throw new UploadRefusedError('video.upload.target "hub" needs the hub section (url, token)');
  return new HubTarget(config.hub);
}
