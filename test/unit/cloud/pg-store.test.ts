// The PostgreSQL store itself: migrations (idempotent, prefix-checked, one runner at a time), units
// of work serialised across instances on one schema, rollback, and the NOTIFY/LISTEN link that wakes
// one instance for another's commit. Runs only with PACKDESK_TEST_PG_URL (test:all starts a server).
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { openPgHubStore, type PgHubStore, type PgHubStoreOptions } from '../../../src/cloud/store/postgres/store.js';
import { migratePg } from '../../../src/cloud/store/postgres/migrate.js';
import { pgMigrations } from '../../../src/cloud/store/postgres/migrations.js';
import { channelName, lockKey, stockPayloads } from '../../../src/cloud/store/postgres/names.js';
import { until } from '../../helpers/wait.js';
import { TEST_SCHEMA_PREFIX } from '../../helpers/store.js';

vi.setConfig({ testTimeout: 30_000 });

const PG_URL = process.env.PACKDESK_TEST_PG_URL;

let made = 0;
const schemas: string[] = [];
/** A schema of this test file's own, dropped at the end. */
function freshSchema(): string {
  made += 1;
  const schema = `${TEST_SCHEMA_PREFIX}${process.env.PACKDESK_TEST_PG_RUN ?? 'dev'}_store_${process.pid}_${made}`;
  schemas.push(schema);
  return schema;
}

async function onServer<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const opened: PgHubStore[] = [];
async function open(schema: string, opts: Partial<PgHubStoreOptions> = {}): Promise<PgHubStore> {
  const store = await openPgHubStore({ url: PG_URL ?? '', schema, poolSize: 4, ...opts });
  opened.push(store);
  return store;
}

const station = (id: string) => ({
  id,
  name: id,
  layout: 'u_shaped' as const,
  tokenHash: `hash-${id}`,
  createdAt: 1_000,
  revokedAt: null,
  lastSeenAt: null,
});

