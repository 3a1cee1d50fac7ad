// A whole station on real device links: scales and a scanner on socat pseudo-terminals, label
// printers on raw TCP (127.0.0.1). The station is booted from a config file like in production.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { bootStation, type BootedStation } from '../../src/hosts/station/boot.js';
import { SCALE_PROTOCOLS } from '../../src/hardware/scale/protocol.js';
import { getProtocol } from '../../src/hardware/scale/protocols/index.js';
import { SerialScaleSimulator } from '../../src/hardware/sim/serial-scale-sim.js';
import { PrinterSimServer } from '../../src/hardware/sim/printer-server.js';
import { openSerial } from '../../src/hardware/transport/serial.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { openPtyPair, type PtyPair } from '../helpers/pty.js';
import { writeConfig } from '../helpers/process.js';
import { seedStationDb } from '../helpers/seed.js';
import { until } from '../helpers/wait.js';

const SEED = 31;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-hw-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function boot(dir: string, devices: object): Promise<BootedStation> {
  const config = writeConfig(dir, {
    station: { id: 'HW-1' },
    devices,
  });
  seedStationDb(dir, 'HW-1', { seed: SEED, orders: 30, waybillsPerCarrier: 20 });
  const booted = await bootStation({ configPath: config, dataDir: dir });
  cleanups.push(() => booted.close());
  return booted;
}

async function pty(dir: string, name: string): Promise<PtyPair> {
  const pair = await openPtyPair(dir, name);
  cleanups.push(() => pair.kill('SIGKILL'));
  return pair;
}

const snap = (b: BootedStation) => b.core.call('station.snapshot', {});
const device = (s: StationSnapshot, role: string) => s.devices.find((d) => d.role === role);

/** Logs in and packs the first plain demo order by scans through `scan`; returns its id. */
async function packOne(b: BootedStation, scan: (code: string) => Promise<void>): Promise<string> {
  const catalog = generateCatalog(SEED);
  const sheet = await b.core.call('sheet.get', { orders: 30 });
  const order = sheet.orders.find((o) => o.status === 'open' && o.flags.length === 0 && !(o.code in packed));
  if (!order) throw new Error('no plain open order');
  packed[order.code] = true;
  await scan('BADGE-P01');
  await until(
    () => snap(b),
    (s) => s.packer?.id === 'P01',
    3000,
    'login',
  );
  await scan(order.code);
  const s = await until(
    () => snap(b),
    (x) => x.pack?.order.id === order.code,
    3000,
    `order ${order.code} open`,
  );
  for (const line of s.pack?.lines ?? []) {
    const code = catalog.products.find((p) => p.id === line.productId)?.barcodes[0] ?? line.sku;
    for (let i = 0; i < line.expected; i++) await scan(code);
  }
  return order.code;
}
const packed: Record<string, boolean> = {};

