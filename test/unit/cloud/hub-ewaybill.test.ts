// E-waybill shops: the hub takes each order's waybill from WeChat in advance (precreate → create,
// the same ewaybill_order_id on a retry), hands it to stations with the order, and before
// delivery/send tells WeChat the label was printed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { packEvents } from '../../helpers/events.js';
import { startTestHub, until, type TestHub } from '../../helpers/hub.js';
import { channelsOrders, pulledOrders } from '../../helpers/hub-orders.js';

vi.setConfig({ testTimeout: 60_000 });
let t: TestHub;
beforeEach(async () => {
  t = await startTestHub({ ewaybill: true });
});
afterEach(async () => {
  await t.close();
});

describe('e-waybill flow', () => {
  it('issues one waybill per order (a lost create answer is retried on the same id), prints, then ships', async () => {
    t.fake.inject({ path: '/channels/ec/logistics/ewaybill/biz/order/create', kind: 'drop-after' });
    channelsOrders(t, 3, 4);
    const token = await t.addStation('A');
    const pulled = await pulledOrders(
      t,
      token,
      (orders) => orders.length === 3 && orders.every((o) => o.preassigned !== null),
      30_000,
      'orders with preassigned waybills',
      { longPoll: true },
    );
    const creates = t.fake.calls('/channels/ec/logistics/ewaybill/biz/order/create');
    const precreates = t.fake.calls('/channels/ec/logistics/ewaybill/biz/order/precreate');
    expect(precreates).toHaveLength(3); // one e-waybill order per order, even with the lost answer
    expect(creates.length).toBe(4);
    const ids = creates.map((c) => (c.body as { ewaybill_order_id: string }).ewaybill_order_id);
    expect(new Set(ids).size).toBe(3);
    const [first] = pulled;
    if (!first?.preassigned) throw new Error('no preassigned waybill');
    await t.call(token, 'POST', '/v1/sync/events', {
      events: packEvents('A', first, first.preassigned.waybill, first.preassigned.carrier),
    });
    await until(
      () => t.fake.channelsShipments(first.id),
      (s) => s.length === 1,
      20_000,
      'shipment',
    );
    expect(t.fake.channelsShipments(first.id)[0]).toMatchObject({
      waybill_id: first.preassigned.waybill,
      delivery_id: first.preassigned.carrier,
    });
    const log = t.fake.calls().map((c) => c.path);
    const printed = log.indexOf('/channels/ec/logistics/ewaybill/biz/order/print');
    const sent = log.lastIndexOf('/channels/ec/order/delivery/send');
    expect(printed).toBeGreaterThan(-1);
    expect(printed).toBeLessThan(sent);
  });
});
