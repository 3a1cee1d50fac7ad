// Merge (合单) at the desk. When the packer opens an order and other open orders of the same buyer
// and address wait here, the desk says so; CMD-MERGE (scanner only) joins them to the open pack:
// their lines are verified with it, they go in one parcel under one waybill, and each order gets
// its own pack, parcel and events, so the hub reports every one of them to WeChat with that
// waybill. A joined order's pack ends with the primary one (cancelled or held: they go back open).
import { newId } from '../../../base/ids.js';
import type { Order, PackLine } from '../../../contract/entities.js';
import { expandPackLines } from '../../../domain/packing/rules.js';
import { mergeCandidates } from '../../../domain/packing/merge.js';
import { notice, packerId, type ActivePack, type DeskContext, type Outcome, type Stores } from './context.js';

/** desk_state key of the merge in progress, so a restart resumes it (restoreMerge). */
const MERGE_KEY = 'merge';

interface SavedMerge {
  packId: string;
  joined: { packId: string; orderId: string }[];
}

export interface JoinedOrder {
  packId: string;
  order: Order;
  /** This order's own lines (what its parcel holds). */
  lines: PackLine[];
}

function candidates(ctx: DeskContext, order: Order): Order[] {
  const buyerId = ctx.stores.orders.buyerOf(order.id);
  if (!buyerId) return [];
  return mergeCandidates(order, ctx.stores.orders.openOfBuyer(buyerId, order.id), buyerId);
}

/** Called when a pack opens: other open orders of this buyer and address are offered (CMD-MERGE). */
export function offerMerge(ctx: DeskContext, pack: ActivePack): void {
  const others = candidates(ctx, pack.order);
  if (others.length > 0)
    notice(ctx, 'info', 'merge_offer', { count: others.length, orderIds: others.map((o) => o.id).join(', ') });
}

/** CMD-MERGE: join every candidate to the open pack, before its first parcel is closed. */
export function runMerge(ctx: DeskContext): Outcome {
  const pack = ctx.rt.pack;
  const reject = (): Outcome => {
    notice(ctx, 'warn', 'command_not_now', { command: 'MERGE' });
    return { verdict: 'command_rejected', sound: 'error', detail: 'MERGE' };
  };
  if (!pack || ctx.rt.alert || pack.state !== 'verifying' || pack.parcelNo !== 1 || pack.parceled.size > 0)
    return reject();
  const others = candidates(ctx, pack.order);
  if (others.length === 0) {
    notice(ctx, 'warn', 'merge_none');
    return { verdict: 'command_rejected', sound: 'error', detail: 'MERGE' };
  }
  const { catalog, orders, packs, outbox } = ctx.stores;
  const at = ctx.clock.now();
  const joined = [...(pack.joined ?? [])];
  for (const order of others) {
    const lines = expandPackLines(order.lines, (id) => catalog.get(id), orders.parceledItems(order.id));
    if (lines.length === 0) continue;
    const packId = newId(at);
    packs.create(
      {
        id: packId,
        orderId: order.id,
        stationId: ctx.stationId,
        packerId: packerId(ctx),
        state: 'verifying',
        packaging: pack.packaging.code,
        carrier: pack.carrier,
        // Just before the primary's: after a restart the desk resumes the primary pack (newest open).
        startedAt: pack.startedAt - 1,
      },
      lines,
    );
    orders.setStatus(order.id, 'packing');
    outbox.append(
      'pack.started',
      {
        packId,
        orderId: order.id,
        channel: order.channel,
        units: lines.reduce((n, l) => n + l.expected, 0),
        lines: lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.expected })),
        paidAt: order.paidAt,
      },
      packerId(ctx),
    );
    for (const l of lines) {
      const mine = pack.lines.find((x) => x.productId === l.productId);
      if (mine) mine.expected += l.expected;
      else pack.lines.push({ ...l, scanned: 0 });
    }
    joined.push({ packId, order: { ...order, status: 'packing' }, lines });
  }
  pack.joined = joined;
  ctx.stores.desk.set(MERGE_KEY, {
    packId: pack.id,
    joined: joined.map((j) => ({ packId: j.packId, orderId: j.order.id })),
  } satisfies SavedMerge);
  notice(ctx, 'success', 'merge_joined', {
    count: joined.length + 1,
    orderIds: [pack.order.id, ...joined.map((j) => j.order.id)].join(', '),
  });
  return { verdict: 'command', sound: 'good', detail: 'MERGE' };
}

/** The primary order's share of the parcel: what the joined orders do not take. */
export function primaryItems(
  pack: ActivePack,
  items: { productId: number; qty: number }[],
): { productId: number; qty: number }[] {
  if (!pack.joined?.length) return items;
  return items
    .map((i) => {
      const taken = pack.joined?.reduce(
        (n, j) => n + (j.lines.find((l) => l.productId === i.productId)?.expected ?? 0),
        0,
      );
      return { productId: i.productId, qty: i.qty - (taken ?? 0) };
    })
    .filter((i) => i.qty > 0);
}

