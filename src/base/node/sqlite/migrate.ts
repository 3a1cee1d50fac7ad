// Ordered, prefix-checked migrations, each in its own transaction (the Actual Budget rule): the list
// already applied to a database must be a prefix of the list this build knows. Anything else means
// the file was written by a newer or a forked build, and we refuse to touch it.
import type Database from 'better-sqlite3';

export interface Migration {
  /** `NNNN_name`; the numeric prefix fixes the order. */
  id: string;
  up(db: Database.Database): void;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function checkMigrationList(known: readonly Migration[]): void {
  known.forEach((m, i) => {
    const prefix = String(i + 1).padStart(4, '0');
    if (!m.id.startsWith(`${prefix}_`)) {
      throw new MigrationError(`migration #${i + 1} is named ${m.id}; expected it to start with ${prefix}_`);
    }
  });
}

export function appliedMigrations(db: Database.Database): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS _migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  return db.prepare('SELECT id FROM _migrations ORDER BY id').pluck().all() as string[];
}

/** Applies what is missing; returns the ids it applied. */
export function migrate(db: Database.Database, known: readonly Migration[], now: () => number = Date.now): string[] {
  checkMigrationList(known);
  const applied = appliedMigrations(db);
  applied.forEach((id, i) => {
    if (known[i]?.id !== id) {
      throw new MigrationError(
        `database has migration ${id} at position ${i + 1}, but this build expects ${known[i]?.id ?? 'nothing there'}; ` +
          'it was written by a different Packdesk version — refusing to migrate',
      );
    }
  });
  const done: string[] = [];
  const record = db.prepare('INSERT INTO _migrations (id, applied_at) VALUES (?, ?)');
  for (const m of known.slice(applied.length)) {
    db.transaction(() => {
      m.up(db);
      record.run(m.id, now());
    })();
    done.push(m.id);
  }
  return done;
}
