// 子母单 at the hub (wechat-api-2.md §5.2). Where children are requested: here, once the station has
// reported the pack's parcel count (pack.completed) and its parcels after the first came without a
// waybill — one addsuborder for all of them, so the carrier renumbers (JD) at most once and no
// append races the create (10025024). The parent is what delivery/send reports, with every product
// of the pack in that one package; the children travel inside it.
import { SUBORDER_CARRIERS, RENUMBERING_CARRIERS, type SubWaybill } from '../../contract/multi-parcel.js';
import type { DeliveryPackage } from '../wechat/index.js';
import type { HubOrderRow, HubTx, ShipmentRow } from '../store/types.js';

/** The order's e-waybill was taken with a 子母单 carrier: its later parcels get child waybills. */
export async function isSuborder(t: HubTx, orderId: string): Promise<boolean> {
  const e = await t.ewaybills.get(orderId);
  return e !== undefined && e.waybill !== null && (SUBORDER_CARRIERS as readonly string[]).includes(e.carrier);
}

/**
 * Labels by parcel from addsuborder's waybill_id_list: the new children only, in parcel order — or,
 * for a carrier that renumbers (JD), every label including the parent's.
 */
export function subWaybillsOf(
  carrier: string,
  parentWaybill: string,
  parcelNos: readonly number[],
  waybillIds: readonly string[],
): SubWaybill[] {
  const sorted = [...parcelNos].sort((a, b) => a - b);
  if ((RENUMBERING_CARRIERS as readonly string[]).includes(carrier)) {
    if (waybillIds.length !== sorted.length + 1)
      throw new Error(`addsuborder (${carrier}): ${waybillIds.length} labels for ${sorted.length + 1} parcels`);
    return [1, ...sorted].map((parcelNo, i) => ({ parcelNo, waybill: waybillIds[i] ?? '' }));
  }
  if (waybillIds.length !== sorted.length)
    throw new Error(`addsuborder (${carrier}): ${waybillIds.length} children for ${sorted.length} parcels`);
  return [
    { parcelNo: 1, waybill: parentWaybill },
    ...sorted.map((parcelNo, i) => ({ parcelNo, waybill: waybillIds[i] ?? '' })),
  ];
}

/**
 * delivery/send for a 子母单: one package under the parent waybill carrying every product of the
 * parent and its children (§5.1: ship with the parent waybill_id). Other orders pass unchanged.
 */
export function collapseSuborder(
  order: Pick<HubOrderRow, 'subWaybills' | 'preassigned'>,
  parcels: readonly ShipmentRow[],
  packages: DeliveryPackage[],
): DeliveryPackage[] {
  const subs = order.subWaybills;
  if (!subs || subs.length === 0) return packages;
  const parentParcel = parcels.find((p) => p.parcelNo === 1 && p.waybill);
  const parent = parentParcel?.waybill ?? order.preassigned?.waybill;
  if (!parent) return packages;
  const children = new Set(subs.filter((s) => s.parcelNo > 1).map((s) => s.waybill));
  const inside = packages.filter((p) => p.waybillId === parent || children.has(p.waybillId));
  if (inside.length === 0) return packages;
  const counts = new Map<string, { productId: string; skuId: string; count: number }>();
  for (const p of inside)
    for (const item of p.products) {
      const key = `${item.productId}/${item.skuId}`;
      const seen = counts.get(key);
      if (seen) seen.count += item.count;
      else counts.set(key, { ...item });
    }
  const first = inside[0];
  return [
    { deliveryId: first?.deliveryId ?? '', waybillId: parent, products: [...counts.values()] },
    ...packages.filter((p) => !inside.includes(p)),
  ];
}
