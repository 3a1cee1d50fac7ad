// WeChat after-sale disputes at the hub: the cases and the stills confirmed as their proof. All
// dispute SQL lives here.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { DisputesRepo, DisputeStill } from '../dispute-types.js';
import * as rows from '../rows/dispute.js';

export function disputesRepo(db: Db): DisputesRepo {
  const get = db.prepare<[string], rows.DisputeDbRow>('SELECT * FROM disputes WHERE case_id = ?');
  const upsert = db.prepare(
    `INSERT INTO disputes (case_id, shop_id, order_id, station_id, complaint_id, type, reason, wechat_status, state,
       created_at, updated_at) VALUES (@caseId, @shopId, @orderId, @stationId, @complaintId, @type, @reason,
       @wechatStatus, 'open', @createdAt, @createdAt)
     ON CONFLICT (case_id) DO UPDATE SET complaint_id = excluded.complaint_id, type = excluded.type,
       reason = excluded.reason, wechat_status = excluded.wechat_status, updated_at = excluded.updated_at`,
  );
  const forStation = db.prepare<[string, number], rows.DisputeDbRow>(
    'SELECT * FROM disputes WHERE station_id = ? ORDER BY updated_at DESC, case_id LIMIT ?',
  );
  const clearStills = db.prepare('DELETE FROM dispute_stills WHERE case_id = ?');
  const addStill = db.prepare(
    'INSERT INTO dispute_stills (case_id, n, name, content_type, bytes) VALUES (?, ?, ?, ?, ?)',
  );
  const stills = db.prepare<[string], { name: string; contentType: string; bytes: Buffer }>(
    'SELECT name, content_type AS contentType, bytes FROM dispute_stills WHERE case_id = ? ORDER BY n',
  );
  const ready = db.prepare<[number], rows.DisputeDbRow>(
    "SELECT * FROM disputes WHERE state = 'proof_ready' ORDER BY updated_at, case_id LIMIT ?",
  );
  const setState = db.prepare(
    `UPDATE disputes SET state = @state, media_ids = @mediaIds, confirmed_by = COALESCE(@confirmedBy, confirmed_by),
       error = @error, updated_at = @at WHERE case_id = @caseId`,
  );
  return {
    get: (caseId) => {
      const r = get.get(caseId);
      return r && rows.toDispute(r);
    },
    upsert(row) {
      upsert.run(row);
    },
    forStation: (stationId, limit) => forStation.all(stationId, limit).map(rows.toDispute),
    setProof(caseId, list: DisputeStill[], confirmedBy, at) {
      clearStills.run(caseId);
      list.forEach((s, n) => addStill.run(caseId, n, s.name, s.contentType, s.bytes));
      setState.run({ caseId, state: 'proof_ready', mediaIds: '[]', confirmedBy, error: null, at });
    },
    stills: (caseId) => stills.all(caseId),
    ready: (limit) => ready.all(limit).map(rows.toDispute),
    finish(caseId, outcome, at) {
      if (outcome.state === 'sent') clearStills.run(caseId);
      setState.run({ caseId, ...rows.finishedState(outcome), confirmedBy: null, at });
    },
  };
}
