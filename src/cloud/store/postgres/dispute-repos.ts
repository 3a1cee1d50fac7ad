// WeChat after-sale disputes at the hub: the cases and the stills confirmed as their proof. Same
// behaviour as ../sqlite/dispute-repos.ts.
import type { DisputeRow, DisputesRepo, DisputeStill } from '../dispute-types.js';
import type { PgSql } from './sql.js';

type Row = {
  case_id: string;
  shop_id: string;
  order_id: string;
  station_id: string;
  complaint_id: string;
  type: string;
  reason: string;
  wechat_status: string;
  state: DisputeRow['state'];
  media_ids: string;
  confirmed_by: string | null;
  error: string | null;
  created_at: number;
  updated_at: number;
};

const map = (r: Row): DisputeRow => ({
  caseId: r.case_id,
  shopId: r.shop_id,
  orderId: r.order_id,
  stationId: r.station_id,
  complaintId: r.complaint_id,
  type: r.type,
  reason: r.reason,
  wechatStatus: r.wechat_status,
  state: r.state,
  mediaIds: JSON.parse(r.media_ids) as string[],
  confirmedBy: r.confirmed_by,
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const SET_STATE = `UPDATE disputes SET state = $2, media_ids = $3, confirmed_by = COALESCE($4, confirmed_by), error = $5,
  updated_at = $6 WHERE case_id = $1`;

export function disputesRepo(sql: PgSql): DisputesRepo {
  const clearStills = (caseId: string) => sql.run('DELETE FROM dispute_stills WHERE case_id = $1', [caseId]);
  return {
    get: async (caseId) => {
      const r = await sql.row<Row>('SELECT * FROM disputes WHERE case_id = $1', [caseId]);
      return r && map(r);
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
        await sql.rows<Row>('SELECT * FROM disputes WHERE station_id = $1 ORDER BY updated_at DESC, case_id LIMIT $2', [
          stationId,
          limit,
        ])
      ).map(map),
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
        await sql.rows<Row>(
          "SELECT * FROM disputes WHERE state = 'proof_ready' ORDER BY updated_at, case_id LIMIT $1",
          [limit],
        )
      ).map(map),
    async finish(caseId, outcome, at) {
      const sent = outcome.state === 'sent';
      if (sent) await clearStills(caseId);
      await sql.run(SET_STATE, [
        caseId,
        outcome.state,
        JSON.stringify(sent ? outcome.mediaIds : []),
        null,
        sent ? null : outcome.error,
        at,
      ]);
    },
  };
}
