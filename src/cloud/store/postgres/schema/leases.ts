import type { PgMigration } from '../sql.js';

// Leases on background jobs, as SQLite's 0019_leases (store/lease-types.ts, workers/lease.ts).
export const leasesSchema: PgMigration = {
  id: '0005_leases',
  sql: `
    CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      expires_at BIGINT NOT NULL,
      since BIGINT NOT NULL,
      handovers INTEGER NOT NULL DEFAULT 0
    );
  `,
};
