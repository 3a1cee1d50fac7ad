// Tracking at the hub end to end in one process: a handed-over parcel is subscribed with the
// provider (the Kuaidi100 simulator), signed callbacks out of order and duplicated leave the right
// state, buyer notifications go once (failures recorded, never retried), stuck parcels are alerted
// by the injected clock, and a WeChat e-waybill trace push is recorded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../src/base/ids.js';
import type { AnyOutboxEvent } from '../../../src/contract/events.js';
import type { HubOrder, PushResponse } from '../../../src/contract/sync.js';
import type { TrackingAlerts, TrackingTimeline } from '../../../src/contract/tracking.js';
import { Kuaidi100Sim, callbackForm, postCallback, pushPlan } from '../../../src/demo/tracking-sim/kuaidi100-sim.js';
import { packEvents } from '../../helpers/events.js';
import { pulledOrders } from '../../helpers/hub-orders.js';
import { MINI, SHOP, startTestHub, until, type TestHub } from '../../helpers/hub.js';

vi.setConfig({ testTimeout: 60_000 });
const H = 3_600_000;
const SALT = 'salt-for-tests';
const TEMPLATE = { thing1: 'goods', character_string2: 'waybill', phrase3: 'status', time4: 'time' };

let t: TestHub;
let sim: Kuaidi100Sim;
let clock = Date.now();

beforeEach(async () => {
  clock = Date.now();
  sim = new Kuaidi100Sim('k100-key');
  const url = await sim.listen();
  t = await startTestHub({
    now: () => clock,
    config: {
      tracking: {
        intervalS: 1,
        providers: {
          kuaidi100: {
            key: 'k100-key',
            salt: SALT,
            url,
            callbackUrl: 'http://127.0.0.1:9/v1/tracking/callback/kuaidi100',
          },
        },
        notifications: {
          enabled: true,
          templates: {
            shipped: { templateId: 'TPL_SHIP', fields: TEMPLATE },
            out_for_delivery: { templateId: 'TPL_OUT', fields: TEMPLATE },
            exception: { templateId: 'TPL_EXC', fields: TEMPLATE },
          },
        },
      },
    },
  });
  sim.redirectCallbacks(t.hub.url);
});
afterEach(async () => {
  await t.close();
  await sim.close();
});

async function miniOrder(id: string, openid: string): Promise<void> {
  const sku = t.catalog.products.find((p) => p.components.length === 0)!.sku;
  const r = await t.admin('POST', '/v1/orders', {
    id,
    channel: 'mini_program',
    recipientName: '张三',
    recipientPhone: '13800000000',
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路1号' },
    paidAt: clock - 2 * H,
    lines: [{ sku, qty: 1, priceFen: 1990 }],
    payment: { appId: MINI.appid, transactionId: `4200${id}`, payerOpenid: openid },
  });
  expect(r.status).toBe(200);
}

/** Packs the order at station A and hands its parcel over (the desk's events, over the sync API). */
async function packAndHandOver(token: string, order: HubOrder, waybill: string, carrier: string): Promise<void> {
  const handover = {
    id: newId(clock),
    type: 'handover.scanned',
    at: clock,
    stationId: 'A',
    packerId: 'P01',
    payload: { batchId: newId(clock), carrier, waybill, orderId: order.id, parcelId: null },
  } as AnyOutboxEvent;
  const events = [...packEvents('A', order, waybill, carrier), handover];
  const r = await t.call<PushResponse>(token, 'POST', '/v1/sync/events', { events });
  expect(r.body.accepted).toHaveLength(events.length);
}

