// The SQLite side of `packdesk cloud migrate`: the hub's tables, their columns and keys, read in
// primary-key order a batch at a time. Opened read-only: the source is never changed.
import Database from 'better-sqlite3';

type Db = Database.Database;

export interface SourceTable {
  name: string;
  /** Copied columns in order; `rowid` first for a table without a primary key (PostgreSQL names it). */
  columns: string[];
  /** The primary key (or `rowid`): the copy order and the resume point. */
  key: string[];
}

/**
 * Bookkeeping of SQLite and of the hub's migration runner, not hub data; and the cells' block
 * revisions, which PostgreSQL's triggers write as the cells are copied (store/stats-blocks-ddl.ts).
 */
const NOT_COPIED = /^(sqlite_|_migrations$|stats_blocks$)/;

export const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export class SqliteSource {
  private readonly db: Db;

  constructor(path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
  }

  tables(): SourceTable[] {
    const names = this.db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name)
      .filter((n) => !NOT_COPIED.test(n));
    return this.referencedFirst(names).map((name) => {
      const cols = this.db
        .prepare<[string], { name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?)')
        .all(name);
      const key = cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const columns = cols.map((c) => c.name);
      return key.length > 0 ? { name, columns, key } : { name, columns: ['rowid', ...columns], key: ['rowid'] };
    });
  }

  /**
   * Name order, except that a table comes after the tables its foreign keys reference (dispute_stills
   * after disputes): PostgreSQL checks those references as each batch commits.
   */
  private referencedFirst(names: string[]): string[] {
    const refs = this.db.prepare<[string], { table: string }>('SELECT "table" FROM pragma_foreign_key_list(?)');
    const ordered: string[] = [];
    const visit = (name: string, path: Set<string>) => {
      if (ordered.includes(name) || path.has(name)) return;
      path.add(name);
      for (const r of refs.all(name)) if (names.includes(r.table) && r.table !== name) visit(r.table, path);
      ordered.push(name);
    };
    for (const n of names) visit(n, new Set());
    return ordered;
  }

  /**
   * The next rows after `after` (a key, or null from the start) in key order: at most `maxRows`,
   * and no more once `maxBytes` of text and blobs are gathered (video rows carry blobs).
   */
  batch(t: SourceTable, after: unknown[] | null, maxRows: number, maxBytes: number): unknown[][] {
    const keyList = t.key.map(quoteId).join(', ');
    const where = after ? `WHERE (${keyList}) > (${t.key.map(() => '?').join(', ')})` : '';
    const stmt = this.db
      .prepare(
        `SELECT ${t.columns.map(quoteId).join(', ')} FROM ${quoteId(t.name)} ${where} ORDER BY ${keyList} LIMIT ?`,
      )
      .raw(true);
    const rows: unknown[][] = [];
    let bytes = 0;
    for (const row of stmt.iterate(...(after ?? []), maxRows) as IterableIterator<unknown[]>) {
      rows.push(row);
      for (const v of row) bytes += typeof v === 'string' || Buffer.isBuffer(v) ? v.length : 8;
      if (bytes >= maxBytes) break;
    }
    return rows;
  }

  /** The row of this key, in column order, or undefined. */
  row(t: SourceTable, key: readonly unknown[]): unknown[] | undefined {
    return this.db
      .prepare(
        `SELECT ${t.columns.map(quoteId).join(', ')} FROM ${quoteId(t.name)}
         WHERE ${t.key.map((k) => `${quoteId(k)} = ?`).join(' AND ')}`,
      )
      .raw(true)
      .get(...key) as unknown[] | undefined;
  }

  /** Every row, a batch at a time, in key order. */
  *rows(t: SourceTable, batchRows: number): Generator<unknown[]> {
    const keyAt = t.key.map((k) => t.columns.indexOf(k));
    let after: unknown[] | null = null;
    for (;;) {
      const rows = this.batch(t, after, batchRows, Number.POSITIVE_INFINITY);
      yield* rows;
      const last = rows.at(-1);
      if (!last || rows.length < batchRows) return;
      after = keyAt.map((i) => last[i]);
    }
  }

  close(): void {
    this.db.close();
  }
}
