// Opening and ending a pack: the rows, the order's status and the outbox events. The state machine
// (machine.ts) runs these as the effects of its transitions; nothing else opens or ends a pack.
import type { PackState } from '../../../contract/entities.js';
import { notice, packerId, type ActivePack, type DeskContext } from './context.js';
import { releaseJoined } from './merge.js';
import { insertsFor } from '../../../domain/packing/inserts.js';
import { queueSlip } from '../slips/build.js';

export interface EndDetail {
  cancel?: 'command' | 'order_cancelled' | 'order_changed';
  hold?: string;
}

/** Writes the new pack (in its first state) and makes it the desk's open pack. */
export function openPack(ctx: DeskContext, pack: ActivePack): void {
  const { packs, orders, outbox } = ctx.stores;
  const order = pack.order;
  packs.create(
    {
      id: pack.id,
      orderId: order.id,
      stationId: ctx.stationId,
      packerId: packerId(ctx),
      state: pack.state,
      packaging: pack.packaging.code,
      carrier: pack.carrier,
      startedAt: pack.startedAt,
    },
    pack.lines,
  );
  orders.setStatus(order.id, 'packing');
  outbox.append(
    'pack.started',
    {
      packId: pack.id,
      orderId: order.id,
      channel: order.channel,
      units: pack.lines.reduce((n, l) => n + l.expected, 0),
      lines: pack.lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.expected })),
      paidAt: order.paidAt,
    },
    packerId(ctx),
  );
  pack.inserts ??= insertsFor(ctx.config.packing.inserts, order);
  ctx.rt.pack = pack;
  ctx.rt.qty = null;
  ctx.rt.notice = null;
}

/**
 * Closes the open pack in `state` (labeling = completed, held, cancelled). A cancelled pack gives the
 * order back, unless it was cancelled upstream.
 */
export function endPack(ctx: DeskContext, pack: ActivePack, state: PackState, detail: EndDetail = {}): void {
  const { packs, orders, outbox } = ctx.stores;
  const at = ctx.clock.now();
  const reason = state === 'held' ? 'held' : state === 'cancelled' ? 'cancelled' : 'completed';
  packs.end(pack.id, state, at, reason);
  if (reason === 'completed') {
    orders.setStatus(pack.order.id, 'packed');
    const units = pack.lines.reduce((n, l) => n + l.scanned, 0);
    outbox.append(
      'pack.completed',
      {
        packId: pack.id,
        orderId: pack.order.id,
        parcels: pack.parcelNo,
        units,
        startedAt: pack.startedAt,
        durationMs: at - pack.startedAt,
      },
      packerId(ctx),
    );
    ctx.rt.lastPackId = pack.id;
    queueSlip(ctx, pack);
  } else if (reason === 'held') {
    releaseJoined(ctx, pack);
    const why = detail.hold ?? 'OTHER';
    orders.setStatus(pack.order.id, 'held', why);
    outbox.append('order.held', { orderId: pack.order.id, packId: pack.id, reason: why }, packerId(ctx));
    ctx.rt.lastPackId = pack.id;
    notice(ctx, 'warn', 'order_held', { orderId: pack.order.id, reason: why });
  } else {
    releaseJoined(ctx, pack);
    const cancel = detail.cancel ?? 'command';
    const current = orders.get(pack.order.id);
    // An order cancelled upstream stays cancelled; otherwise it goes back to the open queue.
    if (current && current.status === 'packing') orders.setStatus(pack.order.id, 'open');
    outbox.append('pack.cancelled', { packId: pack.id, orderId: pack.order.id, reason: cancel }, packerId(ctx));
    notice(ctx, 'warn', 'pack_cancelled', { orderId: pack.order.id });
  }
  ctx.rt.pack = null;
  ctx.rt.qty = null;
  ctx.rt.prompt = null;
}
