// Which path a label takes (README "Labels: which path each channel takes"): a Channels order whose
// e-waybill came from WeChat with print_info prints through WeChat's print component — WeChat
// requires it, the label is its privacy label with 三段码 and 集包地 — and every other label is
// Packdesk's own (TSPL/ZPL/ESC-POS). A desk without the component refuses such an order at the
// order scan, before anyone packs it, rather than draw a label with a masked address.
import type { LabelModel } from '../../../contract/label.js';
import type { Order } from '../../../contract/entities.js';
import type { PrintNum } from '../../../hardware/printer/wechat-component-protocol.js';
import type { SyncStore } from '../../sync/store.js';
import type { DeskContext } from '../packing/context.js';
import { preassignedWaybill } from '../packing/carrier.js';

export interface WechatTask {
  printInfo: string;
  printNum: PrintNum;
}

/**
 * The component task for a label, or null when the label is Packdesk's own. A 子母单 label (a child,
 * or a JD label renumbered base-seq-total) prints from its own print_info with the counter n/N, N
 * being the parcel count; the parent prints 1/N once the count is known (children issued, or boxes
 * declared with CMD-SPLIT before it printed), 1/1 before.
 */
export function wechatTaskFor(sync: SyncStore, model: LabelModel): WechatTask | null {
  const p = sync.ewaybillPrint(model.orderId);
  if (!p) return null;
  const labels = p.labels ?? [];
  // The parcel count: the 子母单's labels once issued, else the boxes declared at the desk, else 1.
  const sumNum = labels.length || model.parcelCount || 1;
  const label = labels.find((l) => l.waybill === model.waybill);
  if (label?.printInfo) return { printInfo: label.printInfo, printNum: { curNum: label.parcelNo, sumNum } };
  // Only numbers WeChat issued with print_info: a pool number (a repack) or a child without one is ours.
  if (p.waybill !== model.waybill) return null;
  return { printInfo: p.printInfo, printNum: { curNum: 1, sumNum } };
}

/** The e-waybill that needs the component, when this desk has none; null when the order may be packed here. */
export function missingWechatPrinter(ctx: DeskContext, order: Order): { carrier: string; waybill: string } | null {
  if (ctx.config.devices.wechatComponent) return null;
  const pre = preassignedWaybill(ctx, order.id);
  const print = pre ? ctx.stores.sync.ewaybillPrint(order.id) : null;
  return pre && print?.waybill === pre.waybill ? pre : null;
}
