// Scratch schemas on a PostgreSQL server (the intake bench's hubs): removed with everything in them
// once the run is over.
import pg from 'pg';
import { checkSchemaName } from '../postgres/names.js';

export async function dropPgSchema(url: string, schema: string): Promise<void> {
  checkSchemaName(schema);
  const client = new pg.Client({ connectionString: url, application_name: 'packdesk-bench' });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
