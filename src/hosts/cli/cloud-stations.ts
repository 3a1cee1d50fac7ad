// `packdesk cloud station add|revoke|rotate ID`: register a desk and print its token once; stop a lost
// or leaked token at once (the desk pauses and shows why); replace it and print the new one once.
// They write the hub's store directly (SQLite or PostgreSQL, as the config says), so they work
// whether or not the hub is running.
import { parseArgs } from 'node:util';
import { hashToken, newToken } from '../../cloud/auth.js';
import type { HubConfig } from '../../cloud/config.js';
import type { HubStore } from '../../cloud/store/types.js';
import { LAYOUTS, type Layout } from '../../contract/entities.js';
import { CliError } from './errors.js';

export const CLOUD_STATION_USAGE = `  packdesk cloud station add ID [--layout L] [--name N] --config FILE [--data DIR]
                                                                   register a station; prints its token once
  packdesk cloud station revoke ID --config FILE [--data DIR]     the station's token stops working now
  packdesk cloud station rotate ID --config FILE [--data DIR]     a new token replaces it; prints it once`;

export interface HubFiles {
  loadConfig: (path: string | undefined) => HubConfig;
  defaultDataDir: () => string;
}

/** Checks the config (a broken one is reported now rather than at the next start), then opens the store it names. */
async function withHubStore<T>(
  files: HubFiles,
  values: { config?: string; data?: string },
  fn: (store: HubStore) => Promise<T>,
): Promise<T> {
  const config = files.loadConfig(values.config);
  const { openHubStore } = await import('../../cloud/store/open.js');
  const store = await openHubStore(config, values.data ?? files.defaultDataDir());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function add(argv: string[], files: HubFiles): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      layout: { type: 'string', default: 'u_shaped' },
      name: { type: 'string' },
    },
    strict: true,
  });
  const id = positionals[0];
  if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id))
    throw new CliError(`station add: expected a station id of 1–32 letters, digits, _ or -, got "${id ?? ''}"`);
  if (!(LAYOUTS as readonly string[]).includes(values.layout))
    throw new CliError(`--layout: expected one of ${LAYOUTS.join(', ')}, got "${values.layout}"`);
  const token = newToken();
  const added = await withHubStore(files, values, (store) =>
    store.tx(async (t) => {
      if (await t.stations.get(id)) return false;
      await t.stations.add({
        id,
        name: values.name ?? id,
        layout: values.layout as Layout,
        tokenHash: hashToken(token),
        createdAt: Date.now(),
        revokedAt: null,
        lastSeenAt: null,
      });
      return true;
    }),
  );
  if (!added) throw new CliError(`station ${id} exists already`);
  process.stdout.write(
    `station ${id} registered (${values.layout}). Its token — shown once, put it in the station config under hub.token:\n${token}\n`,
  );
}

async function revokeOrRotate(action: 'revoke' | 'rotate', argv: string[], files: HubFiles): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  const id = positionals[0];
  if (!id) throw new CliError(`station ${action}: give the station id`);
  await withHubStore(files, values, async (store) => {
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
  });
}

export async function runStation(sub: string | undefined, argv: string[], files: HubFiles): Promise<void> {
  if (sub === 'add') return add(argv, files);
  if (sub === 'revoke' || sub === 'rotate') return revokeOrRotate(sub, argv, files);
  throw new CliError(`cloud station: expected "add", "revoke" or "rotate", got "${sub ?? ''}"\n${CLOUD_STATION_USAGE}`);
}
