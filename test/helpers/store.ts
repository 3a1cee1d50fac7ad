// Which store the hubs of a test run on: SQLite (the default) or, with PACKDESK_TEST_STORE=postgres,
// the PostgreSQL server at PACKDESK_TEST_PG_URL (scripts/pg-test-cluster.sh starts a throwaway one).
// On PostgreSQL every hub gets a schema of its own, named after its data dir: a hub restarted on the
// same dir in a test (crash tests) finds its data again, and two hubs never see each other's rows.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { hubConfigSchema } from '../../src/cloud/config.js';
import { openHubStore } from '../../src/cloud/store/open.js';
import type { HubStore } from '../../src/cloud/store/types.js';

export type TestStoreKind = 'sqlite' | 'postgres';

/** The `store` section of a hub config that puts the hub on the test server. */
export interface PgTestStore {
  kind: 'postgres';
  url: string;
  schema: string;
}

/** Prefix of every schema the tests make; the pg projects' global setup adds this run's id to it. */
export const TEST_SCHEMA_PREFIX = 'pdt_';

export function testStoreKind(env: NodeJS.ProcessEnv = process.env): TestStoreKind {
  const kind = env.PACKDESK_TEST_STORE ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres')
    throw new Error(`PACKDESK_TEST_STORE: expected sqlite or postgres, got "${kind}"`);
  if (kind === 'postgres' && !env.PACKDESK_TEST_PG_URL)
    throw new Error(
      'PACKDESK_TEST_STORE=postgres needs PACKDESK_TEST_PG_URL=postgres://… (bash scripts/pg-test-cluster.sh start prints one)',
    );
  return kind;
}

function pgUrl(): string {
  testStoreKind();
  return process.env.PACKDESK_TEST_PG_URL ?? '';
}

/** The schema of the hub whose data dir this is: the same dir always gives the same schema. */
export function testSchema(dataDir: string): string {
  const run = process.env.PACKDESK_TEST_PG_RUN ?? 'dev';
  const dirHash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return `${TEST_SCHEMA_PREFIX}${run}_${dirHash}`;
}

/** Runs statements on the test server over a connection of their own. */
export async function onTestServer(statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl() });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/**
 * The `store` section for a hub whose data is in dataDir: undefined on SQLite (the default, so the
 * config stays as the test wrote it); on PostgreSQL its schema, made now when it is not there yet.
 */
export async function testStoreConfig(dataDir: string): Promise<PgTestStore | undefined> {
  if (testStoreKind() === 'sqlite') return undefined;
  const schema = testSchema(dataDir);
  await onTestServer([`CREATE SCHEMA IF NOT EXISTS ${schema}`]);
  return { kind: 'postgres', url: pgUrl(), schema };
}

/** The config with the test store's section added (unchanged on SQLite). */
export async function withTestStore<C extends object>(config: C, dataDir: string): Promise<C> {
  const store = await testStoreConfig(dataDir);
  return store ? { ...config, store } : config;
}

/** Drops the schema of the hub whose data was in dataDir (nothing to do on SQLite: the dir holds it). */
export async function dropTestStore(dataDir: string): Promise<void> {
  if (testStoreKind() === 'sqlite') return;
  await onTestServer([`DROP SCHEMA IF EXISTS ${testSchema(dataDir)} CASCADE`]);
}

/**
 * A hub store of the kind under test, for unit tests of repositories and services, with its data in
 * `dataDir` (the caller removes it; its schema goes at the end of the run) or in a temp dir made here
 * and removed, with its schema, when the store is closed.
 */
export async function openTestStore(dataDir?: string): Promise<HubStore> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'packdesk-store-'));
  const config = hubConfigSchema.parse(await withTestStore({}, dir));
  const store = await openHubStore(config, dir);
  if (dataDir) return store;
  return {
    tx: (fn) => store.tx(fn),
    onFeed: (listener) => store.onFeed(listener),
    onStock: (listener) => store.onStock(listener),
    async close() {
      await store.close();
      await dropTestStore(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
