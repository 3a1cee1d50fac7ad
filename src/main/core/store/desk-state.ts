// Small key/value rows for what the desk must remember across a crash.
import type { Db } from '../../../base/node/sqlite/open.js';

export class DeskStateStore {
  private readonly getStmt;
  private readonly setStmt;
  private readonly delStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM desk_state WHERE key = ?');
    this.setStmt = db.prepare(
      'INSERT INTO desk_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.delStmt = db.prepare('DELETE FROM desk_state WHERE key = ?');
  }

  get<T>(key: string): T | null {
    const row = this.getStmt.get(key);
    return row ? (JSON.parse(row.value) as T) : null;
  }

  set(key: string, value: unknown): void {
    if (value === null || value === undefined) this.delStmt.run(key);
    else this.setStmt.run(key, JSON.stringify(value));
  }
}
