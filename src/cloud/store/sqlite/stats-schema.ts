// Migration 0018: the statistics cells (store/stats-cells-types.ts). Existing events are folded in
// by the rebuild the hub runs at its first start with them (services/stats-rebuild.ts).
import type { Db } from '../../../base/node/sqlite/open.js';
import { statsCellsDdl } from '../stats-cells-ddl.js';

export function createStatsCells(db: Db): void {
  db.exec(
    statsCellsDdl({ id: 'INTEGER PRIMARY KEY AUTOINCREMENT', integer: 'INTEGER', number: 'INTEGER', blob: 'BLOB' }),
  );
}
