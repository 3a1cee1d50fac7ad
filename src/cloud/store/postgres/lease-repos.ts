// Leases on background jobs (store/lease-types.ts), as ../sqlite/lease-repos.ts: one upsert takes
// or renews a lease, so "free, expired, or ours" is decided by the database.
import type { LeaseRow, LeasesRepo } from '../lease-types.js';
import type { PgSql } from './sql.js';

type Row = { name: string; holder: string; expires_at: number; since: number; handovers: number };

const map = (r: Row): LeaseRow => ({
  name: r.name,
  holder: r.holder,
  expiresAt: r.expires_at,
  since: r.since,
  handovers: r.handovers,
});

export function leasesRepo(sql: PgSql): LeasesRepo {
  return {
    async acquire(name, holder, now, ttlMs) {
      const changed = await sql.run(
        `INSERT INTO leases (name, holder, expires_at, since, handovers) VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (name) DO UPDATE SET
           since = CASE WHEN leases.holder = excluded.holder THEN leases.since ELSE excluded.since END,
           handovers = leases.handovers + CASE WHEN leases.holder = excluded.holder THEN 0 ELSE 1 END,
           holder = excluded.holder,
           expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`,
        [name, holder, now + ttlMs, now],
      );
      return changed > 0;
    },
    async release(name, holder) {
      await sql.run('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
    releaseAll: (holder) => sql.run('DELETE FROM leases WHERE holder = $1', [holder]),
    async get(name) {
      const r = await sql.row<Row>('SELECT * FROM leases WHERE name = $1', [name]);
      return r && map(r);
    },
    list: async () => (await sql.rows<Row>('SELECT * FROM leases ORDER BY name')).map(map),
  };
}
