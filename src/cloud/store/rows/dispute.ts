// Dispute rows (disputes) as both stores hold them and their mapping to and from the domain. No SQL
// here: each dialect's dispute-repos.ts has its own.
import type { DisputeRow, DisputesRepo } from '../dispute-types.js';

export type DisputeDbRow = {
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

export const toDispute = (r: DisputeDbRow): DisputeRow => ({
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

/** What a finished case's row holds: sent keeps WeChat's media ids, failed keeps the error. */
export function finishedState(outcome: Parameters<DisputesRepo['finish']>[1]): {
  state: DisputeRow['state'];
  mediaIds: string;
  error: string | null;
} {
  const sent = outcome.state === 'sent';
  return {
    state: outcome.state,
    mediaIds: JSON.stringify(sent ? outcome.mediaIds : []),
    error: sent ? null : outcome.error,
  };
}
