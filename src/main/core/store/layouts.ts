// The station's own layout history (U-shaped, straight, island): a row each time the configured
// layout changes, by the station's clock. Statistics at the desk credit work to the layout in force
// then, and the hub is told since when the current layout holds (it may have changed offline).
import type { Layout } from '../../../contract/entities.js';
import type { Db } from '../../../base/node/sqlite/open.js';

export interface LayoutRow {
  layout: Layout;
  from: number;
}

export class LayoutStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      history: db.prepare<[], LayoutRow>(
        'SELECT layout, from_at AS "from" FROM layout_history ORDER BY from_at, rowid',
      ),
      latest: db.prepare<[], LayoutRow>(
        'SELECT layout, from_at AS "from" FROM layout_history ORDER BY from_at DESC, rowid DESC LIMIT 1',
      ),
      insert: db.prepare('INSERT INTO layout_history (layout, from_at) VALUES (?, ?)'),
    };
  }

  history(): LayoutRow[] {
    return this.s.history.all();
  }

  /** Records `layout` from `at` unless it is the layout in force already. */
  record(layout: Layout, at: number): void {
    if (this.s.latest.get()?.layout !== layout) this.s.insert.run(layout, at);
  }

  /** Since when the current layout holds; null before anything was recorded. */
  since(): number | null {
    return this.s.latest.get()?.from ?? null;
  }
}
