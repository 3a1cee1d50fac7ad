// Waybill numbers arrived (import, hub, demo): give them to parcels whose labels were pending, oldest
// first, and queue those labels. Runs inside the caller's transaction.
import { buildLabelModel } from './create.js';
import { packerId, type DeskContext } from '../packing/context.js';

export function assignPendingWaybills(ctx: DeskContext, carrier: string): number {
  const { labels, packs, pool, orders, packers, outbox } = ctx.stores;
  let assigned = 0;
  for (const label of labels.pendingFor(carrier)) {
    const parcel = packs.parcel(label.parcel_id);
    const order = orders.get(label.order_id);
    if (!parcel || !order) continue;
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
    ctx.effects.print.push(label.id);
    assigned++;
  }
  return assigned;
}
