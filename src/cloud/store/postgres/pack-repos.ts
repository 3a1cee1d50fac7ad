// PostgreSQL repository of packs whose parts are still arriving (services/pack-parts.ts) and of
// waybills that came before their parcel. Same behaviour as ../sqlite/pack-repos.ts.
import type { HubTx, PackPartsRow } from '../types.js';
import type { PgSql } from './sql.js';

const COLUMNS = `pack_id AS "packId", order_id AS "orderId", station_id AS "stationId", parcels, seen_at AS "seenAt",
  done_at AS "doneAt", overdue_at AS "overdueAt"`;

export function packsRepo(sql: PgSql): HubTx['packs'] {
  return {
    async seen(packId, orderId, stationId, at) {
      await sql.run(
        'INSERT INTO pack_parts (pack_id, order_id, station_id, seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [packId, orderId, stationId, at],
      );
    },
    async completed(packId, parcels) {
      await sql.run('UPDATE pack_parts SET parcels = $1 WHERE pack_id = $2', [parcels, packId]);
    },
    get: (packId) => sql.row<PackPartsRow>(`SELECT ${COLUMNS} FROM pack_parts WHERE pack_id = $1`, [packId]),
    async done(packId, at) {
      await sql.run('UPDATE pack_parts SET done_at = coalesce(done_at, $1) WHERE pack_id = $2', [at, packId]);
    },
    waiting: (before, limit) =>
      sql.rows<PackPartsRow>(
        `SELECT ${COLUMNS} FROM pack_parts WHERE done_at IS NULL AND overdue_at IS NULL AND seen_at <= $1
         ORDER BY seen_at, rowid LIMIT $2`,
        [before, limit],
      ),
    async flagOverdue(packId, at) {
      await sql.run('UPDATE pack_parts SET overdue_at = $1 WHERE pack_id = $2', [at, packId]);
    },
    async keepWaybill(parcelId, waybill, at) {
      await sql.run(
        `INSERT INTO early_waybills (parcel_id, waybill, at) VALUES ($1, $2, $3)
         ON CONFLICT (parcel_id) DO UPDATE SET waybill = EXCLUDED.waybill, at = EXCLUDED.at`,
        [parcelId, waybill, at],
      );
    },
    takeWaybill: async (parcelId) =>
      (
        await sql.row<{ waybill: string }>('DELETE FROM early_waybills WHERE parcel_id = $1 RETURNING waybill', [
          parcelId,
        ])
      )?.waybill ?? null,
  };
}
