// Order scans: intercept what must not be packed (拦截), otherwise open a pack on the order.
import { newId } from '../../../base/ids.js';
import type { Order } from '../../../contract/entities.js';
import { expandPackLines, suggestPackaging } from '../../../domain/packing/rules.js';
import { pickCarrier, preassignedWaybill } from './carrier.js';
import type { Alert, InterceptAlertCode, InterceptExtra, ParamsArg } from '../../../contract/station.js';
import { packerId, type ActivePack, type DeskContext, type Outcome } from './context.js';
import { advance } from './machine.js';
import { offerMerge } from './merge.js';
import { missingWechatPrinter } from '../labels/wechat-route.js';

function intercept<C extends InterceptAlertCode>(
  ctx: DeskContext,
  order: Order,
  code: C,
  clearBy: Alert['clearBy'],
  ...extra: ParamsArg<InterceptExtra<C>>
): Outcome {
  // A generic code is not tied to its params by TypeScript (microsoft/TypeScript#30581): the
  // signature checks them at every call.
  ctx.rt.alert = {
    kind: 'intercept',
    code,
    params: { orderId: order.id, ...extra[0] },
    orderId: order.id,
    clearBy,
    at: ctx.clock.now(),
  } as Alert;
  ctx.stores.outbox.append(
    'order.intercepted',
    { orderId: order.id, reason: code, packId: ctx.rt.pack?.id ?? null },
    packerId(ctx),
  );
  return { verdict: 'order_intercepted', sound: 'intercept', detail: code };
}

/** The packer scanned an order (id, pick slip or waybill) with no pack open. */
export function scanOrder(ctx: DeskContext, order: Order): Outcome {
  switch (order.status) {
    case 'cancelled':
      return intercept(ctx, order, 'order_cancelled', 'ack');
    case 'packed':
      return intercept(ctx, order, 'order_packed', 'ack');
    case 'shipped':
      return intercept(ctx, order, 'order_shipped', 'ack');
    case 'held':
      return intercept(ctx, order, 'order_held', 'ack_or_supervisor', { reason: order.holdReason ?? '' });
    default:
      break;
  }
  if (order.flags.length > 0) {
    return intercept(ctx, order, 'order_flagged', 'ack_or_supervisor', { flags: order.flags.join(',') });
  }
  const ewaybill = missingWechatPrinter(ctx, order);
  if (ewaybill) return intercept(ctx, order, 'order_needs_wechat_printer', 'ack', ewaybill);
  return startPack(ctx, order);
}

export function startPack(ctx: DeskContext, order: Order): Outcome {
  const { catalog, orders } = ctx.stores;
  const lines = expandPackLines(order.lines, (id) => catalog.get(id), orders.parceledItems(order.id));
  if (lines.length === 0) return intercept(ctx, order, 'order_packed', 'ack');
  const categories = lines.map((l) => l.category);
  const rules = ctx.config.packing;
  const packaging = suggestPackaging(categories, rules.packaging);
  // Chosen again with the measured weight when the parcel is weighed; this is what the desk shows.
  const estimatedG = lines.reduce((g, l) => g + l.unitWeightG * l.expected, packaging.tareG);
  const pack: ActivePack = {
    id: newId(ctx.clock.now()),
    order: { ...order, status: 'packing' },
    lines,
    state: 'idle',
    parcelNo: 1,
    packaging,
    carrier:
      preassignedWaybill(ctx, order.id)?.carrier ??
      pickCarrier(ctx, { categories, valueFen: order.valueFen, province: order.address.province, weightG: estimatedG })
        .carrier,
    measuredG: null,
    startedAt: ctx.clock.now(),
    parceled: new Map(),
  };
  advance(ctx, pack, 'order_opened');
  offerMerge(ctx, pack);
  return { verdict: 'order_opened', sound: 'good' };
}

/**
 * An upstream change to an order (hub sync, import). A cancellation or change of an order that is
 * being packed here interrupts the pack with an intercept; it is never silently overwritten.
 */
export function applyOrderUpdate(ctx: DeskContext, order: Order): void {
  ctx.stores.orders.upsertOne(order);
  const pack = ctx.rt.pack;
  if (!pack || pack.order.id !== order.id) return;
  // A note added while packing (WeChat ext_info update: merchant or gift note) shows, and is read
  // out, at once; the slip prints it too.
  const { notes: _before, ...kept } = pack.order;
  pack.order = { ...kept, remark: order.remark, ...(order.notes ? { notes: order.notes } : {}) };
  if (order.status === 'cancelled') {
    ctx.stores.orders.setStatus(order.id, 'cancelled');
    intercept(ctx, order, 'order_cancelled', 'ack');
  } else if (order.status === 'held') {
    // Held upstream: it stays held once the packer acknowledges (endPack only reopens 'packing').
    ctx.stores.orders.setStatus(order.id, 'held', order.holdReason);
    intercept(ctx, order, 'order_changed', 'ack');
  } else if (order.flags.length > 0 || linesChanged(pack.order, order)) {
    // Keep the pack's status on the order while the packer reads the alert; ACK reopens it, and
    // the next scan sees the new lines (or the flags, and intercepts again).
    ctx.stores.orders.setStatus(order.id, 'packing', order.holdReason);
    intercept(ctx, order, 'order_changed', 'ack');
  }
}

/**
 * The hub refused this station's claim on the pack's order: another station packs it. CMD-ACK then
 * cancels the pack like any intercept on the order being packed (commands.ts acknowledge).
 */
export function interceptClaimed(ctx: DeskContext, packId: string, heldBy: string | null): boolean {
  const pack = ctx.rt.pack;
  if (!pack || pack.id !== packId) return false;
  // An intercept already on this order ends the pack at ACK anyway; keep the first reason on screen.
  if (ctx.rt.alert?.kind === 'intercept' && ctx.rt.alert.orderId === pack.order.id) return false;
  intercept(ctx, pack.order, 'order_claimed', 'ack', { station: heldBy ?? '?' });
  // No scan caused it, so no scan feedback carries the sound: ring it as an effect.
  ctx.effects.sounds.push('intercept');
  return true;
}

function linesChanged(before: Order, after: Order): boolean {
  const key = (o: Order) =>
    o.lines
      .map((l) => `${l.productId}x${l.qty}`)
      .sort()
      .join(',');
  const addr = (o: Order) => JSON.stringify([o.recipientName, o.recipientPhone, o.address]);
  return key(before) !== key(after) || addr(before) !== addr(after);
}
