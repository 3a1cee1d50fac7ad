// Boots a station from a config file: database in the data directory, the embedded demo hub when the
// config asks for the demo, devices, and the core. Hosts (CLI/browser mode, Electron) add their UI transport.
import { join } from 'node:path';
import { openDatabase, type Db } from '../../base/node/sqlite/open.js';
import { stationMigrations } from '../../main/core/store/migrations.js';
import { stationConfigSchema, type StationConfig } from '../../main/config/schema.js';
import { createStation, type Station, type SyncFactory } from '../../main/core/station.js';
import { systemClock, type Clock, type StationCore } from '../../main/core/types.js';
import { SyncEngine } from '../../main/sync/engine.js';
import { catalogImageSource, type CatalogImageSource } from '../../main/sync/images.js';
import { CatalogStore } from '../../main/core/store/catalog.js';
import { loadConfigFile } from './config-file.js';
import { createDeviceFactory, initialDevices } from './devices.js';
import { writeConfigFile } from './config-file.js';
import { linkDemoHub, withoutDemoLink } from './demo-hub.js';
import { stationVideo } from './video.js';
import type { DemoHub } from '../../demo/hub/index.js';

export { DEMO_CONFIG_PATH, defaultDataDir } from './paths.js';

export interface BootOptions {
  configPath: string;
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  clock?: Clock;
  /** Overrides the config's demo.trickleS (seconds between new demo orders). */
  demoTrickleS?: number;
}

export interface BootedStation {
  core: StationCore;
  config: StationConfig;
  dataDir: string;
  dbFile: string;
  station: Station;
  db: Db;
  /** The embedded demo hub this station syncs with (`demo` in the config), else null. */
  demoHub: DemoHub | null;
  /** Product photos fetched from the hub, for the browser server's /images/… */
  images: CatalogImageSource;
  close(): Promise<void>;
}

export async function bootStation(opts: BootOptions): Promise<BootedStation> {
  const log = opts.log ?? (() => {});
  const clock = opts.clock ?? systemClock;
  const loaded = loadConfigFile(opts.configPath, stationConfigSchema);
  const ported: StationConfig = opts.port === undefined ? loaded : { ...loaded, ui: { ...loaded.ui, port: opts.port } };
  const link = await linkDemoHub(ported, {
    dataDir: opts.dataDir,
    now: () => clock.now(),
    log,
    trickleS: opts.demoTrickleS,
  });
  const config = link.config;
  const dbFile = join(opts.dataDir, `station-${config.station.id}.db`);
  let db: Db;
  try {
    db = openDatabase(dbFile, stationMigrations);
  } catch (err) {
    await link.demoHub?.close();
    throw err;
  }
  try {
    const factory = createDeviceFactory(clock, { dataDir: opts.dataDir, log });
    const configStore = {
      path: opts.configPath,
      save: (next: StationConfig) => writeConfigFile(opts.configPath, withoutDemoLink(next, link)),
    };
    const hub = config.hub;
    const imagesDir = join(opts.dataDir, 'catalog-images');
    const sync = hub
      ? ({ desk, db, clock, log, report }: Parameters<SyncFactory>[0]) =>
          new SyncEngine({ hub, desk, db, clock, log, report, imagesDir })
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
      video: stationVideo(config, opts.dataDir, log),
    });
    await station.start();
    return {
      core: station.core,
      config,
      dataDir: opts.dataDir,
      dbFile,
      station,
      db,
      demoHub: link.demoHub,
      images: catalogImageSource(imagesDir, new CatalogStore(db, () => clock.now())),
      async close() {
        await station.close();
        db.close();
        await link.demoHub?.close();
      },
    };
  } catch (err) {
    db.close();
    await link.demoHub?.close();
    throw err;
  }
}
