// The station's own layout history (U-shaped, straight, island): a row each time the configured
// layout changes, by the station's clock. Statistics at the desk credit work to the layout in force
// then, and the hub is told since when the current layout holds (it may have changed offline).
import type { Layout } from '../../contract/entities.js';
import type { Db } from '../../base/node/sqlite/open.js';

export interface LayoutRow {
  layout: Layout;
  from: number;
}

export function layoutHistory(db: Db): LayoutRow[] {
  return db
    .prepare('SELECT layout, from_at AS "from" FROM layout_history ORDER BY from_at, rowid')
    .all() as LayoutRow[];
}

/** Records `layout` from `at` unless it is the layout in force already. */
export function recordLayout(db: Db, layout: Layout, at: number): void {
  const latest = db
    .prepare('SELECT layout FROM layout_history ORDER BY from_at DESC, rowid DESC LIMIT 1')
    .pluck()
    .get() as Layout | undefined;
  if (latest !== layout) db.prepare('INSERT INTO layout_history (layout, from_at) VALUES (?, ?)').run(layout, at);
}

/** Since when the current layout holds; null before anything was recorded. */
export function layoutSince(db: Db): number | null {
  return (
    (db.prepare('SELECT from_at FROM layout_history ORDER BY from_at DESC, rowid DESC LIMIT 1').pluck().get() as
      number | undefined) ?? null
  );
}
