// Unused e-waybills are cancelled at WeChat: a cancelled order's (before packing), and one whose
// order shipped in another order's parcel (merged at the desk). A used one is never cancelled, and
// a lost answer is retried without a second cancel counting as a failure.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HubOrder } from '../../../src/contract/sync.js';
import { packEvents } from '../../helpers/events.js';
import { startTestHub, until, type TestHub } from '../../helpers/hub.js';
import { channelsOrders, pulledOrders } from '../../helpers/hub-orders.js';

vi.setConfig({ testTimeout: 60_000 });
const CANCEL = '/channels/ec/logistics/ewaybill/biz/order/cancel';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub({ ewaybill: true });
});
afterEach(async () => {
  await t.close();
});

async function ordersWithWaybills(count: number): Promise<{ token: string; orders: HubOrder[] }> {
  channelsOrders(t, count, 7);
  const token = await t.addStation('A');
  const orders = await pulledOrders(
    t,
    token,
    (o) => o.length === count && o.every((x) => x.preassigned !== null),
    30_000,
    'orders with preassigned waybills',
    { longPoll: true },
  );
  return { token, orders };
}

const cancelled = () =>
  t.fake.calls(CANCEL).map((c) => (c.body as { waybill_id: string; ewaybill_order_id: string }).waybill_id);

describe('unused e-waybills', () => {
  it("cancels a cancelled order's e-waybill once, and leaves the others alone", async () => {
    const { orders } = await ordersWithWaybills(2);
    const [gone, kept] = orders;
    if (!gone?.preassigned || !kept?.preassigned) throw new Error('no preassigned waybills');
    t.fake.setOrderStatus(gone.id, 250);
    // A lost answer: WeChat cancelled it, the hub did not hear; the retry's "cancel failed" means done.
    t.fake.inject({ path: CANCEL, kind: 'drop-after' });
    await t.admin('POST', '/v1/admin/wechat/sweep', {});
    await until(
      () => t.hub.store.tx((x) => x.ewaybillCancels.forOrder(gone.id)),
      (c) => c?.state === 'done',
      30_000,
      'cancel settled',
    );
    expect(cancelled()).toEqual([gone.preassigned.waybill, gone.preassigned.waybill]);
    const row = await t.hub.store.tx((x) => x.ewaybillCancels.forOrder(gone.id));
    expect(row).toMatchObject({ reason: 'order_cancelled', attempts: 2 });
    expect(await t.hub.store.tx((x) => x.ewaybillCancels.forOrder(kept.id))).toBeUndefined();
  });

  it("cancels a merged order's own e-waybill after it shipped under the other order's number", async () => {
    const { token, orders } = await ordersWithWaybills(2);
    const [primary, joined] = orders;
    if (!primary?.preassigned || !joined?.preassigned) throw new Error('no preassigned waybills');
    const { waybill, carrier } = primary.preassigned;
    await t.call(token, 'POST', '/v1/sync/events', {
      events: [...packEvents('A', primary, waybill, carrier), ...packEvents('A', joined, waybill, carrier)],
    });
    await until(
      () => t.hub.store.tx((x) => x.ewaybillCancels.forOrder(joined.id)),
      (c) => c?.state === 'done',
      30_000,
      "the joined order's e-waybill cancelled",
    );
    expect(cancelled()).toEqual([joined.preassigned.waybill]);
    expect(t.fake.channelsShipments(joined.id)[0]).toMatchObject({ waybill_id: waybill });
    expect(await t.hub.store.tx((x) => x.ewaybillCancels.forOrder(primary.id))).toBeUndefined();
  });

  it('a refusal is left failed with a warning, not retried', async () => {
    const { orders } = await ordersWithWaybills(1);
    const [gone] = orders;
    if (!gone) throw new Error('no order');
    t.fake.setOrderStatus(gone.id, 250);
    t.fake.inject({ path: CANCEL, kind: 'errcode', errcode: 10025006, errmsg: 'cancel failed' });
    await t.admin('POST', '/v1/admin/wechat/sweep', {});
    const row = await until(
      () => t.hub.store.tx((x) => x.ewaybillCancels.forOrder(gone.id)),
      (c) => c?.state === 'failed',
      30_000,
      'cancel refused',
    );
    expect(row?.error).toContain('10025006');
    expect(cancelled()).toHaveLength(1);
  });
});
