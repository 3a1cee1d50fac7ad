// The hub config's `store` section: SQLite by default, PostgreSQL by name, each mistake told in one
// line naming the key; the PostgreSQL URL is a secret like the others (read at start).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSecrets, hubConfigSchema } from '../../../src/cloud/config.js';
import { openHubStore } from '../../../src/cloud/store/open.js';
import { closedPort } from '../../helpers/cli.js';

const issues = (input: unknown) => {
  const r = hubConfigSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('store config', () => {
  it('is SQLite when absent; PostgreSQL gets its defaults', () => {
    expect(hubConfigSchema.parse({}).store).toEqual({ kind: 'sqlite' });
    expect(hubConfigSchema.parse({ store: { kind: 'postgres', url: 'postgres://h/db' } }).store).toEqual({
      kind: 'postgres',
      url: 'postgres://h/db',
      schema: 'public',
      poolSize: 10,
    });
  });

  it('names the key and what it expected', () => {
    expect(issues({ store: { kind: 'mysql' } })).toEqual(['store.kind: expected "sqlite" or "postgres"']);
    expect(issues({ store: { kind: 'postgres', url: 'mysql://h/db' } })).toEqual([
      'store.url: a postgres:// URL, or env:VARIABLE to read it from the environment',
    ]);
    expect(issues({ store: { kind: 'postgres', url: 'env:PG', schema: 'Hub-1' } })).toEqual([
      'store.schema: a lowercase identifier: a letter or _, then up to 62 letters, digits or _',
    ]);
    expect(issues({ store: { kind: 'postgres', url: 'env:PG', poolSize: 0 } })).toHaveLength(1);
    expect(issues({ store: { kind: 'sqlite', url: 'postgres://h/db' } })).toEqual(['store: Unrecognized key: "url"']);
  });

  it('reads an env: URL with the other secrets at start', () => {
    const config = hubConfigSchema.parse({ store: { kind: 'postgres', url: 'env:PACKDESK_PG' } });
    expect(() => checkSecrets(config, {})).toThrow(
      'environment variable PACKDESK_PG is not set (the config says "env:PACKDESK_PG")',
    );
    expect(() => checkSecrets(config, { PACKDESK_PG: 'postgres://h/db' })).not.toThrow();
  });
});

describe('openHubStore on SQLite', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens hub.db in the data dir, or the path the config gives, taken from the data dir', async () => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-store-config-'));
    for (const [store, file] of [
      [undefined, 'hub.db'],
      [{ kind: 'sqlite', path: 'other.db' }, 'other.db'],
    ] as const) {
      const opened = await openHubStore(hubConfigSchema.parse(store ? { store } : {}), dir);
      await opened.tx((t) => t.stations.list());
      await opened.close();
      expect(existsSync(join(dir, file))).toBe(true);
    }
  });
});

describe('openHubStore on PostgreSQL', () => {
  it('says in one line, without the password, that the server cannot be reached', async () => {
    const port = await closedPort();
    const config = hubConfigSchema.parse({ store: { kind: 'postgres', url: 'env:PACKDESK_PG' } });
    process.env.PACKDESK_PG = `postgres://hub:s3cret@127.0.0.1:${port}/packdesk`;
    try {
      const failure = openHubStore(config, tmpdir());
      await expect(failure).rejects.toThrow(
        `PostgreSQL store: cannot connect to 127.0.0.1:${port}/packdesk (ECONNREFUSED`,
      );
      await expect(failure).rejects.toMatchObject({
        name: 'ConfigError',
        message: expect.not.stringContaining('s3cret'),
      });
      process.env.PACKDESK_PG = 'mysql://hub@127.0.0.1/packdesk';
      await expect(openHubStore(config, tmpdir())).rejects.toThrow(
        'store.url: expected a postgres:// URL; env:PACKDESK_PG holds something else',
      );
    } finally {
      delete process.env.PACKDESK_PG;
    }
  });
});
