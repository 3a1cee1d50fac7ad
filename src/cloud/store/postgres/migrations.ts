// The hub's PostgreSQL schema, in order. Tables, columns and value encodings are those of the SQLite
// schema (JSON as TEXT, epoch ms as BIGINT, 0/1 flags as INTEGER, blobs as BYTEA), so that
// `packdesk cloud migrate` copies rows verbatim and one repository contract fits both.
import type { PgMigration } from './sql.js';
import { coreSchema } from './schema/core.js';
import { opsSchema } from './schema/ops.js';
import { stockSchema } from './schema/stock.js';
import { statsSchema } from './schema/stats.js';
import { leasesSchema } from './schema/leases.js';
import { statsRefsSchema } from './schema/stats-refs.js';
import { statsBlocksSchema } from './schema/stats-blocks.js';

export const pgMigrations: PgMigration[] = [
  coreSchema,
  opsSchema,
  stockSchema,
  statsSchema,
  leasesSchema,
  statsRefsSchema,
  statsBlocksSchema,
];
