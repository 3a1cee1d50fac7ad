// `packdesk cloud backup --to FILE`: a consistent copy of a SQLite hub's database while the hub runs
// (SQLite's online backup API through better-sqlite3: pages are copied in steps, writers are not
// blocked, and a page written meanwhile is copied again). A PostgreSQL hub is backed up with pg_dump
// (README "Scaling out"); this command says so rather than copy half of it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { HubConfig } from '../../cloud/config.js';
import { CliError } from './errors.js';

export const CLOUD_BACKUP_USAGE = `  packdesk cloud backup --to FILE [--config FILE] [--data DIR]     copy a SQLite hub's database while it runs
                                                                   (PostgreSQL: pg_dump, README "Scaling out")`;

export async function runBackup(
  argv: string[],
  deps: { loadConfig: (path: string | undefined) => HubConfig; defaultDataDir: () => string },
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { to: { type: 'string' }, config: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  if (!values.to) throw new CliError('backup: --to FILE is required (where the copy goes)');
  const config = deps.loadConfig(values.config);
  if (config.store.kind !== 'sqlite')
    throw new CliError(
      'backup: this hub stores its data in PostgreSQL; back it up with pg_dump (README "Scaling out")',
    );
  const source = resolve(values.data ?? deps.defaultDataDir(), config.store.path ?? 'hub.db');
  if (!existsSync(source)) throw new CliError(`backup: no hub database at ${source} (check --data / store.path)`);
  const target = resolve(values.to);
  if (target === source) throw new CliError('backup: --to names the hub database itself');
  if (existsSync(target)) throw new CliError(`backup: ${target} exists already; give a new file name`);
  // Not readonly: a read-only connection cannot open a WAL database whose -shm file is missing.
  const db = new Database(source, { fileMustExist: true });
  try {
    const done = await db.backup(target);
    out(`backed up ${source} to ${target} (${done.totalPages} pages)`);
  } finally {
    db.close();
  }
}
