// A hub shipment row for tests that put parcels in the store directly: a fresh parcel of order
// `orderId` at desk A, not yet sent to WeChat; `patch` sets what the test is about.
import type { ShipmentRow } from '../../src/cloud/store/types.js';

export function shipmentRow(parcelId: string, orderId: string, patch: Partial<ShipmentRow> = {}): ShipmentRow {
  return {
    parcelId,
    orderId,
    stationId: 'A',
    packId: `pack-${orderId}`,
    parcelNo: 1,
    carrier: 'SF',
    waybill: null,
    items: [],
    weightG: 500,
    packedAt: 1_000,
    state: 'pending',
    attempts: 0,
    nextAt: 0,
    uncertain: false,
    lastErrcode: null,
    lastErrmsg: null,
    lastRid: null,
    doneAt: null,
    ...patch,
  };
}