describe('hub tracking', () => {
  it('subscribes, takes callbacks out of order and duplicated, notifies once, alerts when stuck', async () => {
    for (const n of [1, 2, 3]) await miniOrder(`MP-000${n}`, `o_buyer_${n}`);
    t.fake.consentSubscribe('o_buyer_1', 'TPL_SHIP');
    const token = await t.addStation('A');
    const orders = await pulledOrders(t, token, (o) => o.length === 3, 10_000, 'three orders');
    for (const n of [1, 2, 3])
      await packAndHandOver(
        token,
        orders.find((o) => o.id === `MP-000${n}`)!,
        `SF700000000000${n}`,
        'SF',
      );
    await until(
      async () => sim.subscriptions().length,
      (n) => n === 3,
      15_000,
      'every parcel subscribed',
    );
    expect(sim.subscription('SF7000000000001')).toMatchObject({ company: 'shunfeng', salt: SALT });

    // Each step alone, newest first, each posted twice.
    for (const steps of pushPlan(['collected', 'in_transit', 'out_for_delivery', 'delivered'], clock, H, true)) {
      const outcomes = await sim.push('SF7000000000001', steps, 2);
      expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
      expect(JSON.parse(outcomes[0]!.body)).toMatchObject({ result: true, returnCode: '200' });
    }
    const view = await t.admin<TrackingTimeline>('GET', '/v1/admin/tracking/SF7000000000001');
    expect(view.body.state).toBe('delivered');
    expect(view.body.events.map((e) => e.state)).toEqual(['collected', 'in_transit', 'out_for_delivery', 'delivered']);
    expect(view.body).toMatchObject({ orderId: 'MP-0001', carrier: 'SF', handedOverAt: clock });
    expect(view.body.packedAt).not.toBeNull();
    const orderView = await t.admin<{ tracking: { parcels: TrackingTimeline[] } }>('GET', '/v1/admin/orders/MP-0001');
    expect(orderView.body.tracking.parcels.map((p) => [p.waybill, p.state])).toEqual([
      ['SF7000000000001', 'delivered'],
    ]);
    const stationView = await t.call<TrackingTimeline>(token, 'GET', '/v1/tracking/SF7000000000001');
    expect(stationView.body.state).toBe('delivered');

    type Notes = { items: { kind: string; state: string; errcode: number | null }[] };
    const notes = (orderId: string) => t.admin<Notes>('GET', `/v1/admin/tracking/notifications/${orderId}`);
    const settled = (orderId: string, count: number) =>
      until(
        async () => (await notes(orderId)).body.items,
        (items) => items.length === count && items.every((i) => i.state === 'sent' || i.state === 'failed'),
        15_000,
        `${count} notification(s) of ${orderId} done`,
      );
    // Delivered arrived first: "out for delivery" came too late to be news, so only "shipped" went.
    expect((await settled('MP-0001', 1)).map((n) => [n.kind, n.state, n.errcode])).toEqual([['shipped', 'sent', null]]);
    const sent = t.fake.subscribeMessages('o_buyer_1');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data['character_string2']).toBe('SF7000000000001');
    expect([...sent[0]!.data['thing1']!].length).toBeLessThanOrEqual(20);

    // Buyer 2 never allowed "shipped": 43101 recorded. Then allows "out for delivery" once.
    expect((await settled('MP-0002', 1)).map((n) => [n.kind, n.state, n.errcode])).toEqual([
      ['shipped', 'failed', 43101],
    ]);
    t.fake.consentSubscribe('o_buyer_2', 'TPL_OUT');
    t.fake.consentSubscribe('o_buyer_2', 'TPL_SHIP');
    for (const steps of pushPlan(['collected', 'out_for_delivery'], clock, H, false))
      await sim.push('SF7000000000002', steps, 2);
    expect((await settled('MP-0002', 2)).map((n) => [n.kind, n.state]).sort()).toEqual([
      ['out_for_delivery', 'sent'],
      ['shipped', 'failed'],
    ]);
    // The same push again and more worker rounds: nothing is sent again, the failure is not retried.
    await sim.push('SF7000000000002', pushPlan(['collected', 'out_for_delivery'], clock, H, false)[1]!, 2);
    await until(
      async () => sim.requests.length,
      (n) => n >= 3,
      5_000,
      'subscribe requests',
    );
    expect(t.fake.subscribeMessages('o_buyer_2').map((m) => m.templateId)).toEqual(['TPL_OUT']);

    // 49 hours on: parcel 3 was never collected, parcel 2 has not moved since it went out.
    clock += 49 * H;
    const alerts = await t.admin<TrackingAlerts>('GET', '/v1/admin/tracking/alerts');
    expect(alerts.body.items.map((a) => [a.kind, a.waybill, a.orderId])).toEqual([
      // Both stand since the same moment (handover and the last scan): by waybill.
      ['no_movement', 'SF7000000000002', 'MP-0002'],
      ['not_collected', 'SF7000000000003', 'MP-0003'],
    ]);
    expect((await t.call<TrackingAlerts>(token, 'GET', '/v1/tracking/alerts')).body.items).toHaveLength(2);
  });

  it('refuses a callback with a wrong signature and keeps nothing', async () => {
    const form = callbackForm(
      { company: 'shunfeng', number: 'SF7000000000009', salt: 'not-the-salt' },
      pushPlan(['collected'], clock, H, false)[0]!,
    );
    const [res] = await postCallback(`${t.hub.url}/v1/tracking/callback/kuaidi100`, form);
    expect(res!.status).toBe(401);
    expect((await t.admin('GET', '/v1/admin/tracking/SF7000000000009')).status).toBe(404);
  });

  it('records a WeChat e-waybill trace push (encrypted like every Channels push)', async () => {
    const res = await t.fake.pushPath(`${t.hub.url}/v1/wechat/events/${SHOP.id}`, {
      ewaybillOrderId: '18446744073709551001',
      waybillId: 'ZT7000000000003',
      status: 2,
      desc: '运输中',
      updateTime: Math.floor(clock / 1000),
    });
    expect(res).toMatchObject({ status: 200, body: 'success' });
    const view = await t.admin<TrackingTimeline>('GET', '/v1/admin/tracking/ZT7000000000003');
    expect(view.body.events).toEqual([
      expect.objectContaining({
        state: 'in_transit',
        source: 'wechat_push',
        detail: '运输中',
        at: Math.floor(clock / 1000) * 1000,
      }),
    ]);
  });
});
