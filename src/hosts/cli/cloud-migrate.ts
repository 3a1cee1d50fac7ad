// `packdesk cloud migrate --from sqlite:PATH --to postgres:URL`: moves a stopped hub's data from its
// SQLite file to PostgreSQL (README: Scaling out). Resumable; prints a per-table check and exits 0
// only when every table's row count and checksum match. Every failure is one line.
import { parseArgs } from 'node:util';
import { resolveSecret } from '../../cloud/config.js';
import { copyHub, CopyRefused, type TableCheck } from '../../cloud/store/copy/copy-hub.js';
import { PgTarget } from '../../cloud/store/copy/pg-target.js';
import { SqliteSource } from '../../cloud/store/copy/sqlite-source.js';
import { CliError } from './errors.js';

export const CLOUD_MIGRATE_USAGE = `  packdesk cloud migrate --from sqlite:PATH --to postgres:URL [--schema NAME] [--batch N]
                                                                   copy a stopped hub's SQLite data to PostgreSQL
                                                                   (resumable; verified by counts and checksums)`;

const BATCH_BYTES = 16 * 1024 * 1024;

export async function runMigrate(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      schema: { type: 'string', default: 'public' },
      batch: { type: 'string', default: '1000' },
    },
    strict: true,
  });
  if (!values.from?.startsWith('sqlite:') || values.from.length === 'sqlite:'.length)
    throw new CliError(`--from: expected sqlite:PATH (the hub's hub.db), got "${values.from ?? ''}"`);
  if (!values.to?.startsWith('postgres:') || values.to.length === 'postgres:'.length)
    throw new CliError(`--to: expected postgres:URL (postgres://… or env:NAME), got "${values.to ?? ''}"`);
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 50_000)
    throw new CliError(`--batch: expected a whole number of rows from 1 to 50000, got "${values.batch}"`);
  const path = values.from.slice('sqlite:'.length);
  const url = resolveSecret(values.to.slice('postgres:'.length));

  let source: SqliteSource;
  try {
    source = new SqliteSource(path);
  } catch (err) {
    throw new CliError(`--from: cannot open ${path} (${oneLine(err)})`);
  }
  let target: PgTarget | undefined;
  try {
    target = await PgTarget.open(url, values.schema, Date.now).catch((err: unknown) => {
      throw new CliError(`--to: cannot prepare PostgreSQL schema "${values.schema}" (${oneLine(err)})`);
    });
    let shown = '';
    const checks = await copyHub(source, target, {
      batchRows: batch,
      batchBytes: BATCH_BYTES,
      onBatch: (table, copied) => {
        // One line per table, then a line per 100 batches: enough to see it move.
        if (table !== shown || copied % (batch * 100) < batch) out(`copying ${table}: ${copied} rows`);
        shown = table;
      },
    });
    for (const line of checkTable(checks)) out(line);
    const bad = checks.filter((c) => !c.ok);
    if (bad.length > 0)
      throw new CliError(`verification failed for ${bad.map((c) => c.table).join(', ')}: the target differs`);
    out(`all ${checks.length} tables match`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(err instanceof CopyRefused ? err.message : `migrate: ${oneLine(err)}`);
  } finally {
    source.close();
    await target?.close().catch(() => undefined);
  }
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

function checkTable(checks: TableCheck[]): string[] {
  const width = Math.max(5, ...checks.map((c) => c.table.length));
  const head = `${'table'.padEnd(width)}  ${'source'.padStart(9)}  ${'target'.padStart(9)}  ${'checksum'.padEnd(16)}  result`;
  return [
    head,
    ...checks.map(
      (c) =>
        `${c.table.padEnd(width)}  ${String(c.sourceRows).padStart(9)}  ${String(c.targetRows).padStart(9)}  ` +
        `${c.sourceSum}  ${c.ok ? 'ok' : `DIFFERS (target ${c.targetSum})`}`,
    ),
  ];
}