describe('station with a scale on a serial port', () => {
  for (const protocol of SCALE_PROTOCOLS) {
    it(`${protocol}: reads a stable weight within 1 s of the frames settling`, async () => {
      const dir = tempDir();
      const link = await pty(dir, protocol);
      const sim = new SerialScaleSimulator({
        path: link.a,
        protocol: getProtocol(protocol),
        options: { unit: 'kg' },
        intervalMs: 100,
        reading: { grams: 0, stable: true, status: 'ok' },
      });
      await sim.start();
      cleanups.push(() => sim.stop());
      const b = await boot(dir, { scale: { kind: 'serial', path: link.b, protocol }, printer: { interface: 'sim' } });
      await until(
        () => snap(b),
        (s) => device(s, 'scale')?.state === 'ready' && s.scale?.grams === 0,
        5000,
        'scale ready at 0 g',
      );

      sim.setReading({ grams: 1580, stable: false });
      await new Promise((r) => setTimeout(r, 300));
      const stable = new Promise<number>((resolve) => {
        const off = b.core.on('scale.reading', (r) => {
          if (r.stable && r.grams === 1234) {
            off();
            resolve(Date.now());
          }
        });
      });
      const settledAt = Date.now();
      sim.setReading({ grams: 1234, stable: true });
      const seenAt = await Promise.race([
        stable,
        new Promise<number>((_, fail) => setTimeout(() => fail(new Error('no stable 1234 g within 3 s')), 3000)),
      ]);
      expect(seenAt - settledAt).toBeLessThanOrEqual(1000);
      const s = await snap(b);
      expect(s.scale).toMatchObject({ grams: 1234, stable: true, status: 'ok' });
      expect(device(s, 'scale')).toMatchObject({ kind: 'serial', simulated: false, state: 'ready' });
    });
  }

  it('shows the scale disconnected when the cable is pulled, and recovers when it is back', async () => {
    const dir = tempDir();
    const link = await pty(dir, 'unplug');
    const startSim = async () => {
      const sim = new SerialScaleSimulator({
        path: link.a,
        protocol: getProtocol('st-gs'),
        options: {},
        intervalMs: 100,
        reading: { grams: 800, stable: true, status: 'ok' },
      });
      await sim.start();
      cleanups.push(() => sim.stop());
      return sim;
    };
    const first = await startSim();
    const b = await boot(dir, {
      scale: { kind: 'serial', path: link.b, protocol: 'st-gs', reconnect: { minMs: 100, maxMs: 500 } },
      printer: { interface: 'sim' },
    });
    await until(
      () => snap(b),
      (s) => s.scale?.grams === 800 && device(s, 'scale')?.state === 'ready',
      5000,
      'first readings',
    );

    await link.kill('SIGKILL');
    const down = await until(
      () => snap(b),
      (s) => device(s, 'scale')?.state === 'disconnected',
      5000,
      'disconnected',
    );
    expect(device(down, 'scale')?.detail).toBeTruthy();
    await first.stop();

    await link.restart();
    const second = await startSim();
    second.setReading({ grams: 950 });
    await until(
      () => snap(b),
      (s) => device(s, 'scale')?.state === 'ready' && s.scale?.grams === 950,
      10_000,
      'reconnected with new readings',
    );
  });
});

