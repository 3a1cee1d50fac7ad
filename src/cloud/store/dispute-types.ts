// Store types of WeChat after-sale disputes (举证): a case per after-sale order on a packed order,
// and the stills a supervisor chose as its proof. Implemented in store/sqlite/dispute-repos.ts.
import type { Awaitable } from './awaitable.js';
import type { DisputeState } from '../../contract/disputes.js';

export interface DisputeRow {
  /** WeChat's after_sale_order_id. */
  caseId: string;
  shopId: string;
  orderId: string;
  /** The station that packed the order: it holds the clip and stills. */
  stationId: string;
  /** What addcomplaintproof is sent with (see services/disputes.ts for where it comes from). */
  complaintId: string;
  type: string;
  reason: string;
  wechatStatus: string;
  state: DisputeState;
  mediaIds: string[];
  confirmedBy: string | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What a push or an order names: the after-sale order, and a complaint id when it carries one. */
export interface AfterSaleHint {
  afterSaleOrderId: string;
  complaintId: string | null;
  /** false (an order re-read): a case the hub has already is not read again. */
  force: boolean;
}

export interface DisputeStill {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface DisputesRepo {
  get(caseId: string): Awaitable<DisputeRow | undefined>;
  /** A new case, or the WeChat fields of a known one (its state and proof stay). */
  upsert(row: Omit<DisputeRow, 'state' | 'mediaIds' | 'confirmedBy' | 'error' | 'updatedAt'>): Awaitable<void>;
  forStation(stationId: string, limit: number): Awaitable<DisputeRow[]>;
  /** The supervisor's choice: the stills replace any earlier ones, the case becomes proof_ready. */
  setProof(caseId: string, stills: DisputeStill[], confirmedBy: string, at: number): Awaitable<void>;
  stills(caseId: string): Awaitable<DisputeStill[]>;
  /** Cases with proof waiting to be sent, oldest first. */
  ready(limit: number): Awaitable<DisputeRow[]>;
  /** Sent (stills dropped: WeChat has them) or failed (stills kept for another confirmation). */
  finish(
    caseId: string,
    outcome: { state: 'sent'; mediaIds: string[] } | { state: 'failed'; error: string },
    at: number,
  ): Awaitable<void>;
}
