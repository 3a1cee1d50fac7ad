// The hub's `store` config section: where the hub keeps its data. SQLite (one file, one hub process)
// is the default; PostgreSQL lets several hub instances share one database (README "PostgreSQL store").
import { z } from 'zod';
import { SCHEMA_NAME } from './store/postgres/names.js';

const sqliteStore = z
  .object({
    kind: z.literal('sqlite'),
    /** The database file; default <dataDir>/hub.db. A relative path is taken from the data dir. */
    path: z.string().min(1, 'a file path').optional(),
  })
  .strict();

const postgresStore = z
  .object({
    kind: z.literal('postgres'),
    /** postgres://user:password@host:port/database; "env:NAME" reads it from the environment (it holds a password). */
    url: z
      .string()
      .regex(/^(env:.+|postgres(ql)?:\/\/.+)$/, 'a postgres:// URL, or env:VARIABLE to read it from the environment'),
    /** The schema holding the hub's tables (created if missing). */
    schema: z
      .string()
      .regex(SCHEMA_NAME, 'a lowercase identifier: a letter or _, then up to 62 letters, digits or _')
      .default('public'),
    /** Connections each hub instance keeps open. */
    poolSize: z.number().int().min(1).max(100).default(10),
  })
  .strict();

export const storeConfig = z
  .discriminatedUnion('kind', [sqliteStore, postgresStore], { error: 'expected "sqlite" or "postgres"' })
  .prefault({ kind: 'sqlite' });

export type StoreConfig = z.output<typeof storeConfig>;
