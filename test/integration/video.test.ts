// Packing video end to end: a station booted from its config file records a synthetic FFmpeg
// camera (lavfi) while five orders are packed by scans through its API (sim scale, sim printer).
// Each parcel's clip must cover first scan → label, carry the overlay (per-second QR decoded from a
// frame), sit in the hash chain, and obey the quota; a killed station loses at most one segment.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStation, type BootedStation } from '../../src/hosts/station/boot.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { ROOT, startStationProcess, writeConfig, type StationProcess } from '../helpers/process.js';
import { seedStationDb } from '../helpers/seed.js';
import { until } from '../helpers/wait.js';
import { LAVFI_CAMERA, decodeFrames, frameAt, overlayTime, probe } from '../helpers/video.js';

const SEED = 41;
const dir = mkdtempSync(join(tmpdir(), 'packdesk-video-'));
let b: BootedStation;
let configFile: string;
const stationConfig = {
  station: { id: 'VID-1' },
  devices: {
    scanner: { kind: 'sim' },
    scale: { kind: 'sim', autoPlace: true, settleMs: 150, placeDelayMs: 50, tickMs: 50 },
    printer: { interface: 'sim' },
    cameras: [LAVFI_CAMERA],
  },
  video: { segmentSeconds: 1, preRollSeconds: 1, tailSeconds: 1, bufferMinutes: 5 },
};

beforeAll(async () => {
  configFile = writeConfig(dir, stationConfig);
  seedStationDb(dir, 'VID-1', { seed: SEED, orders: 30, waybillsPerCarrier: 20 });
  b = await bootStation({ configPath: configFile, dataDir: dir });
});
afterAll(async () => {
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
});

const snap = () => b.core.call('station.snapshot', {});
const packedCodes = new Set<string>();

async function packOne(): Promise<{ orderId: string; packId: string }> {
  const catalog = generateCatalog(SEED);
  const sheet = await b.core.call('sheet.get', { orders: 30 });
  const order = sheet.orders.find((o) => o.status === 'open' && o.flags.length === 0 && !packedCodes.has(o.code));
  if (!order) throw new Error('no plain open order');
  packedCodes.add(order.code);
  const scan = (code: string) => b.core.call('scan.submit', { code, source: 'api' });
  expect((await scan(order.code)).verdict).toBe('order_opened');
  const s = await snap();
  const packId = s.pack?.packId ?? '';
  for (const line of s.pack?.lines ?? []) {
    const code = catalog.products.find((p) => p.id === line.productId)?.barcodes[0] ?? line.sku;
    for (let i = 0; i < line.expected; i++) await scan(code);
  }
  await until(
    snap,
    (x) => x.lastPack?.order.id === order.code && x.lastPack.labels[0]?.status === 'printed',
    15_000,
    `label of ${order.code}`,
  );
  return { orderId: order.code, packId };
}

function eventAt(type: string, packId: string, pick: 'min' | 'max'): number {
  return b.db
    .prepare(`SELECT ${pick}(at) FROM outbox WHERE type = ? AND json_extract(payload, '$.packId') = ?`)
    .pluck()
    .get(type, packId) as number;
}

