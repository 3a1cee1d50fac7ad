// Evidence upload to the hub end to end: a station's pinned pack goes up in parts with its station
// token, a dropped connection resumes after a restart without re-sending finished parts, and a
// supervisor with the admin token finds the files by waybill or order id and downloads them, each
// checked against the hash the station reported at packing (a still edited since shows "mismatch").
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../src/main/core/store/migrations.js';
import { stationConfigSchema, type StationConfig } from '../../src/main/config/schema.js';
import { VideoStore } from '../../src/main/core/store/video.js';
import { VideoUploader } from '../../src/main/core/video/upload/uploader.js';
import { HubTarget } from '../../src/main/core/video/upload/hub-target.js';
import { hubVideoResultSchema } from '../../src/contract/video-upload.js';
import { ADMIN_TOKEN, startTestHub, type TestHub } from '../helpers/hub.js';
import { seedEvidence, steppedClock, type SeededFile } from '../helpers/video-evidence.js';

const PART = 32 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'packdesk-upload-hub-'));
let t: TestHub;
let db: Db;
let config: StationConfig;
let token: string;
let files: SeededFile[];
const clock = steppedClock(Date.UTC(2026, 11, 2, 9));
const partPuts: string[] = [];

/** fetch as the station sees it; `cut` fails the next PUT of that part once (a dropped connection). */
let cut: number | null = null;
const stationFetch: typeof fetch = async (input, init) => {
  const url = String(input);
  const m = /\/parts\/(\d+)$/.exec(url);
  if (m && init?.method === 'PUT') {
    if (cut === Number(m[1])) {
      cut = null;
      throw new TypeError('fetch failed: socket hang up');
    }
    partPuts.push(url.replace(/^.*\/uploads\//, ''));
  }
  return fetch(input, init);
};

function uploader(): VideoUploader {
  const store = new VideoStore(db);
  return new VideoUploader({
    db,
    clock,
    config: () => config,
    target: (c) => new HubTarget(c.hub!, stationFetch),
    manifest: (packId) => {
      const files = store.files(packId).map((f) => ({ name: f.name, sha256: f.sha256 }));
      const p = store.pack(packId)!;
      return {
        orderId: p.order_id,
        waybills: store.waybills(packId),
        data: Buffer.from(JSON.stringify({ packId, files })),
      };
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
  t = await startTestHub();
  token = await t.addStation('UPH-1');
  config = stationConfigSchema.parse({
    station: { id: 'UPH-1' },
    hub: { url: t.hub.url, token },
    video: { upload: { enabled: true, target: 'hub', mode: 'disputes', bandwidthKbps: 100_000 } },
  });
  db = openDatabase(join(dir, 'station.db'), stationMigrations);
  files = seedEvidence(db, join(dir, 'clips'), {
    packId: 'PK-H1',
    orderId: 'O-900',
    waybill: 'SF900',
    at: clock.now(),
    files: [
      { name: 'clip-top.mp4', bytes: 4 * PART + 123 },
      { name: 'still-01-scan-top.jpg', bytes: 2000 },
      { name: 'still-02-label-top.jpg', bytes: 2100 },
    ],
  });
  // The hub learnt these hashes from the station's video.recorded events (services/apply.ts).
  await t.hub.store.tx(async (tx) => {
    for (const f of files)
      await tx.videoHashes.add({
        stationId: 'UPH-1',
        fileId: f.id,
        packId: 'PK-H1',
        orderId: 'O-900',
        waybill: 'SF900',
        kind: f.name.endsWith('.mp4') ? 'clip' : 'still',
        name: f.name,
        bytes: f.data.length,
        sha256: f.sha256,
        prevHash: f.prevHash,
        chainHash: f.chainHash,
        at: clock.now(),
      });
  });
  new VideoStore(db).setPinned('PK-H1', true);
});
afterAll(async () => {
  db?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evidence upload to the hub', () => {
  it('resumes after a dropped part and a restart, then the supervisor fetches the files by waybill', async () => {
    // A still edited after it was recorded: it still goes up, and the hub flags it.
    appendFileSync(files[2]!.path, 'edited');
    cut = 3;
    const first = uploader();
    await first.sendNext();
    expect(first.status().lastError).toMatch(/clip-top\.mp4 not sent .*socket hang up/);
    expect(partPuts.map((p) => p.split('/').pop())).toEqual(['1', '2']);
    await first.stop();
    clock.advance(5000);
    const second = uploader();
    await drain(second);
    // Parts 1 and 2 of the clip were not sent again.
    const clipUpload = partPuts[0]!.split('/')[0]!;
    expect(partPuts.filter((p) => p.startsWith(`${clipUpload}/`)).map((p) => p.split('/').pop())).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(second.status()).toMatchObject({ sent: 4, failing: 0 });

    const found = await t.admin('GET', '/v1/admin/video/SF900');
    expect(found.status).toBe(200);
    const result = hubVideoResultSchema.parse(found.body);
    const byName = new Map(result.files.map((f) => [f.name, f]));
    expect([...byName.keys()].sort()).toEqual(
      ['clip-top.mp4', 'manifest.json', 'still-01-scan-top.jpg', 'still-02-label-top.jpg'].sort(),
    );
    expect(byName.get('clip-top.mp4')).toMatchObject({ check: 'verified', orderId: 'O-900', waybills: ['SF900'] });
    expect(byName.get('still-01-scan-top.jpg')?.check).toBe('verified');
    expect(byName.get('still-02-label-top.jpg')?.check).toBe('mismatch');
    expect(byName.get('manifest.json')?.check).toBe('verified');
    // By order id too; the download is the station's file byte for byte.
    const byOrder = hubVideoResultSchema.parse((await t.admin('GET', '/v1/admin/video/O-900')).body);
    expect(byOrder.files.length).toBe(4);
    const res = await fetch(`${t.hub.url}${byName.get('clip-top.mp4')!.url}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await res.arrayBuffer()).equals(files[0]!.data)).toBe(true);
  });

  it('refuses a wrong station token, a malformed upload, and a search without the admin token', async () => {
    const wrong = await t.call('not-a-station-token-000000', 'POST', '/v1/video/uploads', {});
    expect(wrong.status).toBe(401);
    const anon = await t.call(null, 'GET', '/v1/admin/video/SF900');
    expect(anon.status).toBe(401);
    const bad = await t.call(token, 'POST', '/v1/video/uploads', { packId: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/name/);
  });
});
