// `packdesk video verify`: re-hashes every packing-video file and walks the hash chain; a broken link
// or an edited file is named (exit 1). Reads the station's database; the station may be running.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { openDatabase } from '../../base/node/sqlite/open.js';
import { stationMigrations } from '../../main/core/store/migrations.js';
import { stationConfigSchema } from '../../main/config/schema.js';
import { VideoStore } from '../../main/core/store/video.js';
import { verifyChain } from '../../main/core/video/chain.js';
import { loadConfigFile } from '../station/config-file.js';
import { defaultDataDir } from '../station/paths.js';
import { CliError } from './errors.js';

export const VIDEO_USAGE = `  packdesk video verify --config FILE [--data DIR]        check every packing-video file against its hash chain`;

export async function runVideo(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify') throw new CliError(`unknown video command "${sub ?? ''}"\n${VIDEO_USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: { config: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  if (!values.config) throw new CliError(`--config FILE is required\n${VIDEO_USAGE}`);
  const config = loadConfigFile(values.config, stationConfigSchema);
  const dbFile = join(values.data ?? defaultDataDir(), `station-${config.station.id}.db`);
  const db = openDatabase(dbFile, stationMigrations);
  try {
    const report = await verifyChain(new VideoStore(db).chain());
    for (const p of report.problems)
      process.stdout.write(`BROKEN ${p.name} (file ${p.fileId}, ${p.path}): ${p.reason}\n`);
    process.stdout.write(
      `${report.files} files in the chain: ${report.checked} re-hashed, ${report.deleted} deleted by retention, ` +
        `${report.problems.length === 0 ? 'chain intact' : `${report.problems.length} problem(s)`}\n`,
    );
    if (report.problems.length > 0) process.exitCode = 1;
  } finally {
    db.close();
  }
}
