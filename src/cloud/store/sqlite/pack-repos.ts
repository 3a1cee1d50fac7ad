// SQLite repository of packs whose parts are still arriving (services/pack-parts.ts) and of waybills
// that came before their parcel.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { HubTx, PackPartsRow } from '../types.js';

const COLUMNS =
  'pack_id AS packId, order_id AS orderId, station_id AS stationId, parcels, seen_at AS seenAt, done_at AS doneAt, overdue_at AS overdueAt';

export function packsRepo(db: Db): HubTx['packs'] {
  const seen = db.prepare(
    'INSERT OR IGNORE INTO pack_parts (pack_id, order_id, station_id, seen_at) VALUES (?, ?, ?, ?)',
  );
  const get = db.prepare<[string], PackPartsRow>(`SELECT ${COLUMNS} FROM pack_parts WHERE pack_id = ?`);
  const waiting = db.prepare<[number, number], PackPartsRow>(
    `SELECT ${COLUMNS} FROM pack_parts WHERE done_at IS NULL AND overdue_at IS NULL AND seen_at <= ? ORDER BY seen_at LIMIT ?`,
  );
  const take = db.prepare<[string], { waybill: string }>('SELECT waybill FROM early_waybills WHERE parcel_id = ?');
  return {
    seen: (packId, orderId, stationId, at) => void seen.run(packId, orderId, stationId, at),
    completed: (packId, parcels) =>
      void db.prepare('UPDATE pack_parts SET parcels = ? WHERE pack_id = ?').run(parcels, packId),
    get: (packId) => get.get(packId),
    done: (packId, at) =>
      void db.prepare('UPDATE pack_parts SET done_at = coalesce(done_at, ?) WHERE pack_id = ?').run(at, packId),
    waiting: (before, limit) => waiting.all(before, limit),
    flagOverdue: (packId, at) =>
      void db.prepare('UPDATE pack_parts SET overdue_at = ? WHERE pack_id = ?').run(at, packId),
    keepWaybill: (parcelId, waybill, at) =>
      void db
        .prepare('INSERT OR REPLACE INTO early_waybills (parcel_id, waybill, at) VALUES (?, ?, ?)')
        .run(parcelId, waybill, at),
    takeWaybill(parcelId) {
      const row = take.get(parcelId);
      if (!row) return null;
      db.prepare('DELETE FROM early_waybills WHERE parcel_id = ?').run(parcelId);
      return row.waybill;
    },
  };
}
