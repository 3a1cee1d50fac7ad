// Packing-video cost: CPU and memory of recording 1 and 2 synthetic streams (FFmpeg lavfi testsrc2,
// burned-in overlay, libx264 ultrafast, 2 s segments), the bitrate that sets the storage math, and
// scan → verdict in the core with recording on vs off. CPU and RSS are read from /proc for each
// FFmpeg process (Linux); the synthetic source's own drawing is included, so a real camera's decode
// replaces it roughly one for one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { FfmpegCamera } from '../../hardware/video/recorder.js';
import { FONT_CANDIDATES, ffmpegBinary } from '../../hardware/video/ffmpeg-path.js';
import type { CameraSpec } from '../../hardware/video/types.js';
import { openDatabase } from '../../base/node/sqlite/open.js';
import { stationMigrations } from '../../main/core/store/migrations.js';
import { stationConfigSchema } from '../../main/config/schema.js';
import { createStation } from '../../main/core/station.js';
import { systemClock } from '../../main/core/types.js';
import { createDeviceFactory, initialDevices } from '../station/devices.js';
import { generateCatalog, generateOrders, generateWaybills } from '../../demo/data/generator.js';
import type { Product } from '../../contract/entities.js';
import { cutClip } from '../../hardware/video/cut.js';
import { ms, nowMs, summarize } from './stats.js';

const CLK_TCK = 100; // USER_HZ on Linux
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

function cpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime (fields 14, 15)
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

function camera(dir: string, i: number, width: number, height: number, fps: number): FfmpegCamera {
  const spec: CameraSpec = {
    id: `cam${i}`,
    kind: 'lavfi',
    source: `testsrc2=size=${width}x${height}:rate=${fps}`,
    width,
    height,
    fps,
  };
  return new FfmpegCamera(spec, {
    ffmpegPath: ffmpegBinary(),
    dir: join(dir, spec.id),
    fontFile: FONT_CANDIDATES.find((f) => existsSync(f)) ?? null,
    encode: { segmentSeconds: 2, crf: 26 },
    now: () => Date.now(),
  });
}

