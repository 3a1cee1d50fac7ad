// The tables of a test hub's store, reached directly, past every door of the hub: for tests that must
// leave rows an older hub or a bad migration could have left, or that read a table to say why they
// failed. The same statements run on either store (the tables and columns are the same); `?` marks
// a parameter on both.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { testSchema, testStoreKind } from './store.js';

export interface HubTables {
  run(sql: string, params?: unknown[]): Promise<void>;
  get<R>(sql: string, params?: unknown[]): Promise<R | undefined>;
  all<R>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** `?` → `$1, $2, …` (the statements tests write have no `?` inside quotes). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The tables of the hub whose data dir is `hubData`, on the store under test. */
export async function openHubTables(hubData: string): Promise<HubTables> {
  if (testStoreKind() === 'sqlite') {
    const db = new Database(join(hubData, 'hub.db'));
    return {
      run: async (sql, params = []) => void db.prepare(sql).run(...params),
      get: async <R>(sql: string, params: unknown[] = []) => db.prepare(sql).get(...params) as R | undefined,
      all: async <R>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as R[],
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({
    connectionString: process.env.PACKDESK_TEST_PG_URL,
    options: `-c search_path=${testSchema(hubData)}`,
  });
  await client.connect();
  const rows = async <R>(sql: string, params: unknown[] = []) =>
    (await client.query(numbered(sql), params)).rows as R[];
  return {
    run: async (sql, params) => void (await rows(sql, params)),
    get: async <R>(sql: string, params?: unknown[]) => (await rows<R>(sql, params))[0],
    all: rows,
    close: () => client.end(),
  };
}
