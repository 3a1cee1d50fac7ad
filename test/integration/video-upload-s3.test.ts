// Evidence upload to an S3-compatible store (test/helpers/s3-server.ts on 127.0.0.1): only pinned
// packs in "disputes" mode, objects byte-identical with a manifest last, a connection cut in the
// middle of a part resumes after a restart without sending the finished parts again, and the
// bandwidth cap holds by the token bucket's own accounting (a stepped clock, no timing of the machine).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../src/main/core/store/migrations.js';
import { stationConfigSchema, type StationConfig } from '../../src/main/config/schema.js';
import { VideoStore } from '../../src/main/core/store/video.js';
import { VideoUploader } from '../../src/main/core/video/upload/uploader.js';
import { makeUploadTarget } from '../../src/main/core/video/upload/make-target.js';
import { startTestS3, type TestS3 } from '../helpers/s3-server.js';
import { seedEvidence, steppedClock, type SeededFile } from '../helpers/video-evidence.js';

const PART = 64 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'packdesk-upload-s3-'));
let s3: TestS3;
let db: Db;
let config: StationConfig;
const clock = steppedClock(Date.UTC(2026, 11, 2, 8));
let pinned: SeededFile[];
let other: SeededFile[];

function uploader(): VideoUploader {
  const store = new VideoStore(db);
  return new VideoUploader({
    db,
    clock,
    config: () => config,
    target: makeUploadTarget,
    manifest: (packId) => {
      const p = store.pack(packId)!;
      const files = store.files(packId).map((f) => ({ name: f.name, sha256: f.sha256 }));
      const m = { packId, orderId: p.order_id, waybills: store.waybills(packId), files };
      return { orderId: p.order_id, waybills: m.waybills, data: Buffer.from(JSON.stringify(m)) };
    },
    waybills: (packId) => store.waybills(packId),
    partBytes: PART,
  });
}

async function drain(u: VideoUploader): Promise<void> {
  for (let i = 0; i < 50 && (await u.sendNext()); i++) {
    // one object per call
  }
}