describe('station with a serial scanner', () => {
  it('a full pack driven by scans from a serial port', async () => {
    const dir = tempDir();
    const link = await pty(dir, 'scanner');
    const b = await boot(dir, {
      scanner: { kind: 'serial', path: link.b, suffix: 'CR' },
      scale: { kind: 'sim', autoPlace: true, settleMs: 200, placeDelayMs: 100 },
      printer: { interface: 'sim' },
    });
    await until(
      () => snap(b),
      (s) => device(s, 'scanner')?.state === 'ready',
      5000,
      'scanner ready',
    );
    expect(device(await snap(b), 'scanner')).toMatchObject({ kind: 'serial', simulated: false });
    const gun = await openSerial(link.a, { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
    cleanups.push(() => gun.close());
    let sent = 0;
    const scan = async (code: string) => {
      // An AIM identifier as a configured scanner would add it; the core strips it.
      await gun.write(Buffer.from(`${/^\d{13}$/.test(code) ? ']E0' : ''}${code}\r`, 'latin1'));
      sent++;
      const expected = sent;
      await until(
        () => b.db.prepare("SELECT count(*) FROM scans WHERE source = 'serial'").pluck().get() as number,
        (n) => n >= expected,
        3000,
        `scan ${code}`,
      );
    };
    const orderId = await packOne(b, scan);
    const done = await until(
      () => snap(b),
      (s) => s.lastPack?.order.id === orderId && s.lastPack.state === 'done',
      10_000,
      'pack done',
    );
    expect(done.lastPack?.labels[0]?.status).toBe('printed');
    const verdicts = b.db.prepare("SELECT verdict FROM scans WHERE source = 'serial' ORDER BY id").pluck().all();
    expect(verdicts[0]).toBe('login');
    expect(verdicts[1]).toBe('order_opened');
    expect(verdicts.slice(2).every((v) => v === 'item_ok')).toBe(true);
  });
});

describe('station with a TCP label printer', () => {
  async function stationWithPrinter(language: 'tspl' | 'zpl') {
    const dir = tempDir();
    const server = new PrinterSimServer({ language, port: 0 });
    const port = await server.listen();
    cleanups.push(() => server.close());
    const b = await boot(dir, {
      scanner: { kind: 'sim' },
      scale: { kind: 'sim', autoPlace: true, settleMs: 200, placeDelayMs: 100 },
      printer: { language, interface: `tcp://127.0.0.1:${port}`, statusTimeoutMs: 500 },
    });
    await until(
      () => snap(b),
      (s) => device(s, 'printer')?.state === 'ready',
      5000,
      'printer ready',
    );
    const scan = async (code: string) => {
      await b.core.call('scan.submit', { code, source: 'api' });
    };
    return { b, server, scan };
  }

  it('TSPL: the label job holds the waybill as Code 128 and the recipient in GBK', async () => {
    const { b, server, scan } = await stationWithPrinter('tspl');
    const orderId = await packOne(b, scan);
    await until(
      () => server.jobs().length,
      (n) => n === 1,
      10_000,
      'label job at the printer',
    );
    // The printer has the bytes a moment before the station records the label as printed.
    const s = await until(
      () => snap(b),
      (x) => x.lastPack?.labels[0]?.status === 'printed',
      5000,
      'label recorded as printed',
    );
    const label = s.lastPack?.labels[0];
    const bytes = Buffer.from(server.jobs()[0]?.bytes ?? []);
    const text = bytes.toString('latin1');
    expect(text).toMatch(new RegExp(`BARCODE \\d+,\\d+,"128",\\d+,[01],0,\\d+,\\d+,"${label?.waybill}"`));
    const name = s.lastPack?.order.recipientName ?? '';
    expect(bytes.includes(iconv.encode(name, 'gbk'))).toBe(true);
    expect(text).toContain('TSS24.BF2');
    expect(s.lastPack?.order.id).toBe(orderId);
  });

  it('ZPL: the label job has ^BC with the waybill', async () => {
    const { b, server, scan } = await stationWithPrinter('zpl');
    await packOne(b, scan);
    await until(
      () => server.jobs().length,
      (n) => n === 1,
      10_000,
      'label job at the printer',
    );
    const waybill = (await snap(b)).lastPack?.labels[0]?.waybill ?? '';
    const text = Buffer.from(server.jobs()[0]?.bytes ?? []).toString('latin1');
    expect(text.startsWith('^XA')).toBe(true);
    expect(text).toMatch(/\^BCN,\d+,[YN],N,N/);
    expect(text).toContain(`^FD${waybill}^FS`);
    expect(text).toContain('^GFA,'); // the Chinese text as a raster image
  });

  it('paper out holds the job; when the paper is back it prints exactly once', async () => {
    const { b, server, scan } = await stationWithPrinter('tspl');
    server.setPaperOut(true);
    const orderId = await packOne(b, scan);
    const waiting = await until(
      () => snap(b),
      (s) =>
        s.lastPack?.order.id === orderId &&
        s.lastPack.labels[0]?.status === 'queued' &&
        device(s, 'printer')?.state === 'error',
      10_000,
      'label queued on paper out',
    );
    expect(waiting.lastPack?.state).toBe('labeling');
    expect(device(waiting, 'printer')?.detail).toMatch(/paper/);
    expect(waiting.queuedLabels).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(server.jobs()).toHaveLength(0);

    server.setPaperOut(false);
    await until(
      () => snap(b),
      (s) => s.lastPack?.labels[0]?.status === 'printed' && s.lastPack.state === 'done',
      10_000,
      'label printed after paper is back',
    );
    await new Promise((r) => setTimeout(r, 1500)); // a second copy would arrive by now
    expect(server.jobs()).toHaveLength(1);
    const printed = b.db.prepare("SELECT type FROM outbox WHERE type = 'label.printed'").pluck().all();
    expect(printed).toHaveLength(1);
  });
});
