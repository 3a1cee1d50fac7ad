// WeChat after-sale disputes at the hub: the cases and the stills confirmed as their proof. All
// dispute SQL lives here.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { DisputeRow, DisputesRepo, DisputeStill } from '../dispute-types.js';

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

export function disputesRepo(db: Db): DisputesRepo {
  const get = db.prepare<[string], Row>('SELECT * FROM disputes WHERE case_id = ?');
  const upsert = db.prepare(
    `INSERT INTO disputes (case_id, shop_id, order_id, station_id, complaint_id, type, reason, wechat_status, state,
       created_at, updated_at) VALUES (@caseId, @shopId, @orderId, @stationId, @complaintId, @type, @reason,
       @wechatStatus, 'open', @createdAt, @createdAt)
     ON CONFLICT (case_id) DO UPDATE SET complaint_id = excluded.complaint_id, type = excluded.type,
       reason = excluded.reason, wechat_status = excluded.wechat_status, updated_at = excluded.updated_at`,
  );
  const forStation = db.prepare<[string, number], Row>(
    'SELECT * FROM disputes WHERE station_id = ? ORDER BY updated_at DESC, case_id LIMIT ?',
  );
  const clearStills = db.prepare('DELETE FROM dispute_stills WHERE case_id = ?');
  const addStill = db.prepare(
    'INSERT INTO dispute_stills (case_id, n, name, content_type, bytes) VALUES (?, ?, ?, ?, ?)',
  );
  const stills = db.prepare<[string], { name: string; contentType: string; bytes: Buffer }>(
    'SELECT name, content_type AS contentType, bytes FROM dispute_stills WHERE case_id = ? ORDER BY n',
  );
  const ready = db.prepare<[number], Row>(
    "SELECT * FROM disputes WHERE state = 'proof_ready' ORDER BY updated_at, case_id LIMIT ?",
  );
  const setState = db.prepare(
    `UPDATE disputes SET state = @state, media_ids = @mediaIds, confirmed_by = COALESCE(@confirmedBy, confirmed_by),
       error = @error, updated_at = @at WHERE case_id = @caseId`,
  );
  return {
    get: (caseId) => {
      const r = get.get(caseId);
      return r && map(r);
    },
    upsert(row) {
      upsert.run(row);
    },
    forStation: (stationId, limit) => forStation.all(stationId, limit).map(map),
    setProof(caseId, list: DisputeStill[], confirmedBy, at) {
      clearStills.run(caseId);
      list.forEach((s, n) => addStill.run(caseId, n, s.name, s.contentType, s.bytes));
      setState.run({ caseId, state: 'proof_ready', mediaIds: '[]', confirmedBy, error: null, at });
    },
    stills: (caseId) => stills.all(caseId),
    ready: (limit) => ready.all(limit).map(map),
    finish(caseId, outcome, at) {
      const sent = outcome.state === 'sent';
      if (sent) clearStills.run(caseId);
      setState.run({
        caseId,
        state: outcome.state,
        mediaIds: JSON.stringify(sent ? outcome.mediaIds : []),
        confirmedBy: null,
        error: sent ? null : outcome.error,
        at,
      });
    },
  };
}
