// Boots a station from a config file: database in the data directory, demo data when configured and
// the database is new, devices, and the core. Hosts (CLI/browser mode, Electron) add their UI transport.
import { join } from 'node:path';
import { openDatabase, type Db } from '../../base/node/sqlite/open.js';
import { stationMigrations } from '../../main/core/store/migrations.js';
import { stationConfigSchema, type StationConfig } from '../../main/config/schema.js';
import { createStation, type Station, type SyncFactory } from '../../main/core/station.js';
import { systemClock, type Clock, type StationCore } from '../../main/core/types.js';
import { seedDemo } from '../../demo/data/seed.js';
import { SyncEngine } from '../../main/sync/engine.js';
import { loadConfigFile } from './config-file.js';
import { createDeviceFactory, initialDevices } from './devices.js';
import { writeConfigFile } from './config-file.js';

export { DEMO_CONFIG_PATH, defaultDataDir } from './paths.js';

export interface BootOptions {
  configPath: string;
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  clock?: Clock;
}

export interface BootedStation {
  core: StationCore;
  config: StationConfig;
  dataDir: string;
  dbFile: string;
  station: Station;
  db: Db;
  close(): Promise<void>;
}

export async function bootStation(opts: BootOptions): Promise<BootedStation> {
  const log = opts.log ?? (() => {});
  const clock = opts.clock ?? systemClock;
  const loaded = loadConfigFile(opts.configPath, stationConfigSchema);
  const config: StationConfig = opts.port === undefined ? loaded : { ...loaded, ui: { ...loaded.ui, port: opts.port } };
  const dbFile = join(opts.dataDir, `station-${config.station.id}.db`);
  const db = openDatabase(dbFile, stationMigrations);
  try {
    const factory = createDeviceFactory(clock, { dataDir: opts.dataDir, log });
    const configStore = {
      path: opts.configPath,
      save: (next: StationConfig) => writeConfigFile(opts.configPath, next),
    };
    const hub = config.hub;
    const sync = hub
      ? ({ desk, db, clock, log, report }: Parameters<SyncFactory>[0]) =>
          new SyncEngine({ hub, desk, db, clock, log, report })
      : undefined;
    const station = createStation({
      db,
      config,
      clock,
      devices: initialDevices(factory, config),
      factory,
      configStore,
      log,
      sync,
    });
    if (config.demo && db.prepare('SELECT 1 FROM orders LIMIT 1').get() === undefined) {
      const seeded = seedDemo(station.services.desk.ctx.stores, { ...config.demo, baseTime: clock.now() });
      log(`demo data: ${seeded.products} products, ${seeded.orders} orders, ${seeded.waybills} waybill numbers`);
    }
    await station.start();
    return {
      core: station.core,
      config,
      dataDir: opts.dataDir,
      dbFile,
      station,
      db,
      async close() {
        await station.close();
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
