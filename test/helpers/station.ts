// A whole station on an in-memory (or file) database, simulated devices and a manual clock.
import { openDatabase, type Db } from '../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../src/main/core/store/migrations.js';
import { stationConfigSchema, type StationConfigInput } from '../../src/main/config/schema.js';
import { createStation, type Station, type SyncFactory } from '../../src/main/core/station.js';
import { SimScale } from '../../src/hardware/sim/scale.js';
import { SimPrinter } from '../../src/hardware/sim/printer.js';
import type { WechatPrinterDevice } from '../../src/hardware/printer/wechat-component.js';
import { ManualClock } from './clock.js';
import { ORDERS, PACKERS, PRODUCTS, WAYBILLS } from './fixtures.js';
import type { ScanResult } from '../../src/contract/station.js';

export interface TestStation {
  station: Station;
  db: Db;
  clock: ManualClock;
  scale: SimScale;
  printer: SimPrinter;
  scan(code: string): ScanResult;
  /** Put `grams` on the scale and let it settle into a stable reading. */
  weigh(grams: number): Promise<void>;
  /** Take the parcel off (scale reads 0). */
  lift(): void;
  settle(): Promise<void>;
  outbox(): { type: string; payload: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function makeStation(
  opts: {
    file?: string;
    config?: Partial<StationConfigInput>;
    seed?: boolean;
    /** A hub sync engine (test/unit/sync). */
    sync?: SyncFactory;
    /** Where the manual clock starts (default 2026-11-25 09:00 Shanghai). */
    start?: number;
    /** WeChat's print component (devices.wechatComponent in the config goes with it). */
    wechatPrinter?: WechatPrinterDevice;
  } = {},
): Promise<TestStation> {
  const clock = new ManualClock(opts.start);
  const config = stationConfigSchema.parse({
    station: { id: 'T1', name: '测试工位' },
    devices: { scale: { kind: 'sim', autoPlace: false, settleMs: 500, tickMs: 100 } },
    ...opts.config,
  });
  const db = openDatabase(opts.file ?? ':memory:', stationMigrations);
  const scale = new SimScale(clock, { offsetG: 0, noiseG: 0, settleMs: 500, unstable: false, tickMs: 100 });
  const printer = new SimPrinter('tspl', () => clock.now());
  const station = createStation({
    db,
    config,
    clock,
    devices: { scanner: null, scale, printer, wechatPrinter: opts.wechatPrinter ?? null },
    ...(opts.sync ? { sync: opts.sync } : {}),
  });
  if (opts.seed !== false && db.prepare('SELECT 1 FROM products LIMIT 1').get() === undefined) {
    const stores = station.services.stores;
    stores.catalog.upsert(PRODUCTS);
    stores.packers.upsert(PACKERS);
    stores.orders.upsert(ORDERS);
    for (const [carrier, numbers] of Object.entries(WAYBILLS))
      if (numbers.length) stores.pool.add(carrier, numbers, clock.now());
  }
  await station.start();
  const settle = async () => {
    await station.services.printQueue.idle();
    await new Promise((r) => setImmediate(r));
  };
  return {
    station,
    db,
    clock,
    scale,
    printer,
    scan: (code) => station.services.desk.scan(code, 'api'),
    async weigh(grams) {
      scale.place(grams);
      clock.advance(700);
      await settle();
    },
    lift() {
      scale.place(null);
      clock.advance(100);
    },
    settle,
    outbox: () =>
      (db.prepare('SELECT type, payload FROM outbox ORDER BY seq').all() as { type: string; payload: string }[]).map(
        (r) => ({
          type: r.type,
          payload: JSON.parse(r.payload) as Record<string, unknown>,
        }),
      ),
    async close() {
      await station.close();
      db.close();
    },
  };
}
