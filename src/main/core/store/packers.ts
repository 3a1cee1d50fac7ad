import type { Db } from '../../../base/node/sqlite/open.js';
import type { Packer } from '../../../contract/entities.js';

export class PackerStore {
  private readonly byBadge;
  private readonly byId;
  private readonly upsertStmt;
  private readonly allStmt;

  constructor(private readonly db: Db) {
    this.byBadge = db.prepare<[string], Packer>(
      'SELECT id, name, badge, role FROM packers WHERE badge = ? COLLATE NOCASE AND active = 1',
    );
    this.byId = db.prepare<[string], Packer>('SELECT id, name, badge, role FROM packers WHERE id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO packers (id, name, badge, role) VALUES (@id, @name, @badge, @role)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, badge = excluded.badge, role = excluded.role, active = 1`,
    );
    this.allStmt = db.prepare<[], Packer>(
      'SELECT id, name, badge, role FROM packers WHERE active = 1 ORDER BY role DESC, id',
    );
  }

  findByBadge(badge: string): Packer | undefined {
    return this.byBadge.get(badge);
  }

  get(id: string): Packer | undefined {
    return this.byId.get(id);
  }

  upsert(packers: readonly Packer[]): void {
    this.db.transaction(() => {
      for (const p of packers) this.upsertStmt.run(p);
    })();
  }

  all(): Packer[] {
    return this.allStmt.all();
  }
}