async function recordCost(opts: {
  streams: number;
  width: number;
  height: number;
  fps: number;
  seconds: number;
  log: (l: string) => void;
}) {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-video-'));
  const cams = Array.from({ length: opts.streams }, (_, i) => camera(dir, i, opts.width, opts.height, opts.fps));
  try {
    for (const c of cams) await c.start();
    await sleep(3000); // past FFmpeg's start-up
    const pids = cams.map((c) => c.pid()).filter((p): p is number => p !== null);
    const t0 = nowMs();
    const ticks0 = pids.map(cpuTicks);
    const bytes0 = cams.reduce((n, c) => n + c.bufferBytes(), 0);
    const segs0 = cams.reduce((n, c) => n + c.segments().length, 0);
    let peakRss = 0;
    const end = Date.now() + opts.seconds * 1000;
    while (Date.now() < end) {
      await sleep(1000);
      peakRss = Math.max(
        peakRss,
        pids.reduce((n, p) => n + rssMb(p), 0),
      );
    }
    const elapsedS = (nowMs() - t0) / 1000;
    const cpu = pids.reduce((n, p, i) => n + (cpuTicks(p) - ticks0[i]!), 0) / CLK_TCK / elapsedS;
    const bytes = cams.reduce((n, c) => n + c.bufferBytes(), 0) - bytes0;
    // Footage written per wall second: below 1 means this (shared) machine starved FFmpeg, and the
    // CPU figure understates what a desk needs; the bitrate is per second of footage either way.
    const footageS = ((cams.reduce((n, c) => n + c.segments().length, 0) - segs0) * 2) / opts.streams;
    const keptUp = footageS / elapsedS;
    const kbps = (bytes * 8) / 1000 / Math.max(footageS, 1) / opts.streams;
    opts.log(
      `  ${opts.streams} × ${opts.width}x${opts.height}@${opts.fps}: CPU ${(cpu * 100).toFixed(0)} % of one core ` +
        `(${((cpu * 100) / opts.streams).toFixed(0)} % per stream), FFmpeg RSS ${peakRss.toFixed(0)} MB, ` +
        `${kbps.toFixed(0)} kbit/s per stream (CRF 26), real-time factor ${keptUp.toFixed(2)}`,
    );
    return kbps;
  } finally {
    for (const c of cams) await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function scanLatency(opts: { recording: boolean; orders: number; packs: number; log: (l: string) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-vscan-'));
  try {
    const config = stationConfigSchema.parse({
      station: { id: 'BENCH-V' },
      devices: {
        scale: { kind: 'sim', autoPlace: false },
        cameras: opts.recording
          ? [{ id: 'top', kind: 'lavfi', source: 'testsrc2=size=1280x720:rate=10', width: 1280, height: 720, fps: 10 }]
          : [],
      },
    });
    const db = openDatabase(join(dir, 'station.db'), stationMigrations);
    const cams = opts.recording ? [camera(dir, 0, 1280, 720, 10)] : [];
    const station = createStation({
      db,
      config,
      clock: systemClock,
      devices: initialDevices(createDeviceFactory(systemClock, { dataDir: dir }), config),
      video: opts.recording ? { cameras: cams, dir, cut: (s, d, t) => cutClip(ffmpegBinary(), s, d, t) } : undefined,
    });
    const stores = station.services.stores;
    const catalog = generateCatalog(99);
    stores.catalog.upsert(catalog.products);
    stores.packers.upsert(catalog.packers);
    db.transaction(() => {
      for (const o of generateOrders(99, catalog, opts.orders)) stores.orders.upsertOne(o);
    })();
    for (const [carrier, numbers] of Object.entries(generateWaybills(99, opts.packs + 10)))
      stores.pool.add(carrier, numbers, Date.now());
    await station.start();
    await sleep(2000);
    const desk = station.services.desk;
    const byId = new Map<number, Product>(catalog.products.map((p) => [p.id, p]));
    const scans: number[] = [];
    desk.scan('BADGE-P01', 'api');
    let packed = 0;
    for (const order of generateOrders(99, catalog, opts.orders)) {
      if (packed >= opts.packs) break;
      if (order.status !== 'open' || order.flags.length > 0) continue;
      let t0 = nowMs();
      desk.scan(order.id, 'api');
      scans.push(nowMs() - t0);
      const pack = station.services.snapshot().pack;
      if (!pack) continue;
      for (const line of pack.lines) {
        const code = byId.get(line.productId)?.barcodes[0] ?? line.sku;
        for (let u = 0; u < line.expected; u++) {
          t0 = nowMs();
          desk.scan(code, 'api');
          scans.push(nowMs() - t0);
        }
      }
      const w = station.services.snapshot().pack?.weight;
      if (w) {
        desk.reading({ grams: 0, stable: true, status: 'ok', at: Date.now() });
        desk.reading({ grams: w.expectedG, stable: true, status: 'ok', at: Date.now() });
      }
      packed++;
      // A packer's pace, compressed: the recorder's follower, stills and overlay run between scans.
      await sleep(50);
    }
    const s = summarize(scans);
    opts.log(
      `  recording ${opts.recording ? 'on (1 × 720p) ' : 'off           '}: ${packed} packs, ${s.n} scans, ` +
        `scan → verdict p50 ${ms(s.p50)}   p99 ${ms(s.p99)}   max ${ms(s.max)}; core RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    );
    await station.close();
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchVideo(opts: { seconds: number; sizes: string[]; log: (l: string) => void }): Promise<void> {
  for (const size of opts.sizes) {
    const [w, h] = size.split('x').map(Number) as [number, number];
    for (const streams of [1, 2])
      await recordCost({ streams, width: w, height: h, fps: 10, seconds: opts.seconds, log: opts.log });
  }
  await scanLatency({ recording: false, orders: 20_000, packs: 150, log: opts.log });
  await scanLatency({ recording: true, orders: 20_000, packs: 150, log: opts.log });
}
