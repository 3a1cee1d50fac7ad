// The PostgreSQL side of `packdesk cloud migrate`: the hub schema (made by the store's own
// migrations), a progress table so an interrupted copy resumes where it stopped, batches written
// together with their progress in one transaction (so a kill mid-batch leaves neither), rows read
// back for the checksum, and identity sequences moved past the copied ids.
import pg from 'pg';
import { pgMigrations } from '../postgres/migrations.js';
import { migratePg } from '../postgres/migrate.js';
import { checkSchemaName, lockKey } from '../postgres/names.js';
import { quoteId, type SourceTable } from './sqlite-source.js';

const OID_INT8 = 20;
const OID_NUMERIC = 1700;
/** PostgreSQL's limit on parameters in one statement. */
const MAX_PARAMS = 65_535;
const PROGRESS = '_migrate_progress';

export interface TableProgress {
  /** The key of the last copied row (JSON), null before the first batch. */
  lastKey: unknown[] | null;
  copied: number;
  done: boolean;
}

export class PgTarget {
  private constructor(
    private readonly client: pg.Client,
    readonly schema: string,
  ) {}

  /** Connects, creates or upgrades the hub schema with the store's migrations, and the progress table. */
  static async open(url: string, schema: string, now: () => number): Promise<PgTarget> {
    checkSchemaName(schema);
    const types = new pg.TypeOverrides();
    types.setTypeParser(OID_INT8, Number);
    types.setTypeParser(OID_NUMERIC, Number);
    const client = new pg.Client({
      connectionString: url,
      application_name: 'packdesk-migrate',
      types,
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      await migratePg(client, pgMigrations, { schema, lockKey: lockKey(schema, 'migrate'), now });
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${PROGRESS} (table_name TEXT PRIMARY KEY, last_key TEXT,
           copied BIGINT NOT NULL, done INTEGER NOT NULL)`,
      );
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    return new PgTarget(client, schema);
  }

  /** The table's columns, or null when the schema has no such table. */
  async columns(table: string): Promise<Set<string> | null> {
    const rows = await this.client.query<{ column_name: string }>(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
      [this.schema, table],
    );
    return rows.rows.length === 0 ? null : new Set(rows.rows.map((r) => r.column_name));
  }

  async progress(table: string): Promise<TableProgress> {
    const r = await this.client.query<{ last_key: string | null; copied: number; done: number }>(
      `SELECT last_key, copied, done FROM ${PROGRESS} WHERE table_name = $1`,
      [table],
    );
    const row = r.rows[0];
    if (!row) return { lastKey: null, copied: 0, done: false };
    return {
      lastKey: row.last_key === null ? null : (JSON.parse(row.last_key) as unknown[]),
      copied: row.copied,
      done: row.done === 1,
    };
  }

  /** The largest batch one INSERT can carry for this many columns. */
  static maxRows(columns: number): number {
    return Math.floor(MAX_PARAMS / columns);
  }

  /**
   * Writes the rows and the new progress in one transaction. Rows whose key the target has already
   * (a row its own migrations seeded) take the source's values, so a rerun never duplicates.
   */
  async writeBatch(t: SourceTable, rows: unknown[][], progress: TableProgress): Promise<void> {
    await this.client.query('BEGIN');
    try {
      if (rows.length > 0) await this.client.query(insertSql(t, rows.length), rows.flat());
      await this.client.query(
        `INSERT INTO ${PROGRESS} (table_name, last_key, copied, done) VALUES ($1, $2, $3, $4)
         ON CONFLICT (table_name) DO UPDATE SET last_key = EXCLUDED.last_key, copied = EXCLUDED.copied, done = EXCLUDED.done`,
        [
          t.name,
          progress.lastKey === null ? null : JSON.stringify(progress.lastKey),
          progress.copied,
          progress.done ? 1 : 0,
        ],
      );
      await this.client.query('COMMIT');
    } catch (err) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  /** Every row (the given columns, in that order), a batch at a time, in no particular order. */
  async *rows(table: string, columns: readonly string[], batchRows: number): AsyncGenerator<unknown[]> {
    await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await this.client.query({
        text: `DECLARE migrate_rows NO SCROLL CURSOR FOR SELECT ${columns.map(quoteId).join(', ')} FROM ${quoteId(table)}`,
      });
      for (;;) {
        const r = await this.client.query<unknown[]>({
          text: `FETCH ${batchRows} FROM migrate_rows`,
          rowMode: 'array',
        });
        yield* r.rows;
        if (r.rows.length < batchRows) break;
      }
    } finally {
      await this.client.query('COMMIT').catch(() => undefined);
    }
  }

  /** Moves each identity (or serial) column's sequence past the largest value copied into it. */
  async advanceIdentities(table: string): Promise<void> {
    const cols = await this.client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = $2 AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
      [this.schema, table],
    );
    for (const { column_name: col } of cols.rows)
      await this.client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quoteId(col)}), 0) + 1, false) FROM ${quoteId(table)}`,
        [`${quoteId(this.schema)}.${quoteId(table)}`, col],
      );
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

function insertSql(t: SourceTable, rows: number): string {
  const n = t.columns.length;
  const values = Array.from(
    { length: rows },
    (_, r) => `(${t.columns.map((_c, c) => `$${r * n + c + 1}`).join(', ')})`,
  ).join(', ');
  const rest = t.columns.filter((c) => !t.key.includes(c));
  const onConflict =
    rest.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${rest.map((c) => `${quoteId(c)} = EXCLUDED.${quoteId(c)}`).join(', ')}`;
  // OVERRIDING SYSTEM VALUE: ids copied as they are, also into GENERATED ALWAYS identity columns.
  return `INSERT INTO ${quoteId(t.name)} (${t.columns.map(quoteId).join(', ')}) OVERRIDING SYSTEM VALUE
          VALUES ${values} ON CONFLICT (${t.key.map(quoteId).join(', ')}) ${onConflict}`;
}
