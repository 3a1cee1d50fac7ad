// The weighing gate. A parcel is weighed once the scale reports a stable reading above the minimum
// *after having been cleared* — so the previous parcel, still on the platform, is never taken for
// the next one. Outside the window → weight exception (likely a missing or extra item).
import { newId } from '../../../base/ids.js';
import { withinWindow } from '../../../domain/packing/rules.js';
import type { ScaleView } from '../../../contract/station.js';
import { allVerified, openParcelItems, packerId, notice, type ActivePack, type DeskContext } from './context.js';
import { parcelWindow } from './items.js';
import { advance } from './machine.js';
import { createParcelLabel } from '../labels/create.js';
import { pickCarrier, preassignedWaybill } from './carrier.js';
import { shipMode, takeExtraBox } from './multi-parcel.js';
import { closeJoined, primaryItems } from './merge.js';

export type ReadingEffect = 'none' | 'accepted' | 'exception' | 'rearmed';

/** Feed one scale reading; returns what it changed (the caller commits and publishes). */
export function applyReading(ctx: DeskContext, reading: ScaleView): ReadingEffect {
  const rt = ctx.rt;
  rt.reading = reading;
  const min = ctx.config.packing.weight.minG;
  if (reading.status === 'ok' && reading.grams < min) {
    if (rt.scaleCleared) return 'none';
    rt.scaleCleared = true;
    return rt.pack?.state === 'exception' ? 'rearmed' : 'none';
  }
  const pack = rt.pack;
  if (!pack || !rt.scaleCleared || !reading.stable || reading.status !== 'ok') return 'none';
  if (pack.state === 'weighing' && !rt.alert && !rt.prompt) return judge(ctx, pack, reading.grams);
  if (pack.state === 'exception' && rt.alert?.code === 'weight_out_of_tolerance' && !rt.prompt) {
    // The packer lifted the parcel, fixed it and put it back: weigh again.
    return judge(ctx, pack, reading.grams);
  }
  return 'none';
}

function judge(ctx: DeskContext, pack: ActivePack, grams: number): ReadingEffect {
  const w = parcelWindow(ctx, pack);
  ctx.rt.scaleCleared = false;
  pack.measuredG = grams;
  // A CMD-SPLIT box holds part of a unit weighed with the parcel before it: no window to check.
  if (withinWindow(grams, w) || openParcelItems(pack).length === 0) {
    const wasException = pack.state === 'exception';
    ctx.rt.alert = null;
    acceptWeight(ctx, pack, grams, null);
    if (wasException) notice(ctx, 'success', 'weight_accepted', { grams });
    return 'accepted';
  }
  advance(ctx, pack, 'weight_out', { weight: { grams, window: w } });
  ctx.rt.alert = {
    kind: 'weight',
    code: 'weight_out_of_tolerance',
    params: { measuredG: grams, expectedG: w.expectedG, minG: w.minG, maxG: w.maxG, diffG: grams - w.expectedG },
    orderId: pack.order.id,
    clearBy: 'supervisor',
    at: ctx.clock.now(),
  };
  return 'exception';
}

/**
 * Closes the open parcel at `grams`: parcel + items + label (or label-pending) + outbox events, all in
 * the caller's transaction. Completes the pack when every line is verified, else opens the next parcel.
 */
export function acceptWeight(
  ctx: DeskContext,
  pack: ActivePack,
  grams: number,
  override: { supervisorId: string; reason: string } | null,
): void {
  const w = parcelWindow(ctx, pack);
  // A merged pack (合单): the primary order's parcel holds its own share; closeJoined the rest.
  const items = primaryItems(pack, openParcelItems(pack));
  const at = ctx.clock.now();
  const parcelId = newId(at);
  const valueFen = itemValue(pack, items);
  // With the real weight the routing rules may pick another carrier (a weight bracket) and give a
  // cost — unless WeChat already issued this order's first waybill (e-waybill), which fixes both.
  const preassigned = pack.parcelNo === 1 ? preassignedWaybill(ctx, pack.order.id) : null;
  const routed = pickCarrier(ctx, {
    categories: pack.lines.map((l) => l.category),
    valueFen: pack.order.valueFen,
    province: pack.order.address.province,
    weightG: grams,
  });
  const choice = preassigned
    ? { carrier: preassigned.carrier, costFen: preassigned.carrier === routed.carrier ? routed.costFen : null }
    : routed;
  pack.carrier = choice.carrier;
  // A 子母单's later parcels wait (label pending) for the child waybill the hub asks WeChat for.
  const child = pack.parcelNo > 1 && shipMode(ctx, pack) === 'suborder';
  const waybill = preassigned?.waybill ?? (child ? null : ctx.stores.pool.take(pack.carrier, parcelId, at));
  ctx.stores.packs.insertParcel({
    id: parcelId,
    packId: pack.id,
    orderId: pack.order.id,
    parcelNo: pack.parcelNo,
    weightG: grams,
    expectedG: w.expectedG,
    toleranceG: w.toleranceG,
    overrideBy: override?.supervisorId ?? null,
    overrideReason: override?.reason ?? null,
    packaging: pack.packaging.code,
    carrier: pack.carrier,
    waybill,
    costFen: choice.costFen,
    createdAt: at,
    items,
  });
  const byId = new Map(pack.lines.map((l) => [l.productId, l]));
  const itemCounts = items.map((i) => ({ productId: i.productId, sku: byId.get(i.productId)?.sku ?? '', qty: i.qty }));
  const pid = packerId(ctx);
  ctx.stores.outbox.append(
    'weight.accepted',
    {
      packId: pack.id,
      orderId: pack.order.id,
      parcelNo: pack.parcelNo,
      weightG: grams,
      expectedG: w.expectedG,
      toleranceG: w.toleranceG,
      override,
    },
    pid,
  );
  ctx.stores.outbox.append(
    'parcel.packed',
    {
      parcelId,
      packId: pack.id,
      orderId: pack.order.id,
      parcelNo: pack.parcelNo,
      carrier: pack.carrier,
      waybill,
      weightG: grams,
      packaging: pack.packaging.code,
      valueFen,
      costFen: choice.costFen,
      items: itemCounts,
    },
    pid,
  );
  createParcelLabel(ctx, { parcelId, pack, waybill, weightG: grams, items: itemCounts });
  closeJoined(ctx, pack, {
    parcelId,
    waybill,
    weightG: grams,
    expectedG: w.expectedG,
    toleranceG: w.toleranceG,
    costFen: choice.costFen,
  });
  for (const i of items) pack.parceled.set(i.productId, (pack.parceled.get(i.productId) ?? 0) + i.qty);
  pack.measuredG = grams;
  const last = allVerified(pack) && !takeExtraBox(pack);
  advance(ctx, pack, last ? 'last_weight_in' : 'weight_in');
  // The box CMD-SPLIT asked for has no units to scan: it goes straight to the scale.
  if (!last && allVerified(pack)) advance(ctx, pack, 'parcel_ready');
}

/** Order value share of this parcel: line prices by product, pro rata to units. */
function itemValue(pack: ActivePack, items: { productId: number; qty: number }[]): number {
  const orderUnits = pack.lines.reduce((n, l) => n + l.expected, 0);
  const units = items.reduce((n, i) => n + i.qty, 0);
  return orderUnits === 0 ? 0 : Math.round((pack.order.valueFen * units) / orderUnits);
}
