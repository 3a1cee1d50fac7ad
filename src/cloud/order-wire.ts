// An order as stations receive it (HubOrder), and its JSON text. The hub stores that text beside
// each order so a pull of 100,000 orders splices stored strings instead of parsing and
// re-serialising every order.
import type { HubOrder } from '../contract/sync.js';
import type { HubOrderRow } from './store/types.js';

export function toHubOrder(row: Omit<HubOrderRow, 'packedBy' | 'packedAt'>): HubOrder {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    pickSlip: row.pickSlip,
    recipientName: row.recipientName,
    recipientPhone: row.recipientPhone,
    address: row.address,
    remark: row.remark,
    // Only when there are notes: an order without them keeps the wire (and hash) it always had.
    ...(row.notes ? { notes: row.notes } : {}),
    flags: row.flags,
    holdReason: row.holdReason,
    valueFen: row.valueFen,
    paidAt: row.paidAt,
    updatedAt: row.updatedAt,
    lines: row.lines,
    version: row.version,
    preassigned: row.preassigned,
    ...(row.subWaybills ? { subWaybills: row.subWaybills } : {}),
    ...(row.buyerId ? { buyerId: row.buyerId } : {}),
  };
}

export function orderWire(row: Omit<HubOrderRow, 'version' | 'packedBy' | 'packedAt'>, version: number): string {
  return JSON.stringify(toHubOrder({ ...row, version }));
}
