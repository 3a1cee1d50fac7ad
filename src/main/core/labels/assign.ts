// Waybill numbers arrived (import, hub, demo): give them to parcels whose labels were pending, oldest
// first, and queue those labels. Runs inside the caller's transaction.
import { buildLabelModel } from './create.js';
import { packerId, type DeskContext } from '../packing/context.js';
import { awaitsChildWaybill } from '../packing/multi-parcel.js';
import { joinedWaybill } from '../packing/merge.js';
import { maskedFields } from '../../../domain/label/masked.js';
import { wechatTaskFor } from './wechat-route.js';

export function assignPendingWaybills(ctx: DeskContext, carrier: string): number {
  const { labels, packs, pool, orders, packers, outbox } = ctx.stores;
  let assigned = 0;
  for (const label of labels.pendingFor(carrier)) {
    const parcel = packs.parcel(label.parcel_id);
    const order = orders.get(label.order_id);
    if (!parcel || !order) continue;
    // A 子母单 child takes the hub's child waybill (applySubWaybills), never a pool number.
    if (awaitsChildWaybill(ctx, order, parcel.parcel_no)) continue;
    const at = ctx.clock.now();
    const waybill = pool.take(carrier, parcel.id, at);
    if (!waybill) break;
    packs.setWaybill(parcel.id, waybill);
    const pack = packs.get(parcel.pack_id);
    const packer = pack?.packer_id ? packers.get(pack.packer_id) : undefined;
    const model = buildLabelModel(ctx, {
      labelId: label.id,
      parcelId: parcel.id,
      parcelNo: parcel.parcel_no,
      order,
      carrier,
      waybill,
      weightG: parcel.weight_g,
      packaging: parcel.packaging,
      items: packs.parcelItems(parcel.id),
      packer: { id: packer?.id ?? '', name: packer?.name ?? '' },
      reprint: false,
      at,
    });
    labels.assignModel(label.id, model);
    outbox.append('parcel.waybill', { parcelId: parcel.id, orderId: order.id, carrier, waybill }, packerId(ctx));
    joinedWaybill(ctx, parcel.id, carrier, waybill); // a merged parcel (合单): its other orders too
    assigned++;
    // The same refusal as at creation (create.ts): a masked receiver's label never prints here.
    const masked = maskedFields(model.recipient);
    if (masked.length > 0 && !wechatTaskFor(ctx.stores.sync, model)) {
      labels.refuse(label.id, `masked_address: ${masked.join(',')}`);
      continue;
    }
    ctx.effects.print.push(label.id);
  }
  return assigned;
}
