// 子母单 labels at the station (wechat-api-2.md §5.2). A 子母单's later parcels are closed with no
// waybill (label pending, like an empty pool) and wait for the child waybills the hub asks WeChat
// for once the pack's parcel count is known. When they arrive with the order, each child label is
// queued in parcel order; a label whose printed number changed (JD renumbers every label
// base-seq-total when children are added) is printed again, marked as a reprint.
import { newId } from '../../../base/ids.js';
import type { LabelModel } from '../../../contract/label.js';
import type { SubWaybill } from '../../../contract/multi-parcel.js';
import { localDateTime } from '../../../base/time.js';
import { notice, packerId, type DeskContext } from '../packing/context.js';
import { buildLabelModel } from './create.js';
import { maskedFields } from '../../../domain/label/masked.js';
import { wechatTaskFor } from './wechat-route.js';

/** How a label refused for a masked receiver is marked (its error). */
const MASKED_REFUSAL = 'masked_address: ';

/** Applies the hub's labels of one 子母单; returns how many labels were queued (new or reprinted). */
export function applySubWaybills(ctx: DeskContext, orderId: string, subs: readonly SubWaybill[]): number {
  const { packs, labels, orders, packers, outbox } = ctx.stores;
  const order = orders.get(orderId);
  if (!order) return 0;
  const parcels = packs.parcelsOfOrder(orderId);
  let queued = 0;
  for (const sub of [...subs].sort((a, b) => a.parcelNo - b.parcelNo)) {
    const parcel = parcels.find((p) => p.parcel_no === sub.parcelNo);
    if (!parcel) continue;
    const rows = labels.ofParcel(parcel.id);
    const at = ctx.clock.now();
    const pending = rows.find((l) => l.status === 'pending_waybill');
    if (parcel.waybill === null && pending) {
      const row = packs.parcel(parcel.id);
      if (!row) continue;
      const pack = packs.get(row.pack_id);
      const packer = pack?.packer_id ? packers.get(pack.packer_id) : undefined;
      packs.setWaybill(parcel.id, sub.waybill);
      const model = buildLabelModel(ctx, {
        labelId: pending.id,
        parcelId: parcel.id,
        parcelNo: parcel.parcel_no,
        order,
        carrier: row.carrier,
        waybill: sub.waybill,
        weightG: row.weight_g,
        packaging: row.packaging,
        items: packs.parcelItems(parcel.id),
        packer: { id: packer?.id ?? '', name: packer?.name ?? '' },
        reprint: false,
        at,
      });
      labels.assignModel(pending.id, model);
      outbox.append(
        'parcel.waybill',
        { parcelId: parcel.id, orderId, carrier: row.carrier, waybill: sub.waybill },
        packerId(ctx),
      );
      // WeChat's print component prints the child from its own print_info (wechat-route.ts); without
      // one, a masked receiver's label is refused as at creation (create.ts), never drawn here.
      if (refusedMasked(ctx, model)) {
        labels.refuse(pending.id, `${MASKED_REFUSAL}${maskedFields(model.recipient).join(',')}`);
        continue;
      }
      ctx.effects.print.push(pending.id);
      queued++;
      continue;
    }
    // Printed already: only a renumbered label (JD) is printed again, with the carrier's new number.
    const last = rows.filter((l) => l.model !== null).pop();
    if (!last?.model) continue;
    const model = JSON.parse(last.model) as LabelModel;
    if (model.waybill === sub.waybill) {
      // Refused for want of print_info, which the hub has fetched since: it prints now (first print).
      if (last.status === 'failed' && last.error?.startsWith(MASKED_REFUSAL) && wechatTaskFor(ctx.stores.sync, model)) {
        labels.assignModel(last.id, model);
        ctx.effects.print.push(last.id);
        queued++;
      }
      continue;
    }
    const labelId = newId(at);
    const renumbered: LabelModel = {
      ...model,
      labelId,
      waybill: sub.waybill,
      reprint: true,
      printedAt: at,
      dateText: localDateTime(at, ctx.config.station.timezone),
    };
    if (refusedMasked(ctx, renumbered)) continue;
    labels.insert(labelId, parcel.id, 'queued', true, renumbered, at);
    ctx.effects.print.push(labelId);
    queued++;
  }
  if (queued > 0) notice(ctx, 'info', 'suborder_labels', { orderId, count: queued });
  return queued;
}

/** A masked receiver's label the print component cannot take: the packer is told why, nothing prints. */
function refusedMasked(ctx: DeskContext, model: LabelModel): boolean {
  const masked = maskedFields(model.recipient);
  if (masked.length === 0 || wechatTaskFor(ctx.stores.sync, model)) return false;
  notice(ctx, 'error', 'label_masked_address', { orderId: model.orderId, fields: masked.join(',') });
  return true;
}
