// Disk full never stops packing: while the video directory takes no writes (the camera's segment
// directory and the clips directory replaced by plain files, so every write there fails the way a
// full disk does), an order is packed by scans to its label as usual and the station shows a camera
// fault; once the directories are back, recording resumes by itself and the next parcel has its clip.
import { mkdtempSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStation, type BootedStation } from '../../src/hosts/station/boot.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { writeConfig } from '../helpers/process.js';
import { seedStationDb } from '../helpers/seed.js';
import { until } from '../helpers/wait.js';
import { LAVFI_CAMERA } from '../helpers/video.js';

const SEED = 43;
const dir = mkdtempSync(join(tmpdir(), 'packdesk-video-full-'));
const segDir = join(dir, 'video', 'cameras', 'top', 'segments');
const clipsDir = join(dir, 'video', 'clips');
let b: BootedStation;

beforeAll(async () => {
  const configFile = writeConfig(dir, {
    station: { id: 'VID-F' },
    devices: {
      scanner: { kind: 'sim' },
      scale: { kind: 'sim', autoPlace: true, settleMs: 150, placeDelayMs: 50, tickMs: 50 },
      printer: { interface: 'sim' },
      cameras: [LAVFI_CAMERA],
    },
    video: { segmentSeconds: 1, preRollSeconds: 1, tailSeconds: 1, bufferMinutes: 5 },
  });
  seedStationDb(dir, 'VID-F', { seed: SEED, orders: 10, waybillsPerCarrier: 10 });
  b = await bootStation({ configPath: configFile, dataDir: dir });
});
afterAll(async () => {
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
});

const snap = () => b.core.call('station.snapshot', {});
const camera = async () => (await snap()).devices.find((d) => d.role === 'camera')!;
const packed = new Set<string>();

/** Packs one plain order by scans; returns once its label printed. */
async function packOne(): Promise<string> {
  const catalog = generateCatalog(SEED);
  const sheet = await b.core.call('sheet.get', { orders: 10 });
  const order = sheet.orders.find((o) => o.status === 'open' && o.flags.length === 0 && !packed.has(o.code));
  if (!order) throw new Error('no plain open order');
  packed.add(order.code);
  const scan = (code: string) => b.core.call('scan.submit', { code, source: 'api' });
  expect((await scan(order.code)).verdict).toBe('order_opened');
  const s = await snap();
  for (const line of s.pack?.lines ?? []) {
    const code = catalog.products.find((p) => p.id === line.productId)?.barcodes[0] ?? line.sku;
    for (let i = 0; i < line.expected; i++) expect((await scan(code)).verdict).toBe('item_ok');
  }
  await until(
    snap,
    (x) => x.lastPack?.order.id === order.code && x.lastPack.labels[0]?.status === 'printed',
    15_000,
    `label of ${order.code}`,
  );
  return order.code;
}

/** The video directories take no writes: each is a plain file now. */
function fillDisk(): void {
  renameSync(segDir, `${segDir}.away`);
  writeFileSync(segDir, '');
  mkdirSync(join(dir, 'video'), { recursive: true });
  rmSync(clipsDir, { recursive: true, force: true });
  writeFileSync(clipsDir, '');
}

function freeDisk(): void {
  rmSync(segDir);
  renameSync(`${segDir}.away`, segDir);
  rmSync(clipsDir);
}

describe('packing video on a full disk', () => {
  it('packs on with a camera fault shown, and records again once writes work', async () => {
    await b.core.call('scan.submit', { code: 'BADGE-P01', source: 'api' });
    await until(camera, (c) => c.state === 'ready', 15_000, 'camera ready');
    fillDisk();
    await until(camera, (c) => c.state === 'error', 15_000, 'camera fault shown');

    const during = await packOne();
    const fault = await camera();
    expect(fault.state).toBe('error');
    expect(fault.detail).toBeTruthy();
    // The parcel is packed and labelled; its clip could not be kept and the index says so (none).
    await until(
      () => b.core.call('video.find', { code: during }),
      (r) => r.packs.length === 1,
      45_000,
      `pack row of ${during}`,
    );
    expect((await b.core.call('video.find', { code: during })).packs[0]!.clips).toEqual([]);

    const restoredAt = Date.now();
    freeDisk();
    await until(
      () => readdirSync(segDir).filter((f) => f.endsWith('.ts') && Number(f.slice(0, -3)) * 1000 > restoredAt),
      (fresh) => fresh.length >= 2,
      40_000,
      'new segments after space returned',
    );
    const after = await packOne();
    const found = await until(
      () => b.core.call('video.find', { code: after }),
      (r) => r.packs.length === 1 && r.packs[0]!.clips.length === 1,
      30_000,
      `clip of ${after}`,
    );
    expect(found.packs[0]!.clips[0]!.url).not.toBeNull();
    // A clip saved again: the fault is over.
    expect((await camera()).state).toBe('ready');
  }, 90_000);
});