/**
 * The merged parcel was weighed: each joined order gets its parcel (its own items, the shared
 * waybill in its events) and its pack completes. The waybill is unique per parcel row, so a
 * joined order's row leaves it empty; the events carry it to the hub.
 */
export function closeJoined(
  ctx: DeskContext,
  pack: ActivePack,
  shared: {
    parcelId: string;
    waybill: string | null;
    weightG: number;
    expectedG: number;
    toleranceG: number;
    costFen: number | null;
  },
): void {
  if (!pack.joined?.length) return;
  const waiting: { parcelId: string; orderId: string }[] = [];
  const { packs, orders, outbox } = ctx.stores;
  const at = ctx.clock.now();
  const pid = packerId(ctx);
  const total = pack.lines.reduce((n, l) => n + l.expected, 0);
  for (const j of pack.joined) {
    const parcelId = newId(at);
    const items = j.lines.map((l) => ({ productId: l.productId, qty: l.expected }));
    const units = items.reduce((n, i) => n + i.qty, 0);
    const weightG = total === 0 ? 0 : Math.round((shared.weightG * units) / total);
    packs.insertParcel({
      id: parcelId,
      packId: j.packId,
      orderId: j.order.id,
      parcelNo: 1,
      weightG,
      expectedG: shared.expectedG,
      toleranceG: shared.toleranceG,
      overrideBy: null,
      overrideReason: null,
      packaging: pack.packaging.code,
      carrier: pack.carrier,
      waybill: null,
      costFen: null,
      createdAt: at,
      items,
    });
    for (const l of j.lines) packs.setScanned(j.packId, l.productId, l.expected);
    outbox.append(
      'parcel.packed',
      {
        parcelId,
        packId: j.packId,
        orderId: j.order.id,
        parcelNo: 1,
        carrier: pack.carrier,
        waybill: shared.waybill,
        weightG,
        packaging: pack.packaging.code,
        valueFen: j.order.valueFen,
        costFen: null,
        items: j.lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.expected })),
      },
      pid,
    );
    if (shared.waybill === null) waiting.push({ parcelId, orderId: j.order.id });
    packs.end(j.packId, 'done', at, 'completed');
    orders.setStatus(j.order.id, 'packed');
    outbox.append(
      'pack.completed',
      {
        packId: j.packId,
        orderId: j.order.id,
        parcels: 1,
        units,
        startedAt: pack.startedAt,
        durationMs: at - pack.startedAt,
      },
      pid,
    );
  }
  ctx.stores.desk.set(MERGE_KEY, null);
  // Label pending (empty pool): the joined parcels take the number when the shared label gets it.
  if (waiting.length > 0) ctx.stores.desk.set(`${WAITING_PREFIX}${shared.parcelId}`, waiting);
}

const WAITING_PREFIX = 'merge-waiting:';

/** The shared parcel's label got its waybill late: the joined orders' parcels are told it too. */
export function joinedWaybill(ctx: DeskContext, parcelId: string, carrier: string, waybill: string): void {
  const key = `${WAITING_PREFIX}${parcelId}`;
  const waiting = ctx.stores.desk.get<{ parcelId: string; orderId: string }[]>(key);
  if (!waiting) return;
  for (const w of waiting)
    ctx.stores.outbox.append(
      'parcel.waybill',
      { parcelId: w.parcelId, orderId: w.orderId, carrier, waybill },
      packerId(ctx),
    );
  ctx.stores.desk.set(key, null);
}

/** The merged pack was cancelled or held: the joined orders go back to the open queue. */
export function releaseJoined(ctx: DeskContext, pack: ActivePack): void {
  if (!pack.joined?.length) return;
  const { packs, orders, outbox } = ctx.stores;
  const at = ctx.clock.now();
  for (const j of pack.joined) {
    packs.end(j.packId, 'cancelled', at, 'cancelled');
    if (orders.get(j.order.id)?.status === 'packing') orders.setStatus(j.order.id, 'open');
    outbox.append('pack.cancelled', { packId: j.packId, orderId: j.order.id, reason: 'command' }, packerId(ctx));
  }
  pack.joined = [];
  ctx.stores.desk.set(MERGE_KEY, null);
}

/**
 * After a restart: the open (primary) pack gets its joined orders back. Units of products only a
 * joined order has are not kept per scan, so those lines start again at 0 (the packer scans them
 * again; they are in the box already). Shared products keep their count on the primary's lines.
 */
export function restoreMerge(stores: Stores, pack: ActivePack | null): ActivePack | null {
  const saved = stores.desk.get<SavedMerge>(MERGE_KEY);
  if (!pack || saved?.packId !== pack.id) return pack;
  const joined: JoinedOrder[] = [];
  for (const j of saved.joined) {
    const order = stores.orders.get(j.orderId);
    if (!order) continue;
    const lines = stores.packs.lines(j.packId).map((l) => ({ ...l, scanned: 0 }));
    for (const l of lines) {
      const mine = pack.lines.find((x) => x.productId === l.productId);
      if (mine) mine.expected += l.expected;
      else pack.lines.push({ ...l });
    }
    joined.push({ packId: j.packId, order, lines });
  }
  return { ...pack, joined };
}
