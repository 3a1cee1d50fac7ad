// A station database filled with the deterministic demo data before the station starts, for tests
// of a desk that works alone (no hub). The file is the one `packdesk station` opens:
// station-<id>.db in the data directory.
import { join } from 'node:path';
import { openDatabase } from '../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../src/main/core/store/migrations.js';
import { createStores } from '../../src/main/core/station.js';
import { seedStation, type SeedOptions } from '../../src/hosts/bench/seed.js';

export function seedStationDb(
  dataDir: string,
  stationId: string,
  opts: Omit<SeedOptions, 'baseTime'> & { baseTime?: number },
): void {
  const db = openDatabase(join(dataDir, `station-${stationId}.db`), stationMigrations);
  try {
    const baseTime = opts.baseTime ?? Date.now();
    seedStation(
      createStores(db, stationId, () => baseTime),
      { ...opts, baseTime },
    );
  } finally {
    db.close();
  }
}