describe('packing video', () => {
  const packs: { orderId: string; packId: string }[] = [];

  it('records a clip per parcel from the first scan to after the label, with the overlay burned in', async () => {
    await until(snap, (s) => s.devices.some((d) => d.role === 'camera' && d.state === 'ready'), 15_000, 'camera ready');
    // Footage before the first scan: the pre-roll needs a couple of finished segments.
    await until(
      () => readdirSync(join(dir, 'video', 'cameras', 'top', 'segments')).length,
      (n) => n >= 3,
      15_000,
      'segments',
    );
    await b.core.call('scan.submit', { code: 'BADGE-P01', source: 'api' });
    for (let i = 0; i < 5; i++) packs.push(await packOne());
    for (const p of packs) {
      const found = await until(
        () => b.core.call('video.find', { code: p.orderId }),
        (r) => r.packs.length === 1,
        30_000,
        `clip of ${p.orderId}`,
      );
      const ev = found.packs[0]!;
      expect(ev.packerId).toBe('P01');
      const clip = ev.clips[0]!;
      const path = b.station.video.filePath(clip.id)!.path;
      const info = probe(path);
      expect(info.codec).toBe('h264');
      const firstScan = eventAt('scan.recorded', p.packId, 'min');
      const label = eventAt('label.printed', p.packId, 'max');
      expect(info.creationMs).toBe(ev.startMs);
      expect(info.creationMs!).toBeLessThanOrEqual(firstScan);
      expect(info.creationMs! + info.durationMs).toBeGreaterThanOrEqual(label);
      // Found by its waybill too, with the scans on the timeline.
      const byWaybill = await b.core.call('video.find', { code: ev.waybills[0]! });
      expect(byWaybill.packs[0]?.packId).toBe(p.packId);
      expect(ev.marks.filter((m) => m.kind === 'scan').every((m) => m.verdict === 'item_ok')).toBe(true);
      expect(ev.marks.map((m) => m.kind)).toEqual(expect.arrayContaining(['order', 'scan', 'weight', 'label']));
      expect(ev.stills.map((s) => s.moment)).toEqual(expect.arrayContaining(['scan', 'weight', 'label']));
      // The overlay: the QR in a decoded frame gives that frame's wall-clock second.
      const at = await overlayTime(frameAt(path, 0.5));
      expect(at).not.toBeNull();
      expect(Math.abs(at! - (ev.startMs + 500))).toBeLessThanOrEqual(2500);
    }
    // The overlay names the order on the picture while it is packed: the text file drawtext reads.
  });

  it('chains every clip and still; verify names a file that was changed', async () => {
    const report = await b.station.video.verify();
    expect(report.problems).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(5 * 4);
    const events = b.db
      .prepare("SELECT payload FROM outbox WHERE type = 'video.recorded' ORDER BY seq")
      .pluck()
      .all() as string[];
    expect(events.length).toBe(report.files);
    const parsed = events.map((e) => JSON.parse(e) as { prevHash: string; chainHash: string });
    for (let i = 1; i < parsed.length; i++) expect(parsed[i]!.prevHash).toBe(parsed[i - 1]!.chainHash);
    // Tamper with one still: the CLI (as an auditor runs it) names it and exits 1.
    const ev = (await b.core.call('video.find', { code: packs[2]!.orderId })).packs[0]!;
    const still = b.station.video.filePath(ev.stills[0]!.id)!.path;
    appendFileSync(still, Buffer.from([0]));
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'packdesk.js'), 'video', 'verify', '--config', configFile, '--data', dir],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`BROKEN ${still.split('/').pop()}`);
    expect(run.stdout).toContain('the file was changed');
  });

  it('the quota deletes the oldest clips first, never a pinned one', async () => {
    const [oldest, second] = packs;
    await b.core.call('video.pin', { packId: oldest!.packId, pinned: true });
    const cfg = b.station.services.config();
    // A quota of ~1 byte: everything unpinned goes, oldest first.
    b.station.services.applyConfig({ ...cfg, video: { ...cfg.video, quota: { days: 30, gb: 1e-9 } } });
    b.station.video.retention();
    const pinned = (await b.core.call('video.find', { code: oldest!.orderId })).packs[0]!;
    expect(pinned.pinned).toBe(true);
    expect(pinned.clips.every((c) => c.url !== null && existsSync(b.station.video.filePath(c.id)!.path))).toBe(true);
    const gone = (await b.core.call('video.find', { code: second!.orderId })).packs[0]!;
    expect(gone.clips.every((c) => c.url === null)).toBe(true);
    // Deleted by retention is not tampering: the chain still verifies (the changed still aside).
    const report = await b.station.video.verify();
    expect(report.deleted).toBeGreaterThan(0);
    expect(report.problems.every((p) => p.reason.includes('changed') || p.reason.includes('missing'))).toBe(true);
    b.station.services.applyConfig(cfg);
  });
});

describe('packing video after kill -9', () => {
  let proc: StationProcess | null = null;
  afterAll(async () => {
    await proc?.stop('SIGKILL');
  });

  it('loses at most the segment being written, and FFmpeg does not outlive the station', async () => {
    const kdir = mkdtempSync(join(tmpdir(), 'packdesk-video-kill-'));
    try {
      const cfg = writeConfig(kdir, { ...stationConfig, station: { id: 'VID-K' } });
      seedStationDb(kdir, 'VID-K', { seed: SEED, orders: 5, waybillsPerCarrier: 5 });
      proc = await startStationProcess({ config: cfg, data: kdir });
      const segDir = join(kdir, 'video', 'cameras', 'top', 'segments');
      await until(
        () => (existsSync(segDir) ? readdirSync(segDir).length : 0),
        (n) => n >= 4,
        20_000,
        'segments',
      );
      const pid = Number(
        execFileSync('cat', [join(kdir, 'video', 'cameras', 'top', 'ffmpeg.pid')], { encoding: 'utf8' }),
      );
      const killedAt = Date.now();
      await proc.stop('SIGKILL');
      // FFmpeg's stdout pipe broke with the station: it exits on its next frame.
      await until(
        () => existsSync(`/proc/${pid}`),
        (alive) => !alive,
        10_000,
        'FFmpeg gone',
      );
      const files = readdirSync(segDir)
        .filter((f) => f.endsWith('.ts'))
        .sort();
      const decoded = files.map((f) => ({ f, ...decodeFrames(join(segDir, f)) }));
      const playable = decoded.filter((d) => d.ok && d.frames > 0);
      // Every segment but possibly the one being written plays…
      expect(playable.length).toBeGreaterThanOrEqual(files.length - 1);
      // …and the footage reaches to within the last segment (1 s) and FFmpeg's exit of the kill.
      const last = playable[playable.length - 1]!;
      const lastEnd = Number(last.f.replace('.ts', '')) * 1000 + (last.frames / LAVFI_CAMERA.fps) * 1000;
      expect(killedAt - lastEnd).toBeLessThanOrEqual(2 * 1000 + 1000);
    } finally {
      rmSync(kdir, { recursive: true, force: true });
    }
  });
});