describe.runIf(PG_URL)('PostgreSQL hub store', () => {
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });
  afterAll(async () => {
    await onServer(async (c) => {
      for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    });
  });

  it('migrates a new schema once; reopening applies nothing; two instances starting together both open', async () => {
    const schema = freshSchema();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    await a.tx((t) => t.stations.add(station('A')));
    expect(await b.tx((t) => t.stations.get('A'))).toMatchObject({ id: 'A', tokenHash: 'hash-A' });
    const applied = await onServer(async (c) => {
      const rows = await c.query<{ id: string }>(`SELECT id FROM ${schema}._migrations ORDER BY id`);
      const again = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
      await again.connect();
      try {
        const done = await migratePg(again, pgMigrations, {
          schema,
          lockKey: lockKey(schema, 'migrate'),
          now: () => 0,
        });
        return { ids: rows.rows.map((r) => r.id), done };
      } finally {
        await again.end();
      }
    });
    expect(applied.ids).toEqual(pgMigrations.map((m) => m.id));
    expect(applied.done).toEqual([]);
  });

  it('refuses a schema migrated by a different build, naming the step', async () => {
    const schema = freshSchema();
    await (await open(schema)).close();
    await onServer((c) => c.query(`INSERT INTO ${schema}._migrations (id, applied_at) VALUES ('9999_future', 0)`));
    await expect(open(schema)).rejects.toThrow(/9999_future at position \d+.*refusing to migrate/);
    await onServer((c) =>
      c.query(`UPDATE ${schema}._migrations SET id = '0001_other' WHERE id = $1`, [pgMigrations[0]!.id]),
    );
    await expect(open(schema)).rejects.toThrow(/0001_other at position 1, but this build expects 0001_core/);
  });

  it('serialises read-then-write units of work across two instances: no update is lost', async () => {
    const schema = freshSchema();
    const [a, b] = [await open(schema), await open(schema)];
    await a.tx((t) => t.claims.set('order-1', 'A', 'pack-1', 0));
    const bump = (store: PgHubStore) =>
      store.tx(async (t) => {
        const claim = await t.claims.get('order-1');
        // Give the other instance every chance to read the same value before this one writes.
        await new Promise((r) => setImmediate(r));
        await t.claims.set('order-1', 'A', 'pack-1', claim!.at + 1);
      });
    const runs: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) runs.push(bump(a), bump(b));
    await Promise.all(runs);
    expect(await b.tx((t) => t.claims.get('order-1'))).toEqual({ stationId: 'A', packId: 'pack-1', at: 40 });
  });

  it('a unit of work that fails leaves nothing and tells no listener', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    let told = 0;
    store.onFeed(() => told++);
    await expect(
      store.tx(async (t) => {
        await t.stations.add(station('A'));
        await t.products.upsert([{ id: 1, sku: 'S1' } as never], { at: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // A failed statement the unit swallowed still fails it (the transaction is aborted).
    await store.tx((t) => t.stations.add(station('B')));
    await expect(
      store.tx(async (t) => {
        await t.stations.add(station('C'));
        await Promise.resolve(t.stations.add(station('B'))).catch(() => undefined);
      }),
    ).rejects.toThrow(/duplicate key/);
    const left = await store.tx(async (t) => ({
      stations: (await t.stations.list()).map((s) => s.id),
      products: await t.products.all(),
      feed: await t.feed.head(),
    }));
    expect(left).toEqual({ stations: ['B'], products: [], feed: 0 });
    expect(told).toBe(0);
  });

  it("one instance's feed change wakes the other's listeners; its own notice is not heard twice", async () => {
    const schema = freshSchema();
    const [a, b] = [await open(schema), await open(schema)];
    let heardA = 0;
    let heardB = 0;
    a.onFeed(() => heardA++);
    b.onFeed(() => heardB++);
    await a.tx((t) => t.packers.upsert([{ id: 'P1', name: 'Li', badge: 'B1', role: 'packer' }]));
    expect(heardA).toBe(1);
    await until(
      () => heardB,
      (n) => n === 1,
      5000,
      "B hearing A's feed change",
    );
    expect(await b.tx((t) => t.feed.since(0, 'X', 10))).toEqual([{ seq: 1, kind: 'packer', ref: 'P1' }]);
    // A unit that appends nothing announces nothing.
    await a.tx((t) => t.stations.list());
    // Notices arrive in commit order: when B's reaches A, A's own (had it been heard) came before it.
    await b.tx((t) => t.packers.upsert([{ id: 'P2', name: 'Wang', badge: 'B2', role: 'packer' }]));
    await until(
      () => heardA,
      (n) => n >= 2,
      5000,
      "A hearing B's feed change",
    );
    expect({ heardA, heardB }).toEqual({ heardA: 2, heardB: 2 });
  });

  it('stock notices carry the SKUs, cut under the payload limit, and reach only the other instances', async () => {
    const schema = freshSchema();
    const store = await open(schema, { instanceId: 'me' });
    const heard: string[][] = [];
    store.onStock((skus) => heard.push(skus));
    const skus = Array.from({ length: 1500 }, (_, i) => `SKU-${String(i).padStart(6, '0')}`);
    const payloads = stockPayloads('other', skus);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    await onServer(async (c) => {
      await c.query('SELECT pg_notify($1, $2)', [channelName(schema, 'stock'), stockPayloads('me', ['MINE'])[0]]);
      for (const p of payloads) await c.query('SELECT pg_notify($1, $2)', [channelName(schema, 'stock'), p]);
    });
    await until(
      () => heard.flat().length,
      (n) => n >= skus.length,
      5000,
      'every SKU heard',
    );
    expect(heard.flat()).toEqual(skus);
  });

  it('hears again after its notice connection is cut, and wakes its feed listeners when it is back', async () => {
    const schema = freshSchema();
    const a = await open(schema);
    const warnings: string[] = [];
    const b = await open(schema, { listenRetryMs: { min: 20, max: 200 }, warn: (line) => warnings.push(line) });
    let heardB = 0;
    b.onFeed(() => heardB++);
    const cut = await onServer(async (c) => {
      const r = await c.query(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE application_name = 'packdesk-hub-listen' AND query LIKE $1`,
        // The last LISTEN of each instance on this schema (every channel name ends with it).
        [`LISTEN %_${schema}"`],
      );
      return r.rowCount;
    });
    // Both instances listen on this schema's channels.
    expect(cut).toBe(2);
    await until(
      () => heardB,
      (n) => n >= 1,
      10_000,
      'B back and waking its listeners',
    );
    expect(warnings.some((w) => w.includes('dropped'))).toBe(true);
    const before = heardB;
    await a.tx((t) => t.packers.upsert([{ id: 'P1', name: 'Li', badge: 'B1', role: 'packer' }]));
    await until(
      () => heardB,
      (n) => n > before,
      5000,
      "B hearing A's change after reconnecting",
    );
  });

  it('close waits for the units of work still running, then refuses new ones', async () => {
    const store = await open(freshSchema());
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = store.tx(async (t) => {
      await gate;
      await t.stations.add(station('A'));
      return 'done';
    });
    const closing = store.close();
    release();
    await expect(running).resolves.toBe('done');
    await closing;
    await expect(store.tx((t) => t.stations.list())).rejects.toThrow(/closed/);
  });

  it('refuses a schema name that is not a plain lowercase identifier', async () => {
    await expect(open('Bad-Name')).rejects.toThrow(/store\.schema: expected a lowercase identifier.*"Bad-Name"/);
  });
});
