// The PostgreSQL schema runner: the SQLite rule (src/base/node/sqlite/migrate.ts) on a server shared
// by several hub instances. The list applied to a schema must be a prefix of the list this build
// knows; each step runs in its own transaction; the whole run holds a session advisory lock, so two
// instances starting together do not both migrate (the second waits, then finds nothing to do).
import type pg from 'pg';
import { MigrationError } from '../../../base/node/sqlite/migrate.js';
import type { PgMigration } from './sql.js';

export { MigrationError };

/** The ids must be `0001_…`, `0002_…`, … in order: a gap or a swap is a mistake in this build. */
export function checkPgMigrationList(known: readonly PgMigration[]): void {
  known.forEach((m, i) => {
    const prefix = String(i + 1).padStart(4, '0');
    if (!m.id.startsWith(`${prefix}_`))
      throw new MigrationError(`PostgreSQL migration #${i + 1} is named ${m.id}; expected it to start with ${prefix}_`);
  });
}

export interface PgMigrateOptions {
  /** The schema to create (if missing) and migrate; the client's search_path must point at it. */
  schema: string;
  /** The advisory lock key that serialises migration runs on this schema across instances. */
  lockKey: string;
  now: () => number;
}

/** Applies what is missing; returns the ids it applied. */
export async function migratePg(
  client: pg.ClientBase,
  known: readonly PgMigration[],
  opts: PgMigrateOptions,
): Promise<string[]> {
  checkPgMigrationList(known);
  await client.query('SELECT pg_advisory_lock($1::bigint)', [opts.lockKey]);
  try {
    // Under the lock: two instances creating the same schema at once would otherwise collide.
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${opts.schema}"._migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`,
    );
    const applied = (
      await client.query<{ id: string }>(`SELECT id FROM "${opts.schema}"._migrations ORDER BY id`)
    ).rows.map((r) => r.id);
    applied.forEach((id, i) => {
      if (known[i]?.id !== id)
        throw new MigrationError(
          `PostgreSQL schema "${opts.schema}" has migration ${id} at position ${i + 1}, but this build expects ` +
            `${known[i]?.id ?? 'nothing there'}; it was written by a different Packdesk version — refusing to migrate`,
        );
    });
    const done: string[] = [];
    for (const m of known.slice(applied.length)) {
      await client.query('BEGIN');
      try {
        // A placeholder step (empty sql) is recorded like any other, so the list stays a prefix.
        if (m.sql.trim() !== '') await client.query(m.sql);
        await client.query(`INSERT INTO "${opts.schema}"._migrations (id, applied_at) VALUES ($1, $2)`, [
          m.id,
          opts.now(),
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      done.push(m.id);
    }
    return done;
  } finally {
    // A broken connection cannot unlock, but the server drops a session's locks with it.
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [opts.lockKey]).catch(() => undefined);
  }
}
