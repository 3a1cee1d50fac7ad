// WeChat after-sale disputes (举证): an after-sale case on an order a station packed becomes a case
// that station sees (GET /v1/disputes); its supervisor confirms stills of the pack; the hub sends
// them as complaint proof (workers/disputes.ts). Nothing goes to WeChat without that confirmation.
import type { HubContext } from '../context.js';
import type { HubTx } from '../store/types.js';
import type { DisputeRow } from '../store/dispute-types.js';
import type { AfterSaleOrder } from '../wechat/aftersale.js';
import type { DisputeCase, DisputeProof } from '../../contract/disputes.js';

/**
 * Which id addcomplaintproof gets is UNCONFIRMED (wechat-api-2.md §9): the case's complaint id when
 * the after-sale order or its push carries one, else the after_sale_order_id.
 */
export function complaintIdOf(order: AfterSaleOrder, pushed: string | null): string {
  return order.complaintId ?? pushed ?? order.afterSaleOrderId;
}

/**
 * Files or refreshes the case of an after-sale order. Only an order the hub knows was packed (a
 * station's parcels were accepted) has a clip to prove anything with; others are skipped.
 */
export async function recordAfterSale(
  t: HubTx,
  shopId: string,
  order: AfterSaleOrder,
  pushedComplaintId: string | null,
  now: number,
): Promise<DisputeRow | null> {
  const packed = await t.orders.get(order.orderId);
  if (!packed?.packedBy) return null;
  const known = await t.disputes.get(order.afterSaleOrderId);
  await t.disputes.upsert({
    caseId: order.afterSaleOrderId,
    shopId,
    orderId: order.orderId,
    stationId: known?.stationId ?? packed.packedBy,
    complaintId: complaintIdOf(order, pushedComplaintId),
    type: order.type,
    reason: order.reason,
    wechatStatus: order.status,
    createdAt: known?.createdAt ?? now,
  });
  return (await t.disputes.get(order.afterSaleOrderId)) ?? null;
}

export function caseView(r: DisputeRow): DisputeCase {
  return {
    caseId: r.caseId,
    orderId: r.orderId,
    type: r.type,
    reason: r.reason,
    wechatStatus: r.wechatStatus,
    state: r.state,
    error: r.error,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export type ProofOutcome = { ok: true; case: DisputeRow } | { ok: false; status: 404 | 409; message: string };

/**
 * The supervisor's confirmation from the station that packed the order. A case already sent, or
 * with proof on its way, is not sent twice; a failed one may be confirmed again.
 */
export async function acceptProof(
  ctx: HubContext,
  stationId: string,
  caseId: string,
  proof: DisputeProof,
): Promise<ProofOutcome> {
  return ctx.store.tx(async (t) => {
    const row = await t.disputes.get(caseId);
    if (!row || row.stationId !== stationId)
      return { ok: false, status: 404, message: `no dispute ${caseId} for this station` };
    if (row.state === 'sent' || row.state === 'proof_ready')
      return { ok: false, status: 409, message: `dispute ${caseId} is ${row.state}: its proof was confirmed already` };
    const supervisor = (await t.packers.all()).find((p) => p.id === proof.supervisorId);
    if (supervisor?.role !== 'supervisor')
      return { ok: false, status: 409, message: `supervisorId ${proof.supervisorId} is not a supervisor at the hub` };
    const stills = proof.stills.map((s) => ({
      name: s.name,
      contentType: s.contentType,
      bytes: Buffer.from(s.base64, 'base64'),
    }));
    await t.disputes.setProof(caseId, stills, proof.supervisorId, ctx.now());
    ctx.log('dispute proof confirmed', { caseId, stationId, supervisor: proof.supervisorId, stills: stills.length });
    return { ok: true, case: (await t.disputes.get(caseId)) ?? row };
  });
}
