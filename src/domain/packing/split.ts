// Split rules checked at the desk before anything is sent (wechat-api-2.md §5): a shipment split
// into several waybills must keep every unit of one SKU in one package (delivery/send 606030), a
// quantity-1 line cannot go under two waybills (use a 子母单 instead, §5.1), and a mini-program
// payment takes at most 15 parcels (§5.3). The SKU rules are delivery/send's, so they bind Channels
// orders; a 子母单 is one package for WeChat (the parent waybill with every product), so not it.
import { MINI_PROGRAM_MAX_PARCELS } from '../../contract/multi-parcel.js';
import type { Channel } from '../../contract/entities.js';

/** How the pack's parcels reach WeChat: each its own waybill, or one 子母单 (parent + children). */
export type ShipMode = 'split' | 'suborder';

export interface SplitLine {
  productId: number;
  sku: string;
  expected: number;
  scanned: number;
}

export interface SplitPack {
  channel: Channel;
  mode: ShipMode;
  /** The parcel being filled (1-based). */
  parcelNo: number;
  lines: readonly SplitLine[];
  /** Units of each product already closed into earlier parcels. */
  parceled: ReadonlyMap<number, number>;
}

export type SplitRefusal =
  /** A unit of a SKU whose other units are sealed in an earlier parcel. */
  | { code: 'split_sku_closed'; sku: string }
  /** Closing a parcel that holds only part of a SKU's units. */
  | { code: 'split_sku_partial'; sku: string; inParcel: number; expected: number }
  /** One unit under two waybills: only a 子母单 carrier can do that. */
  | { code: 'split_qty1'; sku: string; carriers: string }
  /** A mini-program payment takes at most 15 parcels. */
  | { code: 'split_parcel_limit'; max: number };

/**
 * The one-SKU-one-package rule is delivery/send's (606030), so it binds Channels orders shipped as
 * separate waybills; a mini-program upload lists parcels by description only (§5.3).
 */
function skuRuleApplies(pack: SplitPack): boolean {
  return pack.channel === 'channels_shop' && pack.mode === 'split';
}

function inOpenParcel(pack: SplitPack, line: SplitLine): number {
  return line.scanned - (pack.parceled.get(line.productId) ?? 0);
}

/** A unit of `productId` scanned into the open parcel: null when the rules allow it. */
export function refuseItem(pack: SplitPack, productId: number): SplitRefusal | null {
  if (!skuRuleApplies(pack)) return null;
  const line = pack.lines.find((l) => l.productId === productId);
  if (!line) return null;
  return (pack.parceled.get(productId) ?? 0) > 0 ? { code: 'split_sku_closed', sku: line.sku } : null;
}

/** CMD-NEXT: close the open parcel and start another. Null when allowed. */
export function refuseNext(pack: SplitPack): SplitRefusal | null {
  if (pack.channel === 'mini_program' && pack.parcelNo >= MINI_PROGRAM_MAX_PARCELS)
    return { code: 'split_parcel_limit', max: MINI_PROGRAM_MAX_PARCELS };
  if (!skuRuleApplies(pack)) return null;
  for (const line of pack.lines) {
    const open = inOpenParcel(pack, line);
    if (open > 0 && line.scanned < line.expected)
      return { code: 'split_sku_partial', sku: line.sku, inParcel: open, expected: line.expected };
  }
  return null;
}

/**
 * CMD-SPLIT: the open parcel's contents need one more box (a unit too big for one). Only a 子母单
 * can ship one unit in two boxes; under separate waybills it is refused, naming the carriers that can.
 */
export function refuseExtraBox(pack: SplitPack, suborderCarriers: readonly string[]): SplitRefusal | null {
  if (pack.channel === 'mini_program' && pack.parcelNo >= MINI_PROGRAM_MAX_PARCELS)
    return { code: 'split_parcel_limit', max: MINI_PROGRAM_MAX_PARCELS };
  if (pack.mode === 'suborder') return null;
  const line = pack.lines.find((l) => inOpenParcel(pack, l) > 0) ?? pack.lines[0];
  return { code: 'split_qty1', sku: line?.sku ?? '', carriers: suborderCarriers.join(', ') };
}
