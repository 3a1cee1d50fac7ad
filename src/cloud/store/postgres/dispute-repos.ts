// WeChat after-sale disputes at the hub: the cases and the stills confirmed as their proof. Same
// behaviour as ../sqlite/dispute-repos.ts.
import type { DisputesRepo, DisputeStill } from '../dispute-types.js';
import * as rows from '../rows/dispute.js';
import type { PgSql } from './sql.js';

const SET_STATE = `UPDATE disputes SET state = $2, media_ids = $3, confirmed_by = COALESCE($4, confirmed_by), error = $5,
  updated_at = $6 WHERE case_id = $1`;

export function disputesRepo(sql: PgSql): DisputesRepo {
  const clearStills = (caseId: string) => sql.run('DELETE FROM dispute_stills WHERE case_id = $1', [caseId]);
  return {
    get: async (caseId) => {
      const r = await sql.row<rows.DisputeDbRow>('SELECT * FROM disputes WHERE case_id = $1', [caseId]);
      return r && rows.toDispute(r);
    },
    async upsert(row) {
      await sql.run(
        `INSERT INTO disputes (case_id, shop_id, order_id, station_id, complaint_id, type, reason, wechat_status, state,
           created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $9)
         ON CONFLICT (case_id) DO UPDATE SET complaint_id = EXCLUDED.complaint_id, type = EXCLUDED.type,
           reason = EXCLUDED.reason, wechat_status = EXCLUDED.wechat_status, updated_at = EXCLUDED.updated_at`,
        [
          row.caseId,
          row.shopId,
          row.orderId,
          row.stationId,
          row.complaintId,
          row.type,
          row.reason,
          row.wechatStatus,
          row.createdAt,
        ],
      );
    },
    forStation: async (stationId, limit) =>
      (
        await sql.rows<rows.DisputeDbRow>(
          'SELECT * FROM disputes WHERE station_id = $1 ORDER BY updated_at DESC, case_id LIMIT $2',
          [stationId, limit],
        )
      ).map(rows.toDispute),
    async setProof(caseId, list: DisputeStill[], confirmedBy, at) {
      await clearStills(caseId);
      for (const [n, s] of list.entries())
        await sql.run(
          'INSERT INTO dispute_stills (case_id, n, name, content_type, bytes) VALUES ($1, $2, $3, $4, $5)',
          [caseId, n, s.name, s.contentType, s.bytes],
        );
      await sql.run(SET_STATE, [caseId, 'proof_ready', '[]', confirmedBy, null, at]);
    },
    stills: (caseId) =>
      sql.rows<DisputeStill>(
        'SELECT name, content_type AS "contentType", bytes FROM dispute_stills WHERE case_id = $1 ORDER BY n',
        [caseId],
      ),
    ready: async (limit) =>
      (
        await sql.rows<rows.DisputeDbRow>(
          "SELECT * FROM disputes WHERE state = 'proof_ready' ORDER BY updated_at, case_id LIMIT $1",
          [limit],
        )
      ).map(rows.toDispute),
    async finish(caseId, outcome, at) {
      if (outcome.state === 'sent') await clearStills(caseId);
      const { state, mediaIds, error } = rows.finishedState(outcome);
      await sql.run(SET_STATE, [caseId, state, mediaIds, null, error, at]);
    },
  };
}
