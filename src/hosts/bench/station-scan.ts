// Scan → verdict latency in the station core with 1,000,000 orders in its database, and the core's
// resident memory. Real SQLite file (WAL), real desk, simulated devices.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../base/node/sqlite/open.js';
import { stationMigrations } from '../../main/core/store/migrations.js';
import { stationConfigSchema } from '../../main/config/schema.js';
import { createStation } from '../../main/core/station.js';
import { systemClock } from '../../main/core/types.js';
import { createDeviceFactory, initialDevices } from '../station/devices.js';
import { generateCatalog, generateOrders, generateWaybills } from '../../demo/data/generator.js';
import type { Product } from '../../contract/entities.js';
import { ms, nowMs, summarize, verdict } from './stats.js';

export async function benchStationScan(opts: {
  orders: number;
  packs: number;
  log: (line: string) => void;
}): Promise<void> {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-'));
  try {
    const config = stationConfigSchema.parse({
      station: { id: 'BENCH' },
      devices: { scale: { kind: 'sim', autoPlace: false } },
    });
    const db = openDatabase(join(dir, 'station.db'), stationMigrations);
    const station = createStation({
      db,
      config,
      clock: systemClock,
      devices: initialDevices(createDeviceFactory(systemClock, { dataDir: dir }), config),
    });
    const stores = station.services.stores;
    const seed = 99;
    const catalog = generateCatalog(seed);
    stores.catalog.upsert(catalog.products);
    stores.packers.upsert(catalog.packers);

    let t0 = nowMs();
    const batch = 10_000;
    const gen = generateOrders(seed, catalog, opts.orders);
    for (let done = 0; done < opts.orders; done += batch) {
      db.transaction(() => {
        for (let i = 0; i < batch && done + i < opts.orders; i++) {
          const next = gen.next();
          if (next.done) break;
          stores.orders.upsertOne(next.value);
        }
      })();
    }
    const loadS = (nowMs() - t0) / 1000;
    log(
      `  loaded ${opts.orders.toLocaleString('en')} orders in ${loadS.toFixed(1)} s (${Math.round(opts.orders / loadS).toLocaleString('en')} orders/s)`,
    );
    for (const [carrier, numbers] of Object.entries(generateWaybills(seed, opts.packs + 10)))
      stores.pool.add(carrier, numbers, Date.now());
    db.pragma('wal_checkpoint(TRUNCATE)'); // the bulk load is history; measure the desk, not the loader
    await station.start();

    const desk = station.services.desk;
    const byId = new Map<number, Product>(catalog.products.map((p) => [p.id, p]));
    const orderScans: number[] = [];
    const itemScans: number[] = [];
    desk.scan('BADGE-P01', 'api');
    // Packs spread over the whole id range, so lookups hit cold and warm pages alike.
    const step = Math.max(1, Math.floor(opts.orders / opts.packs));
    const sample = generateOrders(seed, catalog, opts.packs * step);
    let packed = 0;
    let index = 0;
    for (const order of sample) {
      if (index++ % step !== 0) continue;
      if (order.status !== 'open' || order.flags.length > 0) continue;
      t0 = nowMs();
      const opened = desk.scan(order.id, 'api');
      orderScans.push(nowMs() - t0);
      if (opened.verdict !== 'order_opened') throw new Error(`bench: order ${order.id} → ${opened.verdict}`);
      const pack = station.services.snapshot().pack;
      if (!pack) throw new Error('bench: no pack');
      for (const line of pack.lines) {
        const code = byId.get(line.productId)?.barcodes[0] ?? line.sku;
        for (let u = 0; u < line.expected; u++) {
          t0 = nowMs();
          const r = desk.scan(code, 'api');
          itemScans.push(nowMs() - t0);
          if (r.verdict !== 'item_ok') throw new Error(`bench: item ${code} → ${r.verdict}`);
        }
      }
      const window = station.services.snapshot().pack?.weight;
      if (!window) throw new Error('bench: not weighing');
      desk.reading({ grams: 0, stable: true, status: 'ok', at: Date.now() });
      desk.reading({ grams: window.expectedG, stable: true, status: 'ok', at: Date.now() });
      packed++;
      // Between parcels the desk is idle for a moment: let the print queue, snapshots and idle
      // checkpoints run, as they would at a real desk.
      await new Promise((r) => setTimeout(r, 2));
    }
    await station.services.printQueue.idle();
    if (global.gc) global.gc();
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    const all = summarize([...orderScans, ...itemScans]);
    const items = summarize(itemScans);
    const orders = summarize(orderScans);
    log(`  packed ${packed} orders: ${orders.n} order scans, ${items.n} item scans`);
    log(
      `  scan → verdict, all scans:   p50 ${ms(all.p50)}   p99 ${ms(all.p99)}   max ${ms(all.max)}   (target p99 ≤ 2 ms: ${verdict(all.p99 <= 2)})`,
    );
    log(`  scan → verdict, order scans: p50 ${ms(orders.p50)}   p99 ${ms(orders.p99)}`);
    log(`  scan → verdict, item scans:  p50 ${ms(items.p50)}   p99 ${ms(items.p99)}`);
    log(`  core process RSS: ${rssMb.toFixed(0)} MB   (target ≤ 200 MB: ${verdict(rssMb <= 200)})`);
    await station.close();
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
