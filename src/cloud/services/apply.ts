// Applying a station's outbox events at the hub: each by its id exactly once (a re-send is
// recognised and accepted without effect), in the order the station wrote them. Packing events
// become claims, shipments and — when the order was cancelled meanwhile or packed elsewhere —
// exceptions, never silent overwrites.
import { outboxEventSchema, type AnyOutboxEvent, type OutboxEvent } from '../../contract/events.js';
import type { HubException, PushResponse } from '../../contract/sync.js';
import { fieldProblems } from '../../contract/validation.js';
import { newId } from '../../base/ids.js';
import type { HubStore, HubTx } from '../store/types.js';

function exception(
  orderId: string,
  stationId: string,
  kind: HubException['kind'],
  detail: string,
  at: number,
): HubException {
  return { id: newId(at), orderId, stationId, kind, detail, at };
}

/** A parcel: its shipment to report, or an exception when the order was cancelled or packed elsewhere. */
async function parcelPacked(t: HubTx, e: OutboxEvent<'parcel.packed'>, now: number): Promise<HubException | null> {
  const parcel = e.payload;
  const order = await t.orders.get(parcel.orderId);
  let state: 'packing' | 'conflict' = 'packing';
  let raised: HubException | null = null;
  if (!order) {
    raised = exception(
      parcel.orderId,
      e.stationId,
      'shipment_failed',
      `parcel ${parcel.parcelId} for an order the hub does not know`,
      now,
    );
    state = 'conflict';
  } else if (order.status === 'cancelled') {
    raised = exception(
      parcel.orderId,
      e.stationId,
      'cancelled_while_packed',
      `cancelled upstream; parcel ${parcel.parcelNo} (${parcel.carrier} ${parcel.waybill ?? 'no waybill yet'}) must not leave`,
      now,
    );
    state = 'conflict';
  } else if (order.packedBy && order.packedBy !== e.stationId) {
    raised = exception(
      parcel.orderId,
      e.stationId,
      'packed_twice',
      `already packed at ${order.packedBy}; parcel ${parcel.parcelNo} (${parcel.waybill ?? '—'}) from ${e.stationId} is a duplicate`,
      now,
    );
    state = 'conflict';
  } else {
    await t.orders.markPacked(parcel.orderId, e.stationId, e.at);
  }
  if (parcel.waybill) await t.waybills.markUsed(parcel.carrier, parcel.waybill, e.stationId);
  await t.shipments.upsert({
    parcelId: parcel.parcelId,
    orderId: parcel.orderId,
    stationId: e.stationId,
    packId: parcel.packId,
    parcelNo: parcel.parcelNo,
    carrier: parcel.carrier,
    waybill: parcel.waybill,
    items: parcel.items,
    weightG: Math.round(parcel.weightG),
    packedAt: e.at,
    state,
    attempts: 0,
    nextAt: 0,
    uncertain: false,
    lastErrcode: null,
    lastErrmsg: raised?.detail ?? null,
    lastRid: null,
    doneAt: null,
  });
  return raised ? await t.exceptions.add(raised) : null;
}

/** The side effects of one new event; returns any exception it raised. */
async function applyOne(t: HubTx, e: AnyOutboxEvent, now: number): Promise<HubException | null> {
  switch (e.type) {
    case 'pack.started': {
      const { orderId, packId } = e.payload;
      if (!(await t.claims.get(orderId))) await t.claims.set(orderId, e.stationId, packId, e.at);
      return null;
    }
    case 'parcel.packed':
      return parcelPacked(t, e, now);
    case 'parcel.waybill': {
      const w = e.payload;
      await t.waybills.markUsed(w.carrier, w.waybill, e.stationId);
      const s = await t.shipments.get(w.parcelId);
      if (s)
        await t.shipments.update(w.parcelId, {
          waybill: w.waybill,
          state: s.state === 'waiting_waybill' ? 'pending' : s.state,
        });
      return null;
    }
    case 'pack.completed': {
      const { orderId, packId } = e.payload;
      await t.claims.release(orderId, packId);
      // Every parcel of the pack is known now: report them together (one delivery_list).
      for (const s of await t.shipments.forOrder(orderId)) {
        if (s.packId !== packId || s.state !== 'packing') continue;
        await t.shipments.update(s.parcelId, { state: s.waybill ? 'pending' : 'waiting_waybill', nextAt: now });
      }
      return null;
    }
    case 'pack.cancelled':
      await t.claims.release(e.payload.orderId, e.payload.packId);
      return null;
    case 'order.held': {
      const { orderId, reason } = e.payload;
      const order = await t.orders.get(orderId);
      if (order && order.status === 'open') await t.orders.setStatus(orderId, 'held', reason, e.at);
      return null;
    }
    case 'sync.quarantined': {
      // Under the station's id, so the copy that comes back on its pull is the one it has already.
      const q = e.payload;
      const about = q.kind === 'order' ? q.ref : `${q.kind}:${q.ref}`;
      return t.exceptions.add({
        id: q.quarantineId,
        orderId: about,
        stationId: e.stationId,
        kind: 'sync_quarantined',
        detail: `${q.kind} ${q.ref} (pull up to ${q.cursor}) not applied at ${e.stationId}: ${q.reason}`,
        at: e.at,
      });
    }
    default:
      return null; // stored for statistics; nothing else to do
  }
}

/** Why an event does not meet the contract, field by field: "payload.weightG: expected ≥ 0, got -5". */
function contractReason(raw: unknown, error: Parameters<typeof fieldProblems>[0]): string {
  const type = (raw as { type?: unknown }).type;
  const problems = fieldProblems(error, raw).map((p) => p.message);
  return `${typeof type === 'string' ? type.slice(0, 40) : 'event'}: ${problems.join('; ')}`;
}

/**
 * Each pushed event is parsed with the contract's schema by itself: a bad one is answered as
 * rejected with its reason, and the others in the batch still apply.
 */
export async function applyEvents(
  store: HubStore,
  stationId: string,
  events: readonly { id: string }[],
  now: number,
): Promise<PushResponse> {
  return store.tx(async (t) => {
    const res: PushResponse = { accepted: [], rejected: [], exceptions: [] };
    for (const raw of events) {
      const parsed = outboxEventSchema.safeParse(raw);
      if (!parsed.success) {
        res.rejected.push({ id: raw.id, reason: contractReason(raw, parsed.error) });
        continue;
      }
      const e = parsed.data;
      if (e.stationId !== stationId) {
        res.rejected.push({
          id: e.id,
          reason: `event from station ${e.stationId} sent with the token of ${stationId}`,
        });
        continue;
      }
      if (await t.events.insertIfNew(e, now)) {
        const raised = await applyOne(t, e, now);
        if (raised) res.exceptions.push(raised);
      }
      res.accepted.push(e.id);
    }
    return res;
  });
}
