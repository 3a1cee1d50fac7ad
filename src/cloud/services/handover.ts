// Courier handover (交接) at the hub: the desks' handover events applied once per parcel, what is
// still due per carrier and day across every desk, and today's cut-offs (揽收截止) with what will
// miss them. Tracking and the outbound figures read handoversBetween / handoverOf.
import type { OutboxEvent } from '../../contract/events.js';
import type {
  HandoverBatches,
  HandoverCutoffs,
  HandoverExpected,
  HandoverMissing,
  HandoverParcel,
} from '../../contract/handover-wire.js';
import { shanghaiDay, shanghaiDayStart } from '../wechat/china-time.js';
import type { HandoverConfig } from '../config-handover.js';
import type { HandoverRow, HubTx } from '../store/types.js';

export type { HandoverRow } from '../store/types.js';

const DAY_MS = 86_400_000;

export async function handoversBetween(t: HubTx, fromMs: number, toMs: number): Promise<HandoverRow[]> {
  return t.handovers.between(fromMs, toMs);
}

export async function handoverOf(t: HubTx, waybill: string): Promise<HandoverRow | null> {
  return (await t.handovers.get(waybill)) ?? null;
}

/** A parcel scanned into a batch: recorded when it is the waybill's first handover (the event is applied once by id). */
export async function applyHandoverScanned(t: HubTx, e: OutboxEvent<'handover.scanned'>): Promise<void> {
  const p = e.payload;
  await t.handovers.add({
    waybill: p.waybill,
    carrier: p.carrier,
    orderId: p.orderId,
    parcelId: p.parcelId,
    stationId: e.stationId,
    batchId: p.batchId,
    handedOverAt: e.at,
  });
}

export async function applyHandoverClosed(t: HubTx, e: OutboxEvent<'handover.closed'>): Promise<void> {
  const p = e.payload;
  await t.handovers.addBatch({
    batchId: p.batchId,
    stationId: e.stationId,
    carrier: p.carrier,
    courier: p.courier,
    openedAt: p.openedAt,
    closedAt: e.at,
    count: p.count,
    waybills: p.waybills,
    missing: p.missing,
  });
}

/** "2026-12-02" → the epoch-ms range of that China day; null when it is no such day. */
export function chinaDayRange(day: string): { from: number; to: number } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== day) return null;
  const from = shanghaiDayStart(utcMidnight + 12 * 3600_000);
  return { from, to: from + DAY_MS };
}

/** Parcels packed for `carrier` on `day` (China time) at any desk that no batch handed over. */
export async function missingFor(t: HubTx, carrier: string, day: string): Promise<HandoverMissing | null> {
  const range = chinaDayRange(day);
  if (!range) return null;
  const items = await t.handovers.notHandedOver(carrier, range.from, range.to);
  return { carrier, day, items };
}

/** A week back: a parcel handed over days ago and scanned again is "already handed over", not unknown. */
const HANDED_OVER_LOOKBACK_MS = 7 * DAY_MS;

/** What a desk checks handover scans against for `carrier` on `day`. */
export async function expectedFor(t: HubTx, carrier: string, day: string): Promise<HandoverExpected | null> {
  const range = chinaDayRange(day);
  if (!range) return null;
  const due = await t.handovers.notHandedOver(carrier, range.from, range.to);
  const handedOver = (await t.handovers.between(range.to - HANDED_OVER_LOOKBACK_MS, range.to))
    .filter((h) => h.carrier === carrier)
    .map((h) => ({
      waybill: h.waybill,
      orderId: h.orderId,
      stationId: h.stationId,
      batchId: h.batchId,
      at: h.handedOverAt,
    }));
  const blocked = await t.handovers.blocked(carrier, range.from, range.to);
  return { carrier, day, due, handedOver, blocked };
}

/** What the hub knows of a waybill a desk is about to hand over. */
export async function parcelForHandover(t: HubTx, waybill: string): Promise<HandoverParcel> {
  const done = await t.handovers.get(waybill);
  const parcel = await t.handovers.parcelOf(waybill);
  let blocked: string | null = null;
  if (parcel) {
    const order = await t.orders.get(parcel.orderId);
    const open = await t.exceptions.list({ orderId: parcel.orderId, open: true });
    const stop = open.find((x) => x.kind === 'cancelled_while_packed' || x.kind === 'packed_twice');
    if (order?.status === 'cancelled') blocked = 'order_cancelled';
    else if (stop) blocked = stop.kind;
    else if (parcel.conflict) blocked = 'conflict';
  }
  return {
    waybill,
    handedOver: done
      ? { batchId: done.batchId, stationId: done.stationId, carrier: done.carrier, at: done.handedOverAt }
      : null,
    orderId: parcel?.orderId ?? done?.orderId ?? null,
    carrier: parcel?.carrier ?? done?.carrier ?? null,
    blocked,
  };
}

export async function batchesBetween(t: HubTx, from: number, to: number, limit: number): Promise<HandoverBatches> {
  return { items: await t.handovers.batches(from, to, limit) };
}

/** Epoch ms of "HH:MM" China time on the China day of `now`. */
function cutoffToday(hhmm: string, now: number): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return shanghaiDayStart(now) + (h * 60 + m) * 60_000;
}

/**
 * Today's cut-off per configured carrier: time left, parcels packed today still waiting for the
 * courier, and a warning when some will miss it (the cut-off is near or past with parcels waiting).
 */
export async function cutoffsView(t: HubTx, config: HandoverConfig, now: number): Promise<HandoverCutoffs> {
  const from = shanghaiDayStart(now);
  const waiting = await t.handovers.notHandedOver(null, from, from + DAY_MS);
  const items = Object.entries(config.cutoffs)
    .map(([carrier, cutoff]) => {
      const cutoffAt = cutoffToday(cutoff, now);
      const msLeft = cutoffAt - now;
      const pending = waiting.filter((w) => w.carrier === carrier).length;
      return {
        carrier,
        cutoff,
        cutoffAt,
        msLeft,
        pending,
        passed: msLeft <= 0,
        warn: pending > 0 && msLeft <= config.warnBeforeMin * 60_000,
      };
    })
    .sort((a, b) => a.cutoffAt - b.cutoffAt || a.carrier.localeCompare(b.carrier));
  return { now, items };
}

/** Today's China day of `now` (the default `day` of the missing list). */
export const chinaToday = (now: number): string => shanghaiDay(now);