beforeAll(async () => {
  process.env['PACKDESK_TEST_S3_SECRET'] = 'test-secret-key';
  s3 = await startTestS3({ bucket: 'evidence', accessKeyId: 'AKTEST' });
  config = stationConfigSchema.parse({
    station: { id: 'UP-1' },
    video: {
      upload: {
        enabled: true,
        target: 's3',
        mode: 'disputes',
        bandwidthKbps: 8000,
        s3: {
          endpoint: s3.url,
          bucket: 'evidence',
          accessKeyId: 'AKTEST',
          secretAccessKey: 'env:PACKDESK_TEST_S3_SECRET',
          prefix: 'desk/',
        },
      },
    },
  });
  db = openDatabase(join(dir, 'station.db'), stationMigrations);
  const at = clock.now();
  pinned = seedEvidence(db, join(dir, 'clips'), {
    packId: 'PK-1',
    orderId: 'O-100',
    waybill: 'SF100',
    at,
    files: [
      { name: 'clip-top.mp4', bytes: 5 * PART + 1000 },
      { name: 'still-02-label-top.jpg', bytes: 3000 },
    ],
  });
  other = seedEvidence(db, join(dir, 'clips'), {
    packId: 'PK-2',
    orderId: 'O-200',
    waybill: 'SF200',
    at,
    files: [{ name: 'clip-top.mp4', bytes: 60_000 }],
  });
});
afterAll(async () => {
  db?.close();
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evidence upload to S3', () => {
  it('sends nothing until a pack is pinned (disputes mode)', async () => {
    const u = uploader();
    expect(await u.sendNext()).toBe(false);
    expect(s3.arrivals).toEqual([]);
    new VideoStore(db).setPinned('PK-1', true);
  });

  it('resumes a part cut mid-way after a restart without re-sending finished parts', async () => {
    const clipKey = 'desk/UP-1/O-100/PK-1/clip-top.mp4';
    s3.dropNextPart(4, PART / 2);
    const first = uploader();
    await first.sendNext(); // parts 1–3 land, part 4 is cut
    expect(s3.arrivals.filter((a) => a.key === clipKey).map((a) => a.partNo)).toEqual([1, 2, 3]);
    expect(first.status().failing).toBe(1);
    expect(first.status().lastError).toMatch(/clip-top\.mp4 not sent \(attempt 1/);
    await first.stop();
    // Before its backoff runs out the clip waits and the still goes (one bad file never holds the
    // queue); after it, a new uploader (a restarted station) resumes the clip.
    const second = uploader();
    await drain(second);
    expect(s3.arrivals.filter((a) => a.key === clipKey).map((a) => a.partNo)).toEqual([1, 2, 3]);
    expect(s3.objects.has('desk/UP-1/O-100/PK-1/still-02-label-top.jpg')).toBe(true);
    clock.advance(3000);
    await drain(second);
    expect(s3.arrivals.filter((a) => a.key === clipKey).map((a) => a.partNo)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s3.objects.get(clipKey)?.data.equals(pinned[0]!.data)).toBe(true);
    expect(s3.objects.get(clipKey)?.contentType).toBe('video/mp4');
    expect(s3.objects.get('desk/UP-1/O-100/PK-1/still-02-label-top.jpg')?.data.equals(pinned[1]!.data)).toBe(true);
    // The manifest goes last and lists what was sent; the unpinned pack stayed home.
    const manifest = JSON.parse(s3.objects.get('desk/UP-1/O-100/PK-1/manifest.json')!.data.toString()) as {
      files: { name: string; sha256: string }[];
    };
    expect(manifest.files).toEqual(pinned.map((f) => ({ name: f.name, sha256: f.sha256 })));
    expect([...s3.objects.keys()].some((k) => k.includes('PK-2'))).toBe(false);
    expect(second.status()).toMatchObject({ state: 'idle', sent: 3, failing: 0 });
  });

  it('"all" mode sends every pack, and the bucket holds the cap on the wire', async () => {
    config = {
      ...config,
      video: { ...config.video, upload: { ...config.video.upload, mode: 'all', bandwidthKbps: 80 } },
    };
    const u = uploader();
    const bucket = u.limiter();
    const startedAt = clock.now();
    await drain(u);
    expect(s3.objects.get('desk/UP-1/O-200/PK-2/clip-top.mp4')?.data.equals(other[0]!.data)).toBe(true);
    // 80 kbit/s = 10 000 B/s, burst 16 KiB: sending `granted` bytes takes (granted − burst) / rate at
    // least, and the bucket makes nobody wait much longer than that (within 10 %).
    expect(bucket.granted).toBeGreaterThan(60_000);
    const minMs = ((bucket.granted - 16 * 1024) / 10_000) * 1000;
    const tookMs = clock.now() - startedAt;
    expect(tookMs).toBeGreaterThanOrEqual(minMs);
    expect(tookMs).toBeLessThanOrEqual(minMs * 1.1);
    expect(bucket.waitedMs).toBe(tookMs);
  });

  it('a wrong access key is a clear refusal, retried slowly', async () => {
    config = {
      ...config,
      video: {
        ...config.video,
        upload: { ...config.video.upload, s3: { ...config.video.upload.s3!, accessKeyId: 'WRONG' } },
      },
    };
    seedEvidence(db, join(dir, 'clips'), {
      packId: 'PK-3',
      orderId: 'O-300',
      waybill: 'SF300',
      at: clock.now(),
      files: [{ name: 'clip-top.mp4', bytes: 100 }],
    });
    const u = uploader();
    await u.sendNext();
    expect(u.status().lastError).toMatch(/next in 300 s\): S3 refused \(InvalidAccessKeyId\)/);
    expect(await u.sendNext()).toBe(false);
  });
});
