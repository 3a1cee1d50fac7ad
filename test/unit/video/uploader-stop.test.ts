// Stopping the station never waits for a throttled upload: stop() cuts the part in flight (its
// bucket wait included), nothing half-sent is recorded as done, and the next start sends that part
// again while the parts finished before stay finished.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../../src/main/core/store/migrations.js';
import { stationConfigSchema } from '../../../src/main/config/schema.js';
import { VideoStore } from '../../../src/main/core/store/video.js';
import { VideoUploader } from '../../../src/main/core/video/upload/uploader.js';
import type { UploadObject, UploadTarget } from '../../../src/main/core/video/upload/target.js';
import { seedEvidence } from '../../helpers/video-evidence.js';
import { until } from '../../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-upload-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A target that reads each part's body to the end, as an HTTP client would. */
class MemoryTarget implements UploadTarget {
  readonly name = 's3' as const;
  parts: number[] = [];
  started: number[] = [];
  done = false;
  begin = () => Promise.resolve({ uploadId: 'U1' });
  async putPart(_o: UploadObject, _id: string, partNo: number, body: Readable): Promise<string> {
    this.started.push(partNo);
    for await (const _chunk of body) {
      // consume at the bucket's pace
    }
    this.parts.push(partNo);
    return `etag-${partNo}`;
  }
  complete = () => {
    this.done = true;
    return Promise.resolve();
  };
}

describe('stopping an upload', () => {
  it('returns promptly mid-part and resumes with that part', async () => {
    const db = openDatabase(':memory:', stationMigrations);
    seedEvidence(db, dir, {
      packId: 'PK-S',
      orderId: 'O-S',
      waybill: 'SF-S',
      at: Date.now(),
      files: [{ name: 'clip-top.mp4', bytes: 40_000 }],
    });
    new VideoStore(db).setPinned('PK-S', true);
    // 80 kbit/s = 10 kB/s: the 16 KiB burst covers part 1, part 2 must wait for the bucket.
    const config = stationConfigSchema.parse({
      station: { id: 'S1' },
      video: {
        upload: {
          enabled: true,
          target: 's3',
          bandwidthKbps: 80,
          s3: { bucket: 'b-1', accessKeyId: 'k', secretAccessKey: 's' },
        },
      },
    });
    const target = new MemoryTarget();
    const make = (aheadMs = 0) =>
      new VideoUploader({
        db,
        clock: { now: () => Date.now() + aheadMs, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
        config: () => config,
        target: () => target,
        manifest: () => null,
        waybills: () => ['SF-S'],
        partBytes: 16 * 1024,
      });
    const first = make();
    first.start();
    await until(
      () => target.started,
      (s) => s.includes(2),
      10_000,
      'part 2 under way',
    );
    const t0 = Date.now();
    await first.stop();
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(target.parts).toEqual([1]);
    expect(first.store.parts('s3', 'S1/O-S/PK-S/clip-top.mp4').map((p) => p.part_no)).toEqual([1]);
    expect(first.status().lastError).toMatch(/station stopping/);

    config.video.upload.bandwidthKbps = 100_000;
    // A later start, past the failed part's retry backoff.
    const second = make(5000);
    while (await second.sendNext()) {
      // until nothing is due
    }
    expect(target.parts).toEqual([1, 2, 3]);
    expect(target.done).toBe(true);
    db.close();
  });
});
