// The desk side of multi-parcel shipments (wechat-api-2.md §5): whether the open pack ships as a
// 子母单 or as separate waybills, the split rules (domain/packing/split.ts) applied to scans and
// commands, and CMD-SPLIT (one more box for what is in the open parcel).
import {
  refuseExtraBox,
  refuseItem,
  refuseNext,
  type ShipMode,
  type SplitPack,
  type SplitRefusal,
} from '../../../domain/packing/split.js';
import { notice, type ActivePack, type DeskContext, type Outcome } from './context.js';
import type { Order } from '../../../contract/entities.js';

/** The carriers this station treats as 子母单 carriers (packing.carriers.subOrder; default contract/multi-parcel.ts). */
export function suborderCarriers(ctx: DeskContext): readonly string[] {
  return ctx.config.packing.carriers.subOrder;
}

/**
 * A Channels order whose e-waybill the hub took with a 子母单 carrier ships as one 子母单: parcel 1
 * carries the parent waybill, the others child waybills the hub asks WeChat for (addsuborder).
 * Anything else (pool numbers, mini-program, other carriers) ships parcel by parcel.
 */
export function shipMode(ctx: DeskContext, pack: ActivePack): ShipMode {
  return awaitsChildWaybill(ctx, pack.order, 2) ? 'suborder' : 'split';
}

function view(ctx: DeskContext, pack: ActivePack): SplitPack {
  return {
    channel: pack.order.channel,
    mode: shipMode(ctx, pack),
    parcelNo: pack.parcelNo,
    lines: pack.lines,
    parceled: pack.parceled,
  };
}

function refused(ctx: DeskContext, r: SplitRefusal, detail: string): Outcome {
  switch (r.code) {
    case 'split_sku_closed':
      notice(ctx, 'warn', 'split_sku_closed', { sku: r.sku });
      break;
    case 'split_sku_partial':
      notice(ctx, 'warn', 'split_sku_partial', { sku: r.sku, inParcel: r.inParcel, expected: r.expected });
      break;
    case 'split_qty1':
      notice(ctx, 'warn', 'split_qty1', { sku: r.sku, carriers: r.carriers });
      break;
    case 'split_parcel_limit':
      notice(ctx, 'warn', 'split_parcel_limit', { max: r.max });
      break;
  }
  return { verdict: 'blocked', sound: 'error', detail: `${r.code}:${detail}` };
}

/** Units of these products scanned into the open parcel: a refusal outcome, or null when allowed. */
export function refuseItemScan(ctx: DeskContext, pack: ActivePack, productIds: readonly number[]): Outcome | null {
  const v = view(ctx, pack);
  for (const id of productIds) {
    const r = refuseItem(v, id);
    if (r) return refused(ctx, r, String(id));
  }
  return null;
}

/** CMD-NEXT: a refusal outcome, or null when the open parcel may be closed. */
export function refuseNextParcel(ctx: DeskContext, pack: ActivePack): Outcome | null {
  // A merged pack (合单) is one parcel under one waybill.
  if (pack.joined?.length) {
    notice(ctx, 'warn', 'command_not_now', { command: 'NEXT' });
    return { verdict: 'command_rejected', sound: 'error', detail: 'NEXT' };
  }
  const r = refuseNext(view(ctx, pack));
  return r ? refused(ctx, r, 'NEXT') : null;
}

/**
 * CMD-SPLIT: the open parcel needs one more box. A 子母单 takes it (the box after this parcel is
 * weighed carries no units of its own and gets a child waybill); separate waybills cannot.
 */
export function runSplit(ctx: DeskContext): Outcome {
  const pack = ctx.rt.pack;
  if (!pack || ctx.rt.alert || pack.joined?.length || (pack.state !== 'verifying' && pack.state !== 'weighing')) {
    notice(ctx, 'warn', 'command_not_now', { command: 'SPLIT' });
    return { verdict: 'command_rejected', sound: 'error', detail: 'SPLIT' };
  }
  const r = refuseExtraBox(view(ctx, pack), suborderCarriers(ctx));
  if (r) return refused(ctx, r, 'SPLIT');
  pack.extraBoxes = (pack.extraBoxes ?? 0) + 1;
  notice(ctx, 'info', 'split_extra_box', { parcelNo: pack.parcelNo + pack.extraBoxes });
  return { verdict: 'command', sound: 'good', detail: 'SPLIT' };
}

/** After a parcel is weighed: is another box still owed (CMD-SPLIT)? Takes it when so. */
export function takeExtraBox(pack: ActivePack): boolean {
  if (!pack.extraBoxes) return false;
  pack.extraBoxes -= 1;
  return true;
}

/** A closed parcel of a 子母单 after the first: its waybill is the hub's child number, not the pool's. */
export function awaitsChildWaybill(ctx: DeskContext, order: Order, parcelNo: number): boolean {
  if (parcelNo <= 1 || order.channel !== 'channels_shop') return false;
  const pre = ctx.stores.sync.preassigned(order.id);
  return pre !== null && suborderCarriers(ctx).includes(pre.carrier);
}
