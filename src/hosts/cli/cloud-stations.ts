// `packdesk cloud station revoke|rotate ID`: a lost or leaked station token stops working at once
// (the desk pauses and shows why); rotate prints the replacement, once. Like `station add`, these
// write the hub database directly, so they work whether or not the hub is running.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { hashToken, newToken } from '../../cloud/auth.js';
import type { HubConfig } from '../../cloud/config.js';
import { CliError } from './errors.js';

export const CLOUD_STATION_USAGE = `  packdesk cloud station revoke ID --config FILE [--data DIR]     the station's token stops working now
  packdesk cloud station rotate ID --config FILE [--data DIR]     a new token replaces it; prints it once`;

export async function runStationToken(
  action: 'revoke' | 'rotate',
  argv: string[],
  loadConfig: (path: string | undefined) => HubConfig,
  defaultDataDir: () => string,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  const id = positionals[0];
  if (!id) throw new CliError(`station ${action}: give the station id`);
  loadConfig(values.config); // a broken config is reported here rather than at the next start
  const { SqliteHubStore } = await import('../../cloud/store/sqlite/store.js');
  const store = new SqliteHubStore(join(values.data ?? defaultDataDir(), 'hub.db'));
  try {
    const station = await store.tx((t) => t.stations.get(id));
    if (!station) throw new CliError(`station ${id} is not registered at this hub`);
    if (action === 'revoke') {
      const revoked = await store.tx((t) => t.stations.revoke(id, Date.now()));
      if (!revoked) throw new CliError(`station ${id}'s token is revoked already`);
      process.stdout.write(`station ${id}: token revoked; the desk pauses until it gets a new one (rotate)\n`);
      return;
    }
    const token = newToken();
    await store.tx((t) => t.stations.setToken(id, hashToken(token)));
    process.stdout.write(
      `station ${id}: new token — shown once, put it in the station config under hub.token (the old one no longer works):\n${token}\n`,
    );
  } finally {
    await store.close();
  }
}
