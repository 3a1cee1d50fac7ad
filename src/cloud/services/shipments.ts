// Report-backs that failed for good (e.g. 109001 when the waybill is not ours, a carrier the shop
// lacks) or conflicted wait for a person: the admin lists them, retries them once the cause is
// fixed, or resolves them as handled elsewhere (shipped by hand in the shop backend).
import type { HubContext } from '../context.js';
import type { HubTx, ShipmentRow } from '../store/types.js';

const STUCK = ['failed', 'conflict'] as const;
const EXCEPTION_KINDS = ['shipment_failed', 'cancelled_while_packed'] as const;

export interface StuckShipment {
  orderId: string;
  parcelId: string;
  stationId: string;
  carrier: string;
  waybill: string | null;
  state: ShipmentRow['state'];
  attempts: number;
  lastErrcode: number | null;
  lastErrmsg: string | null;
  packedAt: number;
}

export async function stuckShipments(ctx: HubContext, limit = 500): Promise<StuckShipment[]> {
  const rows = await ctx.store.tx((t) => t.shipments.inStates(STUCK, limit));
  return rows.map((r) => ({
    orderId: r.orderId,
    parcelId: r.parcelId,
    stationId: r.stationId,
    carrier: r.carrier,
    waybill: r.waybill,
    state: r.state,
    attempts: r.attempts,
    lastErrcode: r.lastErrcode,
    lastErrmsg: r.lastErrmsg,
    packedAt: r.packedAt,
  }));
}

export type ShipmentAction = { ok: true; parcels: number } | { ok: false; status: 404 | 409; message: string };

/**
 * In one transaction: the order's stuck parcels, or why there are none; `act` settles them and the
 * order's open report-back exceptions are resolved with them.
 */
function settleStuck(
  ctx: HubContext,
  orderId: string,
  act: (t: HubTx, stuck: ShipmentRow[], now: number) => Promise<void>,
): Promise<ShipmentAction> {
  const now = ctx.now();
  return ctx.store.tx(async (t): Promise<ShipmentAction> => {
    const parcels = await t.shipments.forOrder(orderId);
    if (parcels.length === 0) return { ok: false, status: 404, message: `no shipment for order ${orderId}` };
    const stuck = parcels.filter((p) => (STUCK as readonly string[]).includes(p.state));
    if (stuck.length === 0)
      return { ok: false, status: 409, message: `order ${orderId} has no failed or conflicting parcel` };
    await act(t, stuck, now);
    await t.exceptions.resolve(orderId, EXCEPTION_KINDS, now);
    return { ok: true, parcels: stuck.length };
  });
}

/** Sends the order's stuck parcels again: verified first (uncertain), as after a lost answer. */
export async function retryShipment(ctx: HubContext, orderId: string): Promise<ShipmentAction> {
  const res = await settleStuck(ctx, orderId, async (t, stuck, now) => {
    for (const p of stuck)
      await t.shipments.update(p.parcelId, { state: 'pending', attempts: 0, nextAt: now, uncertain: true });
  });
  if (res.ok) {
    ctx.warn('report-back retried by the admin', { orderId, parcels: res.parcels });
    ctx.wakeReporter();
  }
  return res;
}

/** Closes the order's stuck parcels as handled outside Packdesk; the order counts as shipped. */
export async function resolveShipment(ctx: HubContext, orderId: string, note: string): Promise<ShipmentAction> {
  const res = await settleStuck(ctx, orderId, async (t, stuck, now) => {
    for (const p of stuck)
      await t.shipments.update(p.parcelId, {
        state: 'done',
        doneAt: now,
        uncertain: false,
        lastErrmsg: `resolved by the admin: ${note}`,
      });
    const order = await t.orders.get(orderId);
    if (order && order.status !== 'shipped' && order.status !== 'cancelled')
      await t.orders.setStatus(orderId, 'shipped', null, now);
  });
  if (res.ok) ctx.warn('report-back resolved by the admin', { orderId, parcels: res.parcels, note });
  return res;
}
