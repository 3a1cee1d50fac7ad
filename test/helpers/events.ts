// Outbox events as a station writes them for one packed single-parcel order (for hub tests that play
// the station's part over HTTP).
import { newId } from '../../src/base/ids.js';
import type { AnyOutboxEvent, OutboxPayloads, OutboxType } from '../../src/contract/events.js';
import type { HubOrder } from '../../src/contract/sync.js';

export function packEvents(
  stationId: string,
  order: Pick<HubOrder, 'id' | 'channel' | 'lines' | 'valueFen'>,
  waybill: string,
  carrier = 'ZTO',
): AnyOutboxEvent[] {
  const packId = newId(Date.now());
  const parcelId = newId(Date.now());
  const items = order.lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.qty }));
  const ev = <T extends OutboxType>(type: T, payload: OutboxPayloads[T]) =>
    ({ id: newId(Date.now()), type, at: Date.now(), stationId, packerId: 'P01', payload }) as AnyOutboxEvent;
  return [
    ev('pack.started', { packId, orderId: order.id, channel: order.channel, units: 1, lines: items, paidAt: null }),
    ev('parcel.packed', {
      parcelId,
      packId,
      orderId: order.id,
      parcelNo: 1,
      carrier,
      waybill,
      weightG: 800,
      packaging: 'CARTON',
      valueFen: order.valueFen,
      costFen: null,
      items,
    }),
    ev('label.printed', { labelId: newId(Date.now()), parcelId, packId, orderId: order.id, waybill, reprint: false }),
    ev('pack.completed', { packId, orderId: order.id, parcels: 1, units: 1, startedAt: Date.now(), durationMs: 1000 }),
  ];
}
