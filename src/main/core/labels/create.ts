// Creating label rows. A parcel with a waybill gets a queued label that prints after commit; one
// without (empty pool) is kept as "label pending" and prints when numbers arrive (assignWaybills).
import { newId } from '../../../base/ids.js';
import type { ItemCount } from '../../../contract/events.js';
import type { LabelModel } from '../../../contract/label.js';
import type { Order } from '../../../contract/entities.js';
import { localDateTime } from '../../../base/time.js';
import { notice, packerId, type ActivePack, type DeskContext } from '../packing/context.js';
import { carrierNames } from '../packing/carrier.js';
import { maskedFields } from '../../../domain/label/masked.js';
import { wechatTaskFor } from './wechat-route.js';

export interface LabelInput {
  labelId: string;
  parcelId: string;
  parcelNo: number;
  order: Order;
  carrier: string;
  waybill: string;
  weightG: number;
  packaging: string;
  items: { sku: string; title: string; qty: number }[];
  packer: { id: string; name: string };
  reprint: boolean;
  at: number;
}

export function buildLabelModel(ctx: DeskContext, input: LabelInput): LabelModel {
  const cfg = ctx.config;
  const o = input.order;
  const units = input.items.reduce((n, i) => n + i.qty, 0);
  return {
    labelId: input.labelId,
    parcelId: input.parcelId,
    orderId: o.id,
    parcelNo: input.parcelNo,
    carrier: { code: input.carrier, name: carrierNames(ctx)[input.carrier] ?? input.carrier },
    waybill: input.waybill,
    recipient: {
      name: o.recipientName,
      phone: o.recipientPhone,
      address: `${o.address.province}${o.address.city}${o.address.district}${o.address.detail}`,
    },
    sender: { ...cfg.packing.sender },
    itemSummary: input.items.map((i) => `${i.title}×${i.qty}`).join(' / '),
    units,
    weightG: input.weightG,
    packaging: input.packaging,
    station: { id: ctx.stationId, name: cfg.station.name ?? ctx.stationId },
    packer: input.packer,
    printedAt: input.at,
    dateText: localDateTime(input.at, cfg.station.timezone),
    reprint: input.reprint,
    remark: o.remark,
  };
}

export function createParcelLabel(
  ctx: DeskContext,
  p: { parcelId: string; pack: ActivePack; waybill: string | null; weightG: number; items: ItemCount[] },
): void {
  const at = ctx.clock.now();
  const labelId = newId(at);
  if (p.waybill === null) {
    ctx.stores.labels.insert(labelId, p.parcelId, 'pending_waybill', false, null, at);
    ctx.stores.outbox.append(
      'label.pending',
      { parcelId: p.parcelId, orderId: p.pack.order.id, carrier: p.pack.carrier },
      packerId(ctx),
    );
    notice(ctx, 'warn', 'label_pending', { carrier: p.pack.carrier, orderId: p.pack.order.id });
    return;
  }
  const titles = new Map(p.pack.lines.map((l) => [l.productId, l.title]));
  const model = buildLabelModel(ctx, {
    labelId,
    parcelId: p.parcelId,
    parcelNo: p.pack.parcelNo,
    order: p.pack.order,
    carrier: p.pack.carrier,
    waybill: p.waybill,
    weightG: p.weightG,
    packaging: p.pack.packaging.code,
    items: p.items.map((i) => ({ sku: i.sku, title: titles.get(i.productId) ?? i.sku, qty: i.qty })),
    packer: { id: ctx.rt.packer?.id ?? '', name: ctx.rt.packer?.name ?? '' },
    reprint: false,
    at,
  });
  // Boxes the packer declared (CMD-SPLIT) fix the count before the children exist: a 子母单's parent
  // then prints 1/N through the component instead of 1/1.
  if (p.pack.extraBoxes) model.parcelCount = p.pack.parcelNo + p.pack.extraBoxes;
  // A masked receiver (a Channels privacy order) cannot be delivered from Packdesk's own label: keep
  // the row as failed with the reason, and tell the packer why instead of printing it.
  const masked = maskedFields(model.recipient);
  // …unless WeChat's print component prints it (a Channels e-waybill with print_info, wechat-route.ts).
  if (masked.length > 0 && !wechatTaskFor(ctx.stores.sync, model)) {
    ctx.stores.labels.insert(labelId, p.parcelId, 'failed', false, model, at);
    ctx.stores.labels.markError(labelId, `masked_address: ${masked.join(',')}`);
    notice(ctx, 'error', 'label_masked_address', { orderId: p.pack.order.id, fields: masked.join(',') });
    return;
  }
  ctx.stores.labels.insert(labelId, p.parcelId, 'queued', false, model, at);
  ctx.effects.print.push(labelId);
}
