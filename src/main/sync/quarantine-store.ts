// Rows of a pull set aside (migration 0006_sync_quarantine). Writers run inside the pull's desk
// transaction, so a quarantine commits with the rest of the page and the cursor that consumed it.
import type { Db } from '../../base/node/sqlite/open.js';
import type { QuarantineKind } from '../../contract/events.js';

/** A row this large is recorded without its text: it cannot be tried again, only fixed at the hub. */
const MAX_KEPT_ROW = 64 * 1024;

export interface QuarantinedRow {
  id: string;
  kind: QuarantineKind;
  ref: string;
  cursor: number;
  reason: string;
  /** The row as it came (JSON), or null when it was too large to keep. */
  row: string | null;
  at: number;
  resolvedAt: number | null;
}

export class QuarantineStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      add: db.prepare(
        'INSERT INTO sync_quarantine (id, kind, ref, cursor, reason, row, at) VALUES (@id, @kind, @ref, @cursor, @reason, @row, @at)',
      ),
      resolve: db.prepare(
        'UPDATE sync_quarantine SET resolved_at = ? WHERE kind = ? AND ref = ? AND resolved_at IS NULL',
      ),
      resolveOne: db.prepare('UPDATE sync_quarantine SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL'),
      list: db.prepare<[number], QuarantinedRow>(
        `SELECT id, kind, ref, cursor, reason, row, at, resolved_at AS resolvedAt FROM sync_quarantine
         WHERE resolved_at IS NULL ORDER BY at DESC, rowid DESC LIMIT ?`,
      ),
      openOfKind: db.prepare<[string], QuarantinedRow>(
        `SELECT id, kind, ref, cursor, reason, row, at, resolved_at AS resolvedAt FROM sync_quarantine
         WHERE kind = ? AND resolved_at IS NULL AND row IS NOT NULL ORDER BY rowid`,
      ),
      count: db.prepare<[], number>('SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL').pluck(),
    };
  }

  add(q: Omit<QuarantinedRow, 'row' | 'resolvedAt'> & { row: unknown }): void {
    // It came as JSON, so it writes as JSON again (undefined only for a row that was not there).
    const text = JSON.stringify(q.row) as string | undefined;
    this.s.add.run({ ...q, row: text !== undefined && text.length <= MAX_KEPT_ROW ? text : null });
  }

  /** A later copy of the row applied: what was set aside for it is settled. */
  resolve(kind: QuarantineKind, ref: string, at: number): number {
    return this.s.resolve.run(at, kind, ref).changes;
  }

  resolveOne(id: string, at: number): void {
    this.s.resolveOne.run(at, id);
  }

  /** Unresolved, newest first (the supervisor's list). */
  open(limit = 100): QuarantinedRow[] {
    return this.s.list.all(limit);
  }

  /** Unresolved rows of a kind that can be tried again, oldest first. */
  retryable(kind: QuarantineKind): QuarantinedRow[] {
    return this.s.openOfKind.all(kind);
  }

  openCount(): number {
    return this.s.count.get() as number;
  }
}
