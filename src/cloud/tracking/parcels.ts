// Parcels the hub follows and the events that move them (issue 14 §2). Every unit of work here runs
// inside one store transaction: the events, the parcel's recomputed state and any buyer
// notification it triggers are committed together.
import type { TrackingEvent } from '../../contract/tracking.js';
import { eventKey, mergeEvents, noProgress, progressOf } from '../../domain/tracking/states.js';
import type { HubConfig } from '../config.js';
import type { HubTx } from '../store/types.js';
import type { TrackingParcelRow, TrackingProviderId } from '../store/tracking-types.js';
import { handoverOf } from '../services/handover.js';
import { queueNotification } from './notifications.js';

/** Which provider follows a parcel: WeChat for its own e-waybills, else the configured provider. */
export interface ProviderChoice {
  follows(carrier: string): boolean;
}

async function newParcel(
  t: HubTx,
  waybill: string,
  carrier: string,
  orderId: string | null,
  handedOverAt: number | null,
  provider: ProviderChoice | null,
  now: number,
): Promise<TrackingParcelRow> {
  const ewaybill = orderId ? await t.ewaybills.get(orderId) : undefined;
  const wechat = ewaybill?.waybill === waybill && ewaybill.ewaybillOrderId !== null;
  const kind: TrackingProviderId = wechat ? 'wechat' : provider?.follows(carrier) ? 'kuaidi100' : 'none';
  return {
    waybill,
    carrier,
    orderId,
    provider: kind,
    shopId: wechat ? ewaybill.shopId : null,
    ewaybillOrderId: wechat ? ewaybill.ewaybillOrderId : null,
    handedOverAt,
    ...noProgress(),
    subscribedAt: null,
    subscribeError: null,
    subscribeAttempts: 0,
    nextSubscribeAt: now,
    pulledAt: null,
    createdAt: now,
  };
}

/**
 * Starts following every parcel handed over in [from, to) that is not followed yet, and queues its
 * "shipped" notification. Returns how many were new.
 */
export async function followHandovers(
  t: HubTx,
  config: HubConfig,
  provider: ProviderChoice | null,
  rows: readonly { waybill: string; carrier: string; orderId: string | null; handedOverAt: number }[],
  now: number,
): Promise<number> {
  let added = 0;
  for (const h of rows) {
    const known = await t.tracking.parcel(h.waybill);
    if (known) {
      // Heard of through an early push before its handover reached the hub: complete the row.
      if (known.handedOverAt === null) {
        const fresh = await newParcel(t, h.waybill, h.carrier, h.orderId, h.handedOverAt, provider, now);
        const { provider: kind, shopId, ewaybillOrderId, carrier, orderId, handedOverAt } = fresh;
        await t.tracking.putParcel({
          ...known,
          provider: kind,
          shopId,
          ewaybillOrderId,
          carrier,
          orderId,
          handedOverAt,
        });
        if (h.orderId) await queueNotification(t, config, h.orderId, 'shipped', h.waybill, h.handedOverAt);
      }
      continue;
    }
    await t.tracking.putParcel(await newParcel(t, h.waybill, h.carrier, h.orderId, h.handedOverAt, provider, now));
    if (h.orderId) await queueNotification(t, config, h.orderId, 'shipped', h.waybill, h.handedOverAt);
    added += 1;
  }
  return added;
}

/**
 * Keeps the new events of one waybill and recomputes its state (states.ts: out of order and
 * duplicates change nothing). A waybill not followed yet is taken up from its handover, or as
 * unknown to any order when the hub has none. Returns how many events were new.
 */
export async function recordEvents(
  t: HubTx,
  config: HubConfig,
  provider: ProviderChoice | null,
  waybill: string,
  incoming: readonly TrackingEvent[],
  now: number,
): Promise<number> {
  if (incoming.length === 0) return 0;
  let parcel = await t.tracking.parcel(waybill);
  if (!parcel) {
    const h = await handoverOf(t, waybill);
    const carrier = h?.carrier ?? incoming[0]?.carrier ?? '';
    parcel = await newParcel(t, waybill, carrier, h?.orderId ?? null, h?.handedOverAt ?? null, provider, now);
  }
  const known = await t.tracking.events(waybill);
  const { events, added } = mergeEvents(known, incoming);
  if (added.length === 0) return 0;
  await t.tracking.addEvents(
    added.map((e) => ({ key: eventKey(e), event: e })),
    now,
  );
  const before = parcel.state;
  const p = progressOf(events);
  await t.tracking.putParcel({
    ...parcel,
    state: p.state,
    since: p.since,
    collectedAt: p.collectedAt,
    outForDeliveryAt: p.outForDeliveryAt,
    deliveredAt: p.deliveredAt,
    returnStartedAt: p.returnStartedAt,
    lastScanAt: p.lastScanAt,
    exceptionDetail: p.exceptionDetail,
  });
  // Only a move into the state notifies; the notification table keeps it to once per order anyway.
  if (parcel.orderId && p.state !== before && (p.state === 'out_for_delivery' || p.state === 'exception'))
    await queueNotification(t, config, parcel.orderId, p.state, waybill, p.since ?? now);
  return added.length;
}
