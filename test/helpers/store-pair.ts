// Differential testing of the PostgreSQL repositories: the same unit of work on a fresh SQLite store
// and a fresh PostgreSQL schema must give the same answers. Runs only with PACKDESK_TEST_PG_URL.
import pg from 'pg';
import { afterEach, beforeEach, expect } from 'vitest';
import type { HubOrderRow, HubTx } from '../../src/cloud/store/types.js';
import type { Awaitable } from '../../src/cloud/store/awaitable.js';
import { SqliteHubStore } from '../../src/cloud/store/sqlite/store.js';
import { openPgHubStore, type PgHubStore } from '../../src/cloud/store/postgres/store.js';
import { onTestServer, TEST_SCHEMA_PREFIX } from './store.js';

export const PG_URL = process.env.PACKDESK_TEST_PG_URL;

let made = 0;

/** A column as both stores describe it: its name, its kind of value, whether it may be NULL, its place in the key. */
export interface ColumnShape {
  name: string;
  kind: 'integer' | 'text' | 'blob';
  notNull: boolean;
  pk: number;
}

export interface StorePair {
  /** Runs `fn` on both stores, checks their answers are equal, and returns SQLite's. */
  same<T>(what: string, fn: (t: HubTx) => Awaitable<T>): Promise<T>;
  /** The table's columns on each store, by name (empty when the store has no such table). */
  columns(table: string): Promise<{ sqlite: ColumnShape[]; pg: ColumnShape[] }>;
  close(): Promise<void>;
}

const SQLITE_KIND: Record<string, ColumnShape['kind']> = { INTEGER: 'integer', TEXT: 'text', BLOB: 'blob' };
const PG_KIND: Record<string, ColumnShape['kind']> = {
  bigint: 'integer',
  integer: 'integer',
  text: 'text',
  bytea: 'blob',
};
const byName = (a: ColumnShape, b: ColumnShape) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export async function openStorePair(): Promise<StorePair> {
  made += 1;
  const schema = `${TEST_SCHEMA_PREFIX}${process.env.PACKDESK_TEST_PG_RUN ?? 'dev'}_pair_${process.pid}_${made}`;
  const lite = new SqliteHubStore(':memory:');
  let pgStore: PgHubStore;
  try {
    pgStore = await openPgHubStore({ url: PG_URL ?? '', schema });
  } catch (err) {
    await lite.close();
    throw err;
  }
  return {
    async same(what, fn) {
      const want = await lite.tx(fn);
      const got = await pgStore.tx(fn);
      expect(got, what).toStrictEqual(want);
      return want;
    },
    async columns(table) {
      const sqlite = lite.db
        .prepare<[string], { name: string; type: string; notnull: number; pk: number }>(
          'SELECT name, type, "notnull", pk FROM pragma_table_info(?)',
        )
        .all(table)
        .map((c) => ({ name: c.name, kind: SQLITE_KIND[c.type] ?? 'text', notNull: c.notnull === 1, pk: c.pk }));
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string; type: string; nullable: string; pk: number | null }>(
          `SELECT c.column_name AS name, c.data_type AS type, c.is_nullable AS nullable,
                  (SELECT k.ordinal_position FROM information_schema.key_column_usage k
                     JOIN information_schema.table_constraints tc
                       ON tc.constraint_name = k.constraint_name AND tc.table_schema = k.table_schema
                    WHERE tc.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema
                      AND k.table_name = c.table_name AND k.column_name = c.column_name) AS pk
             FROM information_schema.columns c WHERE c.table_schema = $1 AND c.table_name = $2`,
          [schema, table],
        );
        const shaped = rows.map((c) => ({
          name: c.name,
          kind: PG_KIND[c.type] ?? 'text',
          notNull: c.nullable === 'NO',
          pk: c.pk ?? 0,
        }));
        return { sqlite: sqlite.sort(byName), pg: shaped.sort(byName) };
      } finally {
        await client.end();
      }
    },
    async close() {
      await lite.close();
      await pgStore.close();
      await onTestServer([`DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
    },
  };
}

/**
 * A fresh store pair for every test of the calling suite, closed after it: call once inside a
 * `describe`. The answer stands for whichever pair the running test has.
 */
export function storePairPerTest(): StorePair {
  let current: StorePair | undefined;
  beforeEach(async () => {
    current = await openStorePair();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const pair = (): StorePair => {
    if (!current) throw new Error('storePairPerTest: the store pair is open only while a test runs');
    return current;
  };
  return {
    same: (what, fn) => pair().same(what, fn),
    columns: (table) => pair().columns(table),
    close: () => pair().close(),
  };
}

/** An order as the hub keeps it, enough for the repositories that join orders. */
export function orderRow(
  id: string,
  shopId: string | null,
  status: HubOrderRow['status'] = 'open',
): Omit<HubOrderRow, 'version' | 'packedBy' | 'packedAt'> {
  return {
    id,
    channel: 'channels_shop',
    status,
    pickSlip: null,
    recipientName: 'Li Lei',
    recipientPhone: '13800000000',
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' },
    remark: '',
    flags: [],
    holdReason: null,
    valueFen: 1000,
    paidAt: 1_000,
    updatedAt: 1_000,
    lines: [],
    preassigned: null,
    source: 'channels',
    shopId,
    wechatLines: [],
    payment: null,
    contentHash: `hash-${id}`,
  };
}
