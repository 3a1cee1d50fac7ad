// video.upload as an operator writes it: defaults off and safe, S3 settings checked field by field,
// and a mistake named by its path in one clear line (loadConfigFile), never a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stationConfigSchema } from '../../../src/main/config/schema.js';
import { loadConfigFile } from '../../../src/hosts/station/config-file.js';
import { makeUploadTarget } from '../../../src/main/core/video/upload/make-target.js';
import { resolveSecret } from '../../../src/main/core/video/upload/s3-target.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-upload-cfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(config: unknown): string[] {
  const file = join(dir, 'station.json');
  writeFileSync(file, JSON.stringify(config));
  try {
    loadConfigFile(file, stationConfigSchema);
    return [];
  } catch (err) {
    return (err as Error).message.split('\n').slice(1);
  }
}

describe('video.upload config', () => {
  it('is off by default, for disputes only, to the hub', () => {
    const cfg = stationConfigSchema.parse({ station: { id: 'S1' } });
    expect(cfg.video.upload).toEqual({
      enabled: false,
      target: 'hub',
      mode: 'disputes',
      bandwidthKbps: 4000,
      partSizeMb: 8,
    });
  });

  it('names each wrong field with what was expected', () => {
    expect(
      problems({
        station: { id: 'S1' },
        video: {
          upload: {
            enabled: true,
            target: 's3',
            mode: 'some',
            partSizeMb: 1,
            s3: { endpoint: 'minio:9000', bucket: 'Evidence', accessKeyId: 'k', secretAccessKey: 's' },
          },
        },
      }),
    ).toEqual([
      '  - video.upload.mode: expected one of "disputes", "all", got "some"',
      '  - video.upload.partSizeMb: expected ≥ 5, got 1',
      '  - video.upload.s3.endpoint: expected an http(s) URL such as http://minio.lan:9000, got "minio:9000"',
      '  - video.upload.s3.bucket: expected an S3 bucket name (3–63 lowercase letters, digits, . or -), got "Evidence"',
    ]);
    expect(problems({ station: { id: 'S1' }, video: { upload: { enabled: true, target: 's3' } } })).toEqual([
      '  - video.upload.s3: expected the S3 settings (endpoint, bucket, accessKeyId, secretAccessKey) when target is "s3", got nothing',
    ]);
  });

  it('a hub target without a hub, or an env secret that is not set, is a clear refusal', () => {
    const noHub = stationConfigSchema.parse({ station: { id: 'S1' }, video: { upload: { enabled: true } } });
    expect(() => makeUploadTarget(noHub)).toThrow('video.upload.target "hub" needs the hub section (url, token)');
    expect(() => resolveSecret('env:PACKDESK_NO_SUCH_SECRET', {})).toThrow(
      'video.upload.s3.secretAccessKey: environment variable PACKDESK_NO_SUCH_SECRET is not set',
    );
    expect(resolveSecret('env:X', { X: 'from-env' })).toBe('from-env');
    expect(resolveSecret('plain', {})).toBe('plain');
  });
});
