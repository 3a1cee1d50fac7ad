// The device settings screen in Chromium against a station whose scale is on a real pseudo-terminal:
// live raw frames and weight, a saved change applied without a restart, a test print at a TCP printer.
import { expect, test } from '@playwright/test';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStationProcess, writeConfig, ROOT, type StationProcess } from '../helpers/process.js';
import { openPtyPair, type PtyPair } from '../helpers/pty.js';
import { SerialScaleSimulator } from '../../src/hardware/sim/serial-scale-sim.js';
import { getProtocol } from '../../src/hardware/scale/protocols/index.js';
import { PrinterSimServer } from '../../src/hardware/sim/printer-server.js';

let dir: string;
let link: PtyPair;
let sim: SerialScaleSimulator;
let printer: PrinterSimServer;
let station: StationProcess;
let configPath: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-settings-'));
  link = await openPtyPair(dir, 'scale');
  sim = new SerialScaleSimulator({
    path: link.a,
    protocol: getProtocol('st-gs'),
    options: {},
    intervalMs: 100,
    reading: { grams: 2345, stable: true, status: 'ok' },
  });
  await sim.start();
  printer = new PrinterSimServer({ language: 'tspl', port: 0 });
  const port = await printer.listen();
  configPath = writeConfig(dir, {
    station: { id: 'E2E-SET' },
    devices: {
      scale: { kind: 'serial', path: link.b, protocol: 'st-gs' },
      printer: { language: 'tspl', interface: `tcp://127.0.0.1:${port}` },
    },
  });
  station = await startStationProcess({ config: configPath, data: dir });
});

test.afterAll(async () => {
  await station?.stop();
  await sim?.stop();
  await printer?.close();
  await link?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('device settings: live frames, save and apply, test print', async ({ page }) => {
  await page.goto(`${station.url}#/settings`);
  // Live frames from the pty scale, decoded.
  await expect(page.getByText('ST,GS,+0002.345kg').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('2.345 kg').first()).toBeVisible();
  mkdirSync(join(ROOT, 'test-results', 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', '5-device-settings.png'), fullPage: true });

  // A test print reaches the network printer as one TSPL job with the calibration barcode.
  await page.getByRole('button', { name: /打印测试页/ }).click();
  await expect.poll(() => printer.jobs().length, { timeout: 10_000 }).toBe(1);
  expect(Buffer.from(printer.jobs()[0]?.bytes ?? []).toString('latin1')).toContain('BARCODE');

  // Change the silence timeout and save: validated, written to the file, applied without a restart
  // (frames keep coming through the swapped-in driver).
  await page.getByLabel(/无数据报警时间/).fill('3000');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText(/已保存到/)).toBeVisible({ timeout: 10_000 });
  const saved = JSON.parse(readFileSync(configPath, 'utf8')) as {
    devices: { scale: { protocol: string; path: string; readTimeoutMs: number } };
  };
  expect(saved.devices.scale).toMatchObject({ protocol: 'st-gs', path: link.b, readTimeoutMs: 3000 });
  sim.setReading({ grams: 1111 });
  await expect(page.getByText('1.111 kg').first()).toBeVisible({ timeout: 10_000 });

  // A bad value is refused with the field named; nothing is written.
  await page.getByLabel(/无数据报警时间/).fill('5');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText(/devices\.scale\.readTimeoutMs/)).toBeVisible();
  expect(JSON.parse(readFileSync(configPath, 'utf8')).devices.scale.readTimeoutMs).toBe(3000);

  // The bench is rebuilt as an island: saved on its own into the config file.
  await page.getByTestId('layout-select').selectOption('island');
  await page.getByTestId('layout-save').click();
  await expect(page.getByTestId('layout-result')).toHaveText('布局已改为 岛式');
  expect(JSON.parse(readFileSync(configPath, 'utf8')).station.layout).toBe('island');
  await expect(page.getByTestId('layout-save')).toBeDisabled();
});
