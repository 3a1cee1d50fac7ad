// `packdesk cloud backup`: a consistent copy of a running SQLite hub's database; a PostgreSQL hub is
// sent to pg_dump.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../../../src/cloud/config.js';
import { SqliteHubStore } from '../../../src/cloud/store/sqlite/store.js';
import { runBackup } from '../../../src/hosts/cli/cloud-backup.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const deps = (dataDir: string, config: Record<string, unknown> = {}) => ({
  loadConfig: () => hubConfigSchema.parse(config),
  defaultDataDir: () => dataDir,
});

describe('packdesk cloud backup', () => {
  it('copies the hub database while the hub holds it open, with what it committed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-backup-'));
    const store = new SqliteHubStore(join(dir, 'hub.db'));
    try {
      await store.tx((t) => t.settings.set('routing.note', { kept: 'in the copy' }));
      const lines: string[] = [];
      await runBackup(['--to', join(dir, 'copy.db')], deps(dir), (l) => lines.push(l));
      expect(lines[0]).toMatch(/^backed up .*hub\.db to .*copy\.db \(\d+ pages\)$/);
    } finally {
      await store.close();
    }
    const copy = new SqliteHubStore(join(dir, 'copy.db'));
    try {
      expect(await copy.tx((t) => t.settings.get('routing.note'))).toEqual({ kept: 'in the copy' });
    } finally {
      await copy.close();
    }
  });

  it('refuses a missing --to, a missing database, the database itself as target, and a PostgreSQL hub, each in one line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-backup-'));
    await expect(runBackup([], deps(dir))).rejects.toThrow('backup: --to FILE is required');
    await expect(runBackup(['--to', join(dir, 'x.db')], deps(dir))).rejects.toThrow(/no hub database at .*hub\.db/);
    const store = new SqliteHubStore(join(dir, 'hub.db'));
    await store.close();
    await expect(runBackup(['--to', join(dir, 'hub.db')], deps(dir))).rejects.toThrow('names the hub database itself');
    const pg = { store: { kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/db' } };
    await expect(runBackup(['--to', join(dir, 'x.db')], deps(dir, pg))).rejects.toThrow(/pg_dump/);
  });
});
