// Outbox events as a station writes them for one packed single-parcel order (for hub tests that play
// the station's part over HTTP).
import { newId } from '../../src/base/ids.js';
import type { HubOrder } from '../../src/contract/sync.js';

export function packEvents(
  stationId: string,
  order: Pick<HubOrder, 'id' | 'channel' | 'lines' | 'valueFen'>,
  waybill: string | null,
  carrier = 'ZTO',
) {
  const packId = newId(Date.now());
  const parcelId = newId(Date.now());
  const items = order.lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.qty }));
  const ev = (type: string, payload: Record<string, unknown>) => ({
    id: newId(Date.now()),
    type,
    at: Date.now(),
    stationId,
    packerId: 'P01',
    payload,
  });
  return [
    ev('pack.started', { packId, orderId: order.id, channel: order.channel, units: 1, lines: items }),
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
    ev('label.printed', {
      labelId: newId(Date.now()),
      parcelId,
      orderId: order.id,
      waybill: waybill ?? '',
      reprint: false,
    }),
    ev('pack.completed', { packId, orderId: order.id, parcels: 1, units: 1, startedAt: Date.now(), durationMs: 1000 }),
  ];
}
