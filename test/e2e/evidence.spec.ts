// The evidence screen in a real browser: a station with a synthetic FFmpeg camera packs an order,
// then a waybill scanned (emulated keyboard wedge) on #/evidence plays the parcel's clip — served
// with HTTP Range by the station — and shows the scans on its timeline.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, startStationProcess, writeConfig, type StationProcess, type WsClient } from '../helpers/process.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { seedStationDb } from '../helpers/seed.js';
import { until } from '../helpers/wait.js';
import { LAVFI_CAMERA } from '../helpers/video.js';
import { wedgeScan } from './wedge.js';

const SEED = 515;
let dir: string;
let station: StationProcess;
let ws: WsClient;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-video-'));
  const config = writeConfig(dir, {
    station: { id: 'E2E-V' },
    devices: {
      scale: { kind: 'sim', autoPlace: true, settleMs: 200, placeDelayMs: 100 },
      cameras: [LAVFI_CAMERA],
    },
    video: { segmentSeconds: 1, preRollSeconds: 1, tailSeconds: 1 },
  });
  seedStationDb(dir, 'E2E-V', { seed: SEED, orders: 10, waybillsPerCarrier: 10 });
  station = await startStationProcess({ config, data: dir });
  ws = await connect(station.url);
});

test.afterAll(async () => {
  ws?.close();
  await station?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a scanned waybill plays its packing clip with the scans on the timeline', async ({ page }) => {
  const catalog = generateCatalog(SEED);
  await until(
    () => ws.call('station.snapshot', {}),
    (s) => s.devices.some((d) => d.role === 'camera' && d.state === 'ready'),
    20_000,
    'camera ready',
  );
  await new Promise((r) => setTimeout(r, 2500)); // pre-roll footage before the first scan
  await ws.call('scan.submit', { code: 'BADGE-P01', source: 'api' });
  const sheet = await ws.call('sheet.get', { orders: 10 });
  const order = sheet.orders.find((o) => o.status === 'open' && o.flags.length === 0)!;
  await ws.call('scan.submit', { code: order.code, source: 'api' });
  const s = await ws.call('station.snapshot', {});
  for (const line of s.pack?.lines ?? []) {
    const code = catalog.products.find((p) => p.id === line.productId)?.barcodes[0] ?? line.sku;
    for (let i = 0; i < line.expected; i++) await ws.call('scan.submit', { code, source: 'api' });
  }
  const found = await until(
    () => ws.call('video.find', { code: order.code }),
    (r) => r.packs.length === 1,
    40_000,
    'clip cut',
  );
  const waybill = found.packs[0]!.waybills[0]!;

  await page.goto(`${station.url}#/evidence`);
  await expect(page.getByTestId('evidence-screen')).toBeVisible();
  await wedgeScan(page, waybill);
  await expect(page.getByTestId('evidence-order')).toHaveText(order.code);
  const video = page.getByTestId('evidence-video');
  await expect(video).toBeVisible();
  // The clip loads and plays: enough data for playback, and time moves on.
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 })
    .toBeGreaterThan(0.3);
  const marks = page.getByTestId('evidence-mark');
  await expect(marks.first()).toHaveAttribute('data-kind', 'order');
  const kinds = await marks.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(kinds).toEqual(expect.arrayContaining(['order', 'scan', 'weight', 'label']));
  expect(kinds.filter((k) => k === 'scan').length).toBe((s.pack?.lines ?? []).reduce((n, l) => n + l.expected, 0));
  // The export link serves a zip with the manifest.
  const href = await page.getByTestId('evidence-export').getAttribute('href');
  const zip = await page.request.get(new URL(href!, station.url).toString());
  expect(zip.status()).toBe(200);
  const bytes = await zip.body();
  expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
  expect(bytes.includes(Buffer.from('manifest.json'))).toBe(true);
  // Without the session secret the files are refused.
  const clipUrl = (await video.getAttribute('src'))!.replace(/\?session=.*/, '');
  expect((await page.request.get(new URL(clipUrl, station.url).toString())).status()).toBe(403);
});
