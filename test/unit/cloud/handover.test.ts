// Courier handover at the hub: handover events applied exactly once per parcel (the first batch wins),
// the missing list across every desk's parcels, and cut-off warnings by an injected clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../helpers/store.js';
import { shipmentRow } from '../../helpers/shipment-row.js';
import { applyEvents } from '../../../src/cloud/services/apply.js';
import {
  chinaDayRange,
  cutoffsView,
  handoverOf,
  handoversBetween,
  missingFor,
  parcelForHandover,
} from '../../../src/cloud/services/handover.js';
import { handoverConfig } from '../../../src/cloud/config-handover.js';
import { newId } from '../../../src/base/ids.js';
import type { HubStore, ShipmentRow } from '../../../src/cloud/store/types.js';

// 2026-12-02 10:00 China time.
const NOW = Date.UTC(2026, 11, 2, 2);
const opts = { claimTtlMs: 60_000 };
let store: HubStore;

beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

function shipment(
  waybill: string,
  carrier: string,
  stationId: string,
  packedAt: number,
  state: ShipmentRow['state'] = 'pending',
): ShipmentRow {
  return shipmentRow(`PC-${waybill}`, `O-${waybill}`, {
    stationId,
    packId: `PK-${waybill}`,
    carrier,
    waybill,
    packedAt,
    state,
  });
}

function scanned(stationId: string, batchId: string, waybill: string, at: number, carrier = 'SF') {
  return {
    id: newId(at),
    type: 'handover.scanned',
    at,
    stationId,
    packerId: null,
    payload: { batchId, carrier, waybill, orderId: `O-${waybill}`, parcelId: `PC-${waybill}` },
  };
}

describe('hub handover', () => {
  it('applies each scan once; a second batch does not take over a handed-over parcel', async () => {
    const first = scanned('ST-A', 'B1', 'SF001', NOW);
    const res = await applyEvents(store, 'ST-A', [first, first], NOW, opts);
    expect(res.accepted).toEqual([first.id, first.id]);
    await applyEvents(store, 'ST-B', [scanned('ST-B', 'B2', 'SF001', NOW + 5000)], NOW, opts);
    const row = await store.tx((t) => handoverOf(t, 'SF001'));
    expect(row).toEqual({
      waybill: 'SF001',
      carrier: 'SF',
      orderId: 'O-SF001',
      parcelId: 'PC-SF001',
      stationId: 'ST-A',
      batchId: 'B1',
      handedOverAt: NOW,
    });
    expect(await store.tx((t) => handoversBetween(t, NOW, NOW + 1))).toHaveLength(1);
    expect(await store.tx((t) => handoverOf(t, 'NOPE'))).toBeNull();
  });

  it('stores a closed batch once and lists it', async () => {
    const closed = {
      id: newId(NOW),
      type: 'handover.closed',
      at: NOW + 60_000,
      stationId: 'ST-A',
      packerId: 'P01',
      payload: {
        batchId: 'B1',
        carrier: 'SF',
        courier: 'SF-BADGE-7',
        openedAt: NOW,
        count: 1,
        waybills: ['SF001'],
        missing: ['SF002'],
      },
    };
    await applyEvents(store, 'ST-A', [closed], NOW, opts);
    await applyEvents(store, 'ST-A', [closed], NOW, opts);
    const batches = await store.tx((t) => t.handovers.batches(NOW, NOW + 86_400_000, 10));
    expect(batches).toEqual([
      {
        batchId: 'B1',
        stationId: 'ST-A',
        carrier: 'SF',
        courier: 'SF-BADGE-7',
        openedAt: NOW,
        closedAt: NOW + 60_000,
        count: 1,
        waybills: ['SF001'],
        missing: ['SF002'],
      },
    ]);
  });

  it('lists parcels packed for the carrier that day at any desk and not handed over', async () => {
    const day = chinaDayRange('2026-12-02');
    expect(day).toEqual({ from: Date.UTC(2026, 11, 1, 16), to: Date.UTC(2026, 11, 2, 16) });
    await store.tx(async (t) => {
      await t.shipments.upsert(shipment('SF001', 'SF', 'ST-A', NOW - 3600_000));
      await t.shipments.upsert(shipment('SF002', 'SF', 'ST-B', NOW - 1800_000));
      await t.shipments.upsert(shipment('SF003', 'SF', 'ST-B', NOW - 900_000, 'conflict'));
      await t.shipments.upsert(shipment('ZT001', 'ZTO', 'ST-A', NOW - 900_000));
      // The day before, China time (23:30 on 1 December).
      await t.shipments.upsert(shipment('SF000', 'SF', 'ST-A', Date.UTC(2026, 11, 1, 15, 30)));
    });
    await applyEvents(store, 'ST-A', [scanned('ST-A', 'B1', 'SF001', NOW)], NOW, opts);
    const missing = await store.tx((t) => missingFor(t, 'SF', '2026-12-02'));
    expect(missing?.items.map((m) => [m.waybill, m.stationId])).toEqual([['SF002', 'ST-B']]);
    expect(await store.tx((t) => missingFor(t, 'SF', '2026-02-30'))).toBeNull();
    // A parcel in conflict (cancelled upstream) is blocked at the desk.
    expect(await store.tx((t) => parcelForHandover(t, 'SF003'))).toMatchObject({
      blocked: 'conflict',
      handedOver: null,
    });
    expect(await store.tx((t) => parcelForHandover(t, 'SF001'))).toMatchObject({
      blocked: null,
      orderId: 'O-SF001',
      handedOver: { batchId: 'B1', stationId: 'ST-A' },
    });
  });

  it('counts down to each cut-off and warns when parcels will miss it', async () => {
    const config = handoverConfig.parse({ cutoffs: { SF: '10:30', ZTO: '17:00', JD: '09:00' }, warnBeforeMin: 60 });
    await store.tx(async (t) => {
      await t.shipments.upsert(shipment('SF001', 'SF', 'ST-A', NOW - 3600_000));
      await t.shipments.upsert(shipment('ZT001', 'ZTO', 'ST-A', NOW - 900_000));
    });
    const view = await store.tx((t) => cutoffsView(t, config, NOW));
    expect(view.items.map((i) => [i.carrier, i.msLeft, i.pending, i.warn, i.passed])).toEqual([
      ['JD', -3600_000, 0, false, true],
      ['SF', 1800_000, 1, true, false],
      ['ZTO', 7 * 3600_000, 1, false, false],
    ]);
    // At 16:30 the ZTO parcel is within the hour before its cut-off.
    const later = await store.tx((t) => cutoffsView(t, config, NOW + 6.5 * 3600_000));
    expect(later.items.find((i) => i.carrier === 'ZTO')).toMatchObject({ warn: true, msLeft: 1800_000 });
  });

  it('refuses a bad cut-off time with the field named', () => {
    const res = handoverConfig.safeParse({ cutoffs: { SF: '25:00' } });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(['cutoffs', 'SF']);
  });
});
