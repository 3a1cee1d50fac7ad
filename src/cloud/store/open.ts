// Opens the store the hub's config names (`store` section, config-store.ts): the one place that
// chooses between SQLite and PostgreSQL, for the hub itself and for the CLI commands that write to it.
import { resolve } from 'node:path';
import { resolveSecret, type HubConfig } from '../config.js';
import type { HubStore } from './types.js';
import { SqliteHubStore } from './sqlite/store.js';
import { openPgHubStore, PgStoreError } from './postgres/store.js';

export interface OpenStoreOptions {
  /** This hub instance among those sharing a PostgreSQL store (tells its own notices from theirs). */
  instanceId?: string;
  /** Connection trouble the PostgreSQL store recovers from by itself. */
  warn?: (line: string, fields?: Record<string, unknown>) => void;
}

export async function openHubStore(config: HubConfig, dataDir: string, opts: OpenStoreOptions = {}): Promise<HubStore> {
  const store = config.store;
  if (store.kind === 'sqlite') return new SqliteHubStore(resolve(dataDir, store.path ?? 'hub.db'));
  const url = resolveSecret(store.url);
  if (!/^postgres(ql)?:\/\//.test(url))
    // Not shown: the value may hold a password.
    throw new PgStoreError(`store.url: expected a postgres:// URL; ${store.url} holds something else`);
  return openPgHubStore({
    url,
    schema: store.schema,
    poolSize: store.poolSize,
    instanceId: opts.instanceId,
    warn: opts.warn,
  });
}
