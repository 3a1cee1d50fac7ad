// Global setup of the PostgreSQL projects (vitest.config.ts): gives this run an id that every test
// schema carries (test/helpers/store.ts), and drops this run's schemas at the end — those of hubs a
// test restarted on its own data dir, or of a test that failed before closing its hub. Only this
// run's: another run on the same server (a developer's, a second checkout) keeps its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_SCHEMA_PREFIX } from './helpers/store.js';

export default function setup(): () => Promise<void> {
  const run = process.env.PACKDESK_TEST_PG_RUN ?? randomBytes(4).toString('hex');
  // Workers and the hub processes they start inherit the environment of this process.
  process.env.PACKDESK_TEST_PG_RUN = run;
  return async () => {
    const client = new pg.Client({ connectionString: process.env.PACKDESK_TEST_PG_URL });
    await client.connect();
    try {
      const left = await client.query<{ name: string }>(
        'SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)',
        [`${TEST_SCHEMA_PREFIX}${run}_`],
      );
      // One schema per statement: a single transaction over all of them could run out of lock slots.
      for (const { name } of left.rows) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    } finally {
      await client.end();
    }
  };
}
