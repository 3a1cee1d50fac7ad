// Opens a station or hub database: WAL, NORMAL sync (durable across process crashes; an OS crash may
// lose the last transactions, never corrupt), foreign keys on, then migrations.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from './migrate.js';

export type Db = Database.Database;

/** The file cannot be opened as this database: named, with the reason, for one clear line. */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

function opened(file: string): Db {
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new DatabaseFileError(file, `cannot create its folder ${dirname(file)} (${e.code ?? e.message})`);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new DatabaseFileError(file, 'is not a Packdesk database (move it away, or give another --data folder)');
    throw err;
  }
  return db;
}

export function openDatabase(file: string, migrations: readonly Migration[]): Db {
  const db = opened(file);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}
