// Stable weight → label bytes at the printer: a real desk (SQLite file, packing loop), a real
// TSPL driver and a simulated network printer on 127.0.0.1. The clock starts when the scale
// reports the stable weight and stops when the printer has received the whole job.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../base/node/sqlite/open.js';
import { stationMigrations } from '../../main/core/store/migrations.js';
import { stationConfigSchema } from '../../main/config/schema.js';
import { createStation } from '../../main/core/station.js';
import { systemClock } from '../../main/core/types.js';
import { createDeviceFactory, initialDevices } from '../station/devices.js';
import { seedStation } from './seed.js';
import { generateCatalog } from '../../demo/data/generator.js';
import { PrinterSimServer } from '../../hardware/sim/printer-server.js';
import { benchmarkParsers } from '../../hardware/scale/protocols/bench.js';
import { ms, nowMs, summarize, verdict } from './stats.js';

export async function benchLabelLatency(opts: {
  packs: number;
  language: 'tspl' | 'zpl';
  log: (line: string) => void;
}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-label-'));
  const server = new PrinterSimServer({ language: opts.language, port: 0 });
  const port = await server.listen();
  try {
    const config = stationConfigSchema.parse({
      station: { id: 'BENCH-LABEL' },
      packing: { requireLogin: false },
      devices: {
        scale: { kind: 'sim', autoPlace: false },
        printer: { language: opts.language, interface: `tcp://127.0.0.1:${port}` },
      },
    });
    const db = openDatabase(join(dir, 'station.db'), stationMigrations);
    const factory = createDeviceFactory(systemClock, { dataDir: dir });
    const station = createStation({ db, config, clock: systemClock, devices: initialDevices(factory, config) });
    const seed = 5;
    seedStation(station.services.stores, {
      seed,
      orders: opts.packs + 200,
      waybillsPerCarrier: opts.packs + 10,
      baseTime: Date.now(),
    });
    await station.start();
    const desk = station.services.desk;
    const catalog = generateCatalog(seed);
    const orders = db
      .prepare("SELECT id FROM orders WHERE status = 'open' AND flags = '[]' ORDER BY rowid")
      .pluck()
      .all() as string[];
    const samples: number[] = [];
    let jobs = 0;
    for (const orderId of orders.slice(0, opts.packs)) {
      if (desk.scan(orderId, 'api').verdict !== 'order_opened') continue;
      for (const line of station.services.snapshot().pack?.lines ?? []) {
        const code = catalog.products.find((p) => p.id === line.productId)?.barcodes[0] ?? line.sku;
        for (let u = 0; u < line.expected; u++) desk.scan(code, 'api');
      }
      const window = station.services.snapshot().pack?.weight;
      if (!window) throw new Error(`bench: order ${orderId} is not weighing`);
      desk.reading({ grams: 0, stable: true, status: 'ok', at: Date.now() });
      const delivered = new Promise<number>((resolve) => {
        const off = server.onJob(() => {
          off();
          resolve(nowMs());
        });
      });
      const t0 = nowMs();
      desk.reading({ grams: window.expectedG, stable: true, status: 'ok', at: Date.now() });
      samples.push((await delivered) - t0);
      jobs++;
    }
    const s = summarize(samples);
    opts.log(
      `  ${opts.language.toUpperCase()} over TCP, ${jobs} labels: p50 ${ms(s.p50)}   p99 ${ms(s.p99)}   max ${ms(s.max)}   (target p99 ≤ 150 ms: ${verdict(s.p99 <= 150)})`,
    );
    await station.close();
    db.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchScaleParsers(log: (line: string) => void): void {
  for (const r of benchmarkParsers(1))
    log(`  ${r.protocol.padEnd(18)} ${Math.round(r.framesPerSecond).toLocaleString('en').padStart(10)} frames/s`);
}
