// Leases on background jobs (store/lease-types.ts). One statement takes or renews a lease, so the
// rule "free, expired, or ours" is decided by the database, not by a read and a write.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { LeaseRow, LeasesRepo } from '../lease-types.js';

type Row = { name: string; holder: string; expires_at: number; since: number; handovers: number };

const map = (r: Row): LeaseRow => ({
  name: r.name,
  holder: r.holder,
  expiresAt: r.expires_at,
  since: r.since,
  handovers: r.handovers,
});

export function leasesRepo(db: Db): LeasesRepo {
  // The WHERE of the upsert keeps another holder's running lease; `since` and `handovers` move only
  // when the holder changes.
  const take = db.prepare(
    `INSERT INTO leases (name, holder, expires_at, since, handovers) VALUES (@name, @holder, @expires, @now, 0)
     ON CONFLICT (name) DO UPDATE SET
       since = CASE WHEN leases.holder = excluded.holder THEN leases.since ELSE excluded.since END,
       handovers = leases.handovers + (leases.holder <> excluded.holder),
       holder = excluded.holder,
       expires_at = excluded.expires_at
     WHERE leases.holder = excluded.holder OR leases.expires_at <= @now`,
  );
  const drop = db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
  const dropAll = db.prepare('DELETE FROM leases WHERE holder = ?');
  const one = db.prepare<[string], Row>('SELECT * FROM leases WHERE name = ?');
  const all = db.prepare<[], Row>('SELECT * FROM leases ORDER BY name');
  return {
    acquire: (name, holder, now, ttlMs) => take.run({ name, holder, now, expires: now + ttlMs }).changes > 0,
    release(name, holder) {
      drop.run(name, holder);
    },
    releaseAll: (holder) => dropAll.run(holder).changes,
    get(name) {
      const r = one.get(name);
      return r && map(r);
    },
    list: () => all.all().map(map),
  };
}
