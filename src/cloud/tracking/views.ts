// What the hub shows of tracking: one parcel's timeline, the stuck-parcel alerts, and the rows the
// outbound figures are computed from (issue 14 §2, §4).
import type { TrackingAlert, TrackingTimeline } from '../../contract/tracking.js';
import { stuckAlert, stuckAlerts } from '../../domain/tracking/stuck.js';
import { missedCutoff, type OutboundParcel } from '../../domain/stats/outbound.js';
import type { HubConfig } from '../config.js';
import type { HubTx } from '../store/types.js';
import type { NotificationRow, TrackingParcelRow } from '../store/tracking-types.js';
import { handoverOf, handoversBetween } from '../services/handover.js';

const HOUR = 3_600_000;
/** A label printed this long before its handover is still found for the figures. */
const LABEL_LOOKBACK = 72 * HOUR;
const MAX_OPEN = 50_000;

/** Nobody follows it and nothing was heard: silence says nothing, so no stuck rule applies. */
const untracked = (p: TrackingParcelRow) => p.provider === 'none' && p.lastScanAt === null;

/** label.printed time per waybill in [from, to): the first print (reprints do not restart the clock). */
async function labelTimes(t: HubTx, from: number, to: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const e of await t.events.withPayload(['label.printed'], from, to)) {
    const waybill = (e.payload as { waybill?: unknown }).waybill;
    if (typeof waybill === 'string' && !out.has(waybill)) out.set(waybill, e.at);
  }
  return out;
}

export async function timeline(t: HubTx, waybill: string): Promise<TrackingTimeline | null> {
  const parcel = await t.tracking.parcel(waybill);
  const handover = await handoverOf(t, waybill);
  const packed = await t.handovers.parcelOf(waybill);
  if (!parcel && !handover && !packed) return null;
  const shipment = handover?.parcelId ?? packed?.parcelId;
  const packedAt = shipment ? ((await t.shipments.get(shipment))?.packedAt ?? null) : null;
  const labelAt =
    packedAt === null ? null : ((await labelTimes(t, packedAt - HOUR, packedAt + 24 * HOUR)).get(waybill) ?? null);
  return {
    waybill,
    carrier: parcel?.carrier ?? handover?.carrier ?? packed?.carrier ?? '',
    orderId: parcel?.orderId ?? handover?.orderId ?? packed?.orderId ?? null,
    state: parcel?.state ?? null,
    events: await t.tracking.events(waybill),
    handedOverAt: handover?.handedOverAt ?? parcel?.handedOverAt ?? null,
    labelAt,
    packedAt,
  };
}

export async function alerts(t: HubTx, config: HubConfig, now: number): Promise<TrackingAlert[]> {
  const open = (await t.tracking.undelivered(MAX_OPEN)).filter((p) => !untracked(p));
  return stuckAlerts(open, now, config.tracking.stuck);
}

/** One row per parcel handed over in [from, to), with what the figures need. */
export async function outboundRows(
  t: HubTx,
  config: HubConfig,
  from: number,
  to: number,
  now: number,
): Promise<OutboundParcel[]> {
  const handovers = await handoversBetween(t, from, to);
  const labels = await labelTimes(t, from - LABEL_LOOKBACK, to);
  const tz = config.stats.timezone;
  const rows: OutboundParcel[] = [];
  for (const h of handovers) {
    const parcel = await t.tracking.parcel(h.waybill);
    const order = h.orderId ? await t.orders.get(h.orderId) : undefined;
    const labelAt = labels.get(h.waybill) ?? null;
    rows.push({
      waybill: h.waybill,
      carrier: h.carrier,
      province: order?.address.province ?? '',
      labelAt,
      handedOverAt: h.handedOverAt,
      collectedAt: parcel?.collectedAt ?? null,
      paidAt: order?.paidAt ?? null,
      deliveredAt: parcel?.deliveredAt ?? null,
      stuck: parcel && !untracked(parcel) ? stuckAlert(parcel, now, config.tracking.stuck) !== null : false,
      missedCutoff: missedCutoff(labelAt ?? h.handedOverAt, h.handedOverAt, config.handover.cutoffs[h.carrier], tz),
    });
  }
  return rows;
}

/** An order's parcels as the carriers tracked them, and its buyer notifications (the admin's order view). */
export async function orderTracking(
  t: HubTx,
  orderId: string,
): Promise<{ parcels: TrackingTimeline[]; notifications: NotificationRow[] }> {
  const parcels: TrackingTimeline[] = [];
  for (const s of await t.shipments.forOrder(orderId)) {
    if (!s.waybill) continue;
    const view = await timeline(t, s.waybill);
    if (view) parcels.push(view);
  }
  return { parcels, notifications: await t.tracking.notifications(orderId) };
}
