// The hub's routing table at the desk: carrier by rules, re-chosen with the measured weight, and
// the rate table's cost on the parcel and its event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { ROUTING_KEY } from '../../../src/main/core/packing/carrier.js';
import { shippingCost } from '../../../src/domain/routing.js';
import type { RoutingTable } from '../../../src/contract/sync.js';

const rate = {
  zones: { local: { firstFen: 800, additionalPerKgFen: 200 }, far: { firstFen: 1500, additionalPerKgFen: 600 } },
  firstWeightG: 1000,
  provinceZones: { 浙江: 'local' },
  defaultZone: 'far',
};
const TABLE: RoutingTable = {
  version: 3,
  rules: [
    { carrier: 'SF', categories: ['valuable'] },
    { carrier: 'JD', minWeightG: 1000 },
  ],
  defaultCarrier: 'ZTO',
  rates: { SF: rate, ZTO: rate, JD: rate },
  carrierNames: { SF: '顺丰速运', ZTO: '中通快递', JD: '京东物流' },
};

let t: TestStation;
beforeEach(async () => {
  t = await makeStation();
  t.station.services.stores.desk.set(ROUTING_KEY, TABLE);
  await t.station.core.call('waybills.add', { carrier: 'JD', numbers: ['JDV000000000001'] });
  t.scan('BADGE-P01');
});
afterEach(async () => {
  await t.close();
});
const snap = () => t.station.services.snapshot();

describe('carrier routing at the desk', () => {
  it('picks by rules and weight, and records the rate-table cost', async () => {
    t.scan(O.clean); // T恤×2 + 耳机 → 640 g expected: below the JD bracket → default ZTO
    expect(snap().pack?.carrier).toBe('ZTO');
    t.scan(BARCODE.tshirt);
    t.scan(BARCODE.tshirt);
    t.scan(BARCODE.earbuds);
    await t.weigh(660);
    expect(snap().lastPack?.labels[0]).toMatchObject({ carrier: 'ZTO', waybill: '710000000001' });
    const parcel = t.db.prepare('SELECT carrier, cost_fen FROM parcels').get();
    expect(parcel).toEqual({ carrier: 'ZTO', cost_fen: shippingCost(rate, '浙江省', 660).costFen });
    const packed = t.outbox().find((e) => e.type === 'parcel.packed');
    expect(packed?.payload).toMatchObject({ carrier: 'ZTO', costFen: 800 });
  });

  it('a parcel heavier than expected crosses into another carrier when it is weighed', async () => {
    t.lift();
    t.scan(O.vase); // 玻璃花瓶 800 g + 220 g carton = 1020 g → JD by weight
    expect(snap().pack?.carrier).toBe('JD');
    t.scan(BARCODE.vase);
    await t.weigh(1040);
    expect(snap().lastPack?.labels[0]).toMatchObject({ carrier: 'JD', waybill: 'JDV000000000001' });
    expect(t.db.prepare('SELECT cost_fen FROM parcels').pluck().get()).toBe(1000); // 800 + 1 extra kg × 200
    expect(snap().station.carriers.JD).toBe('京东物流');
  });
});

describe('e-waybill numbers issued in advance', () => {
  it('the first parcel prints with the preassigned waybill and carrier; the pool is not touched', async () => {
    t.lift();
    t.db
      .prepare(
        'INSERT INTO hub_orders (order_id, version, status, preassigned_carrier, preassigned_waybill) VALUES (?, 1, ?, ?, ?)',
      )
      .run(O.vase, 'open', 'YTO', 'YT9000000000001');
    const poolBefore = snap().waybillPool.YTO;
    t.scan(O.vase);
    expect(snap().pack?.carrier).toBe('YTO'); // routing would say JD by weight; WeChat issued YTO
    t.scan(BARCODE.vase);
    await t.weigh(1020);
    expect(snap().lastPack?.labels[0]).toMatchObject({ carrier: 'YTO', waybill: 'YT9000000000001', status: 'printed' });
    expect(snap().waybillPool.YTO).toBe(poolBefore);
  });
});
