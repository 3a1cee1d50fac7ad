// Applying a station's outbox events at the hub: each by its id exactly once (a re-send is
// recognised and accepted without effect), in the order the station wrote them. Packing events
// become claims, shipments and — when the order was cancelled meanwhile or packed elsewhere —
// exceptions, never silent overwrites.
import { z } from 'zod';
import type { HubException, PushResponse } from '../../contract/sync.js';
import type { OutboxType } from '../../contract/events.js';
import { newId } from '../../base/ids.js';
import type { HubStore, HubTx, StoredEvent } from '../store/types.js';

const KNOWN: readonly OutboxType[] = [
  'packer.login',
  'packer.logout',
  'order.intercepted',
  'order.released',
  'order.held',
  'alert.acknowledged',
  'pack.started',
  'scan.recorded',
  'weight.exception',
  'weight.accepted',
  'parcel.packed',
  'label.printed',
  'label.pending',
  'parcel.waybill',
  'pack.completed',
  'pack.cancelled',
];

const items = z.array(z.object({ productId: z.number().int(), sku: z.string(), qty: z.number().int().min(1) }));
const PAYLOADS = {
  'pack.started': z.object({ packId: z.string(), orderId: z.string() }).passthrough(),
  'parcel.packed': z
    .object({
      parcelId: z.string(),
      packId: z.string(),
      orderId: z.string(),
      parcelNo: z.number().int(),
      carrier: z.string(),
      waybill: z.string().nullable(),
      weightG: z.number(),
      items,
    })
    .passthrough(),
  'parcel.waybill': z
    .object({ parcelId: z.string(), orderId: z.string(), carrier: z.string(), waybill: z.string() })
    .passthrough(),
  'pack.completed': z.object({ packId: z.string(), orderId: z.string() }).passthrough(),
  'pack.cancelled': z.object({ packId: z.string(), orderId: z.string() }).passthrough(),
  'order.held': z.object({ orderId: z.string(), reason: z.string() }).passthrough(),
} as const;

function exception(
  orderId: string,
  stationId: string,
  kind: HubException['kind'],
  detail: string,
  at: number,
): HubException {
  return { id: newId(at), orderId, stationId, kind, detail, at };
}

/** The side effects of one new event; returns any exception it raised. */
async function applyOne(t: HubTx, e: StoredEvent, now: number): Promise<HubException | null> {
  const schema = PAYLOADS[e.type as keyof typeof PAYLOADS];
  if (!schema) return null; // stored for statistics; nothing else to do
  const p = schema.parse(e.payload) as Record<string, unknown> & { orderId: string };
  const order = await t.orders.get(p.orderId);
  switch (e.type) {
    case 'pack.started': {
      const claim = await t.claims.get(p.orderId);
      if (!claim) await t.claims.set(p.orderId, e.stationId, String(p.packId), e.at);
      return null;
    }
    case 'parcel.packed': {
      const parcel = PAYLOADS['parcel.packed'].parse(e.payload);
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
    case 'parcel.waybill': {
      const w = PAYLOADS['parcel.waybill'].parse(e.payload);
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
      await t.claims.release(p.orderId, String(p.packId));
      // Every parcel of the pack is known now: report them together (one delivery_list).
      for (const s of await t.shipments.forOrder(p.orderId)) {
        if (s.packId !== p.packId || s.state !== 'packing') continue;
        await t.shipments.update(s.parcelId, { state: s.waybill ? 'pending' : 'waiting_waybill', nextAt: now });
      }
      return null;
    }
    case 'pack.cancelled':
      await t.claims.release(p.orderId, String(p.packId));
      return null;
    case 'order.held':
      if (order && order.status === 'open') await t.orders.setStatus(p.orderId, 'held', String(p.reason), e.at);
      return null;
    default:
      return null;
  }
}

export async function applyEvents(
  store: HubStore,
  stationId: string,
  events: StoredEvent[],
  now: number,
): Promise<PushResponse> {
  return store.tx(async (t) => {
    const res: PushResponse = { accepted: [], rejected: [], exceptions: [] };
    for (const e of events) {
      if (e.stationId !== stationId) {
        res.rejected.push({
          id: e.id,
          reason: `event from station ${e.stationId} sent with the token of ${stationId}`,
        });
        continue;
      }
      if (!(KNOWN as readonly string[]).includes(e.type)) {
        res.rejected.push({ id: e.id, reason: `unknown event type "${e.type}"` });
        continue;
      }
      const schema = PAYLOADS[e.type as keyof typeof PAYLOADS];
      const check = schema?.safeParse(e.payload);
      if (check && !check.success) {
        res.rejected.push({
          id: e.id,
          reason: `${e.type} payload: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
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
