// Merge (合单): open orders of one buyer going to one address may be packed together — one parcel,
// one waybill, each order reported to WeChat with it. Which orders may join, decided here so the
// desk and the tests share one rule.
import type { Order } from '../../contract/entities.js';

/** Same person, same place: the recipient and the address as the order carries them (masked or not). */
export function addressKey(o: Pick<Order, 'recipientName' | 'recipientPhone' | 'address'>): string {
  const a = o.address;
  return JSON.stringify([
    o.recipientName.trim(),
    o.recipientPhone.trim(),
    a.province,
    a.city,
    a.district,
    a.detail.trim(),
  ]);
}

/**
 * The orders that may join `primary`: same buyer, same address, same channel (each channel reports
 * its own way), open and without flags. Cancelled, held, packed or flagged orders never join.
 */
export function mergeCandidates(primary: Order, others: readonly Order[], buyerId: string | null): Order[] {
  if (!buyerId) return [];
  const key = addressKey(primary);
  return others.filter(
    (o) =>
      o.id !== primary.id &&
      (o.buyerId ?? null) === buyerId &&
      o.channel === primary.channel &&
      o.status === 'open' &&
      o.flags.length === 0 &&
      o.lines.length > 0 &&
      addressKey(o) === key,
  );
}
