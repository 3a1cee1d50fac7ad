// `packdesk cloud migrate`: every hub table from SQLite to PostgreSQL, table by table in primary-key
// order, in batches whose progress is committed with them — so a copy killed at any point resumes
// where it stopped and never writes a row twice — then verified per table by row count and checksum.
// The hub must be stopped while it runs: rows written to the source meanwhile would be missed.
import { TableChecksum } from './checksum.js';
import type { Awaitable } from '../awaitable.js';
import { PgTarget } from './pg-target.js';
import type { SourceTable, SqliteSource } from './sqlite-source.js';

export interface CopyOptions {
  /** Rows per batch (and per target transaction); fewer when the columns would pass PostgreSQL's parameter limit. */
  batchRows: number;
  /** A batch also ends once this much text and blob data is gathered. */
  batchBytes: number;
  /** After each committed batch (the CLI's progress line; tests interrupt here). */
  onBatch?: (table: string, copied: number) => Awaitable<void>;
}

export interface TableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceSum: string;
  targetSum: string;
  ok: boolean;
}

/** A target this copy must not write to, or a schema that does not fit the source: one line for the user. */
export class CopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefused';
  }
}

export async function copyHub(source: SqliteSource, target: PgTarget, opts: CopyOptions): Promise<TableCheck[]> {
  const tables: SourceTable[] = [];
  for (const t of source.tables()) tables.push(await fitted(t, target));
  // Before writing anything: a target holding rows the source lacks belongs to something else.
  for (const t of tables) await refuseForeignRows(source, target, t, opts.batchRows);
  for (const t of tables) await copyTable(source, target, t, opts);
  const checks: TableCheck[] = [];
  for (const t of tables) checks.push(await verifyTable(source, target, t, opts.batchRows));
  return checks;
}

/**
 * The table as copied: where the PostgreSQL twin has an explicit `rowid` column (the repositories
 * break ties by SQLite's implicit rowid), SQLite's rowid is copied into it, so the order survives.
 * Refuses a schema that does not fit the source.
 */
async function fitted(t: SourceTable, target: PgTarget): Promise<SourceTable> {
  const columns = await target.columns(t.name);
  if (!columns)
    throw new CopyRefused(
      `table ${t.name}: the PostgreSQL schema has no such table (is this build older than the hub?)`,
    );
  const missing = t.columns.filter((c) => !columns.has(c));
  if (missing.length > 0)
    throw new CopyRefused(`table ${t.name}: the PostgreSQL table lacks column(s) ${missing.join(', ')}`);
  return columns.has('rowid') && !t.columns.includes('rowid') ? { ...t, columns: ['rowid', ...t.columns] } : t;
}

async function refuseForeignRows(source: SqliteSource, target: PgTarget, t: SourceTable, batchRows: number) {
  for await (const key of target.rows(t.name, t.key, batchRows))
    if (!source.row(t, key))
      throw new CopyRefused(
        `table ${t.name}: the target has a row the source lacks (${t.key.join(', ')} = ${JSON.stringify(key)}); ` +
          'migrate into an empty schema, or one this command filled from this source',
      );
}

async function copyTable(source: SqliteSource, target: PgTarget, t: SourceTable, opts: CopyOptions): Promise<void> {
  let progress = await target.progress(t.name);
  const batchRows = Math.min(opts.batchRows, PgTarget.maxRows(t.columns.length));
  const keyAt = t.key.map((k) => t.columns.indexOf(k));
  while (!progress.done) {
    const rows = source.batch(t, progress.lastKey, batchRows, opts.batchBytes);
    const last = rows.at(-1);
    progress = {
      lastKey: last ? keyAt.map((i) => last[i]) : progress.lastKey,
      copied: progress.copied + rows.length,
      done: rows.length === 0,
    };
    await target.writeBatch(t, rows, progress);
    if (rows.length > 0) await opts.onBatch?.(t.name, progress.copied);
  }
  await target.advanceIdentities(t.name);
}

async function verifyTable(source: SqliteSource, target: PgTarget, t: SourceTable, batchRows: number) {
  const src = new TableChecksum();
  for (const row of source.rows(t, batchRows)) src.add(row);
  const dst = new TableChecksum();
  for await (const row of target.rows(t.name, t.columns, batchRows)) dst.add(row);
  const sourceSum = src.digest();
  const targetSum = dst.digest();
  return {
    table: t.name,
    sourceRows: src.rows,
    targetRows: dst.rows,
    sourceSum,
    targetSum,
    ok: src.rows === dst.rows && sourceSum === targetSum,
  };
}
