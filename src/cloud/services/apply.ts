// Applying a station's outbox events at the hub: each by its id exactly once (a re-send is
// recognised and accepted without effect; ids are unique per station, and another station's id is
// refused), whatever order a pack's parts arrive in (pack-parts.ts). Packing events become claims,
// shipments and — when the order was cancelled meanwhile or packed elsewhere — exceptions, never
// silent overwrites.
import { outboxEventSchema, type AnyOutboxEvent, type OutboxEvent } from '../../contract/events.js';
import type { HubException, PushResponse } from '../../contract/sync.js';
import { fieldProblems } from '../../contract/validation.js';
import { newId } from '../../base/ids.js';
import type { HubStore, HubTx } from '../store/types.js';
import { notePart, parcelWaybill, settlePack } from './pack-parts.js';
import { claimOrder } from './claims.js';
import type { StockConfig } from '../config-stock.js';
import { applyStockEvent, shipParcel } from './stock-apply.js';
import { applyHandoverClosed, applyHandoverScanned } from './handover.js';
import { StatsFolder } from './stats-fold.js';
import type { FoldSettings } from '../../domain/stats/cell-fold.js';

export interface ApplyOptions {
  /** stations.claimTtlS in ms: a lapsed claim of another station may be taken by pack.started. */
  claimTtlMs: number;
  /** Something an admin should see (an event id reused by another station). */
  warn?: (line: string, fields?: Record<string, unknown>) => void;
  /** The hub's stock section: packed parcels and the desk's stock events move stock when enabled. */
  stock?: StockConfig;
  /** The statistics cells' settings: each new event is folded into the cells in the same unit of work. */
  stats?: FoldSettings;
}

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
async function parcelPacked(
  t: HubTx,
  e: OutboxEvent<'parcel.packed'>,
  now: number,
  stock: StockConfig | undefined,
): Promise<HubException | null> {
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
    if (stock) await shipParcel(t, stock, parcel, e.at, e.packerId);
  }
  // Its waybill may have come first (parcel.waybill, label.printed); the parcel's own wins.
  const early = await t.packs.takeWaybill(parcel.parcelId);
  const waybill = parcel.waybill ?? early;
  if (waybill) await t.waybills.markUsed(parcel.carrier, waybill, e.stationId);
  await t.shipments.upsert({
    parcelId: parcel.parcelId,
    orderId: parcel.orderId,
    stationId: e.stationId,
    packId: parcel.packId,
    parcelNo: parcel.parcelNo,
    carrier: parcel.carrier,
    waybill,
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
  await notePart(t, { packId: parcel.packId, orderId: parcel.orderId, stationId: e.stationId }, now);
  // pack.completed may have come first: the pack may be complete with this parcel.
  if (state === 'packing') await settlePack(t, parcel.packId, now);
  return raised ? await t.exceptions.add(raised) : null;
}

/** An event of the pack (a scan, a weight, a parcel): the desk is still at it, so its claim holds. */
async function touchClaim(t: HubTx, e: AnyOutboxEvent, now: number): Promise<void> {
  const p = e.payload as { orderId?: unknown; packId?: unknown };
  if (typeof p.orderId === 'string' && typeof p.packId === 'string') await t.claims.touch(p.orderId, p.packId, now);
}

/** The side effects of one new event; returns any exception it raised. */
async function applyOne(t: HubTx, e: AnyOutboxEvent, now: number, opts: ApplyOptions): Promise<HubException | null> {
  await touchClaim(t, e, now);
  switch (e.type) {
    case 'pack.started': {
      // The station claims online as well (POST /v1/sync/claims); this covers a pack started offline.
      const { orderId, packId } = e.payload;
      const claim = await claimOrder(t, { orderId, stationId: e.stationId, packId }, now, opts.claimTtlMs);
      if (claim.takenFrom)
        opts.warn?.('a lapsed claim was taken over', { orderId, from: claim.takenFrom.stationId, to: e.stationId });
      return null;
    }
    case 'parcel.packed':
      return parcelPacked(t, e, now, opts.stock);
    case 'parcel.waybill': {
      const w = e.payload;
      await t.waybills.markUsed(w.carrier, w.waybill, e.stationId);
      await parcelWaybill(t, w, { replace: true }, now);
      return null;
    }
    case 'label.printed': {
      // The label carries the parcel's waybill: enough for a parcel whose parcel.waybill is missing.
      await parcelWaybill(t, e.payload, { replace: false }, now);
      // A 补打 (or a copy after an interrupted print) through WeChat's component: WeChat is told re_print 1.
      const l = e.payload;
      if (l.printedBy === 'wechat_component' && (l.reprint || l.uncertain === true))
        await t.ewaybillReprints.add({
          labelId: l.labelId,
          orderId: l.orderId,
          waybill: l.waybill,
          stationId: e.stationId,
          at: e.at,
        });
      return null;
    }
    case 'pack.completed': {
      const { orderId, packId, parcels } = e.payload;
      await t.claims.release(orderId, packId);
      // Report the pack's parcels together (one delivery_list) once every one of them is in.
      await notePart(t, { packId, orderId, stationId: e.stationId }, now);
      await t.packs.completed(packId, parcels);
      await settlePack(t, packId, now);
      return null;
    }
    case 'pack.cancelled':
      await t.claims.release(e.payload.orderId, e.payload.packId);
      return null;
    case 'order.held': {
      const { orderId, packId, reason } = e.payload;
      // The pack ended held: another desk may take the order up (once it is released).
      if (packId) await t.claims.release(orderId, packId);
      const order = await t.orders.get(orderId);
      if (order && order.status === 'open') await t.orders.setStatus(orderId, 'held', reason, e.at);
      return null;
    }
    case 'video.recorded': {
      const v = e.payload;
      await t.videoHashes.add({ ...v, stationId: e.stationId, at: e.at });
      return null;
    }
    case 'handover.scanned':
      await applyHandoverScanned(t, e);
      return null;
    case 'handover.closed':
      await applyHandoverClosed(t, e);
      return null;
    case 'stock.received':
    case 'stock.counted':
    case 'return.received':
      if (opts.stock) await applyStockEvent(t, e, opts.stock, now, (line, f) => opts.warn?.(line, { ...f }));
      return null;
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
  opts: ApplyOptions,
): Promise<PushResponse> {
  return store.tx(async (t) => {
    const res: PushResponse = { accepted: [], rejected: [], exceptions: [] };
    const cells = opts.stats ? await StatsFolder.open(t, opts.stats) : null;
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
        const raised = await applyOne(t, e, now, opts);
        await cells?.event(e);
        if (raised) res.exceptions.push(raised);
      } else {
        // Known: a re-send from this station, or another station's event under the same id.
        const owner = await t.events.stationOf(e.id);
        if (owner !== null && owner !== e.stationId) {
          const reason = `event id ${e.id} is already used by an event from station ${owner}: ids are unique per station, this ${e.type} is not applied`;
          res.rejected.push({ id: e.id, reason });
          opts.warn?.('event refused: its id belongs to another station', {
            stationId,
            owner,
            eventId: e.id,
            type: e.type,
          });
          continue;
        }
      }
      res.accepted.push(e.id);
    }
    await cells?.flush();
    return res;
  });
}
