// Is this waybill fit to hand to this carrier's courier? What this desk packed, what it handed over,
// the orders it holds and the hub's exceptions answer offline; the hub's last answer for the carrier
// (handover_remote, refreshed while the mode is on) covers parcels packed at other desks.
import type { AlertParams } from '../../../contract/station.js';
import type { HandoverAlertCode } from '../../../contract/handover.js';
import type { HandoverStore } from '../store/handovers.js';

export type HandoverCheck =
  | { ok: true; orderId: string | null; parcelId: string | null }
  | {
      [C in HandoverAlertCode]: { ok: false; code: C; params: AlertParams[C]; orderId: string | null };
    }[HandoverAlertCode];

/** Order states that keep a packed parcel at the warehouse. */
const STOPPED_ORDERS: Record<string, string> = { cancelled: 'order_cancelled', held: 'held' };

export function checkWaybill(store: HandoverStore, stationId: string, carrier: string, waybill: string): HandoverCheck {
  const done = store.scanOf(waybill);
  if (done)
    return {
      ok: false,
      code: 'handover_already_handed_over',
      params: { waybill, batchId: done.batchId, station: stationId, at: done.at },
      orderId: done.orderId,
    };
  const remote = store.remote(waybill);
  if (remote?.state === 'handed_over')
    return {
      ok: false,
      code: 'handover_already_handed_over',
      params: { waybill, batchId: remote.detail ?? '?', station: remote.stationId ?? '?', at: remote.packedAt ?? 0 },
      orderId: remote.orderId,
    };
  const own = store.packedParcel(waybill);
  const parcelCarrier = own?.carrier ?? remote?.carrier ?? null;
  const orderId = own?.orderId ?? remote?.orderId ?? null;
  if (parcelCarrier === null)
    return { ok: false, code: 'handover_unknown_waybill', params: { waybill, carrier }, orderId: null };
  if (parcelCarrier !== carrier)
    return { ok: false, code: 'handover_wrong_carrier', params: { waybill, carrier, parcelCarrier }, orderId };
  const stopped =
    (own ? (STOPPED_ORDERS[own.orderStatus] ?? store.blockingException(own.orderId)) : null) ??
    (remote?.state === 'blocked' ? (remote.detail ?? 'conflict') : null);
  if (stopped && orderId !== null)
    return { ok: false, code: 'handover_intercepted', params: { waybill, orderId, reason: stopped }, orderId };
  return { ok: true, orderId, parcelId: own?.parcelId ?? remote?.parcelId ?? null };
}
