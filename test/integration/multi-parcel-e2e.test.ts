// Multi-parcel shipments end to end against the WeChat sandbox, the station's part played by its
// events: a 3-parcel SF 子母单 (parent + 2 children asked for with addsuborder, ewaybill_order_id as a
// JSON number), the children reaching the station with the order, delivery/send reporting the parent
// alone with every product; a JD pack whose labels are all renumbered (base-seq-total); the sandbox
// refusing a string id (47001); a 3-order merge (合单) reported for all 3 with the one waybill.
// The desk's side (split refusals, child labels, CMD-MERGE) is test/unit/core/multi-parcel-desk
// and merge-desk.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/base/ids.js';
import type { AnyOutboxEvent, OutboxPayloads, OutboxType } from '../../src/contract/events.js';
import type { HubOrder, RoutingTable } from '../../src/contract/sync.js';
import { generateChannelsOrders } from '../../src/demo/wechat-sandbox/generate.js';
import { startTestHub, until, type TestHub } from '../helpers/hub.js';
import { pulledOrders } from '../helpers/hub-orders.js';
import { packEvents } from '../helpers/events.js';

vi.setConfig({ testTimeout: 60_000 });
const ADD = '/channels/ec/logistics/ewaybill/biz/order/addsuborder';
let t: TestHub;
beforeEach(async () => {
  t = await startTestHub({ ewaybill: true });
});
afterEach(async () => {
  await t.close();
});

/** Orders whose e-waybill is taken with `carrier` (the routing table's default). */
async function ordersWith(carrier: string, seed: number, token: string): Promise<HubOrder> {
  const table: RoutingTable = { version: seed, rules: [], defaultCarrier: carrier, rates: {}, carrierNames: {} };
  await t.hub.store.tx((tx) => tx.settings.set('routing', table));
  const opts = { count: 1, seed, products: t.fakeProducts, startTime: Math.floor(Date.now() / 1000) - 600 };
  const [made] = generateChannelsOrders(opts);
  t.fake.generateChannelsOrders(opts);
  if (!made) throw new Error('no order generated');
  const [order] = await pulledOrders(
    t,
    token,
    (orders) => orders.some((o) => o.id === made.order_id && o.preassigned !== null),
    30_000,
    `order ${made.order_id} with an e-waybill`,
  ).then((orders) => orders.filter((o) => o.id === made.order_id));
  if (!order?.preassigned) throw new Error('no preassigned waybill');
  expect(order.preassigned.carrier).toBe(carrier);
  return order;
}

/** A station's events for a pack of `boxes` parcels: parcel 1 with the e-waybill, the rest pending (子母单). */
function suborderPack(order: HubOrder, boxes: number): AnyOutboxEvent[] {
  const pre = order.preassigned;
  if (!pre) throw new Error('no preassigned waybill');
  const packId = newId(Date.now());
  const ev = <T extends OutboxType>(type: T, payload: OutboxPayloads[T]) =>
    ({ id: newId(Date.now()), type, at: Date.now(), stationId: 'A', packerId: 'P01', payload }) as AnyOutboxEvent;
  const items = order.lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.qty }));
  const out = [
    ev('pack.started', { packId, orderId: order.id, channel: order.channel, units: 1, lines: items, paidAt: null }),
  ];
  for (let n = 1; n <= boxes; n++) {
    const parcelId = newId(Date.now());
    out.push(
      ev('parcel.packed', {
        parcelId,
        packId,
        orderId: order.id,
        parcelNo: n,
        carrier: pre.carrier,
        waybill: n === 1 ? pre.waybill : null,
        weightG: 800,
        packaging: 'CARTON',
        valueFen: n === 1 ? order.valueFen : 0,
        costFen: null,
        // The first box holds the units; the others carry the rest of a unit too big for one (CMD-SPLIT).
        items: n === 1 ? items : [],
      }),
    );
    if (n > 1) out.push(ev('label.pending', { parcelId, orderId: order.id, carrier: pre.carrier }));
  }
  out.push(
    ev('pack.completed', {
      packId,
      orderId: order.id,
      parcels: boxes,
      units: 1,
      startedAt: Date.now(),
      durationMs: 1000,
    }),
  );
  return out;
}

describe('子母单 against the WeChat sandbox', () => {
  it('SF, 3 parcels: parent + 2 children in order; delivery/send reports the parent with every product', async () => {
    const token = await t.addStation('A');
    const order = await ordersWith('SF', 41, token);
    const pre = order.preassigned;
    if (!pre) throw new Error('unreachable');
    const pushed = await t.call(token, 'POST', '/v1/sync/events', { events: suborderPack(order, 3) });
    expect(pushed.status).toBe(200);

    const [shipped] = await until(
      () => t.fake.channelsShipments(order.id),
      (s) => s.length > 0,
      30_000,
      'delivery/send',
    );
    const adds = t.fake.calls(ADD);
    expect(adds).toHaveLength(1);
    const body = adds[0]?.body as Record<string, unknown>;
    // Sent as a bare JSON number (the sandbox keeps 16+ digit numbers exact as {$uint64}).
    expect(body['ewaybill_order_id']).toEqual({ $uint64: expect.stringMatching(/^\d{19}$/) as unknown });
    expect(body['add_package_quantity']).toBe(2);
    expect(body['waybill_id']).toBe(pre.waybill);

    // The station gets the labels by parcel with the order: parent, then children in order.
    const [withSubs] = await pulledOrders(
      t,
      token,
      (orders) => orders.some((o) => o.id === order.id && (o.subWaybills?.length ?? 0) === 3),
      20_000,
      'child waybills on the order',
    ).then((orders) => orders.filter((o) => o.id === order.id));
    const subs = withSubs?.subWaybills ?? [];
    expect(subs.map((s) => s.parcelNo)).toEqual([1, 2, 3]);
    expect(subs[0]?.waybill).toBe(pre.waybill);
    expect(new Set(subs.map((s) => s.waybill)).size).toBe(3);
    for (const s of subs.slice(1)) expect(s.waybill).toMatch(/^SF\d{13}$/);

    // One package: the parent waybill, every product of the order.
    const sends = t.fake.calls('/channels/ec/order/delivery/send');
    const list = (
      sends.at(-1)?.body as { delivery_list: { waybill_id: string; product_infos: { product_cnt: number }[] }[] }
    ).delivery_list;
    expect(list).toHaveLength(1);
    expect(list[0]?.waybill_id).toBe(pre.waybill);
    expect(list[0]?.product_infos.reduce((n, p) => n + p.product_cnt, 0)).toBe(
      order.lines.reduce((n, l) => n + l.qty, 0),
    );
    expect(shipped).toMatchObject({ waybill_id: pre.waybill, delivery_id: 'SF' });
  });

  it("a child's print_info that failed is fetched again, and the order goes out again with it", async () => {
    const token = await t.addStation('A');
    const order = await ordersWith('SF', 43, token);
    t.fake.inject({ path: '/channels/ec/logistics/ewaybill/biz/print/get', kind: 'errcode', errcode: -1 });
    await t.call(token, 'POST', '/v1/sync/events', { events: suborderPack(order, 2) });
    const [retried] = await pulledOrders(
      t,
      token,
      (orders) => orders.some((o) => o.id === order.id && o.subWaybills?.[1]?.printInfo !== undefined),
      30_000,
      "the child's print_info after a retry",
    ).then((orders) => orders.filter((o) => o.id === order.id));
    const child = retried?.subWaybills?.[1];
    expect(child?.waybill).toMatch(/^SF\d{13}$/);
    const gets = t.fake.calls('/channels/ec/logistics/ewaybill/biz/print/get');
    expect(gets.filter((c) => (c.body as { sub_waybill_id?: string }).sub_waybill_id === child?.waybill)).toHaveLength(
      2,
    );
    expect(t.fake.calls(ADD)).toHaveLength(1);
  });

  it('JD renumbers every label (base-seq-total): the parent label comes back renumbered too', async () => {
    const token = await t.addStation('A');
    const order = await ordersWith('JD', 42, token);
    const pre = order.preassigned;
    if (!pre) throw new Error('unreachable');
    await t.call(token, 'POST', '/v1/sync/events', { events: suborderPack(order, 3) });
    const [withSubs] = await pulledOrders(
      t,
      token,
      (orders) => orders.some((o) => o.id === order.id && (o.subWaybills?.length ?? 0) === 3),
      30_000,
      'renumbered JD labels',
    ).then((orders) => orders.filter((o) => o.id === order.id));
    expect(withSubs?.subWaybills?.map(({ parcelNo, waybill }) => ({ parcelNo, waybill }))).toEqual([
      { parcelNo: 1, waybill: `${pre.waybill}-1-3` },
      { parcelNo: 2, waybill: `${pre.waybill}-2-3` },
      { parcelNo: 3, waybill: `${pre.waybill}-3-3` },
    ]);
    // Each renumbered label comes with WeChat's print data for that very number (print/get sub_waybill_id).
    for (const sub of withSubs?.subWaybills ?? []) {
      expect(JSON.parse(Buffer.from(sub.printInfo ?? '', 'base64').toString('utf8'))).toMatchObject({
        waybill_id: sub.waybill,
      });
    }
    // WeChat is told the parent waybill, once.
    const [shipped] = await until(
      () => t.fake.channelsShipments(order.id),
      (s) => s.length > 0,
      30_000,
      'delivery/send',
    );
    expect(shipped).toMatchObject({ waybill_id: pre.waybill, delivery_id: 'JD' });
    expect(t.fake.channelsShipments(order.id)).toHaveLength(1);
  });

  it('the sandbox refuses ewaybill_order_id as a string with 47001', async () => {
    const token = await t.addStation('A');
    const order = await ordersWith('SF', 43, token);
    const e = await t.hub.store.tx((tx) => tx.ewaybills.get(order.id));
    const tokenRes = await fetch(
      `${t.hub.ctx.config.wechat.apiBase}/cgi-bin/token?grant_type=client_credential&appid=wx-shop-1&secret=shop-secret`,
    );
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const res = await fetch(`${t.hub.ctx.config.wechat.apiBase}${ADD}?access_token=${access_token}`, {
      method: 'POST',
      body: JSON.stringify({
        ewaybill_order_id: e?.ewaybillOrderId,
        waybill_id: order.preassigned?.waybill,
        delivery_id: 'SF',
        add_package_quantity: 1,
      }),
    });
    expect(((await res.json()) as { errcode: number }).errcode).toBe(47001);
  });
});

describe('merge (合单) against the WeChat sandbox', () => {
  it('3 orders of one buyer and address, one parcel: each order is shipped with the same waybill', async () => {
    const token = await t.addStation('A');
    const made = generateChannelsOrders({
      count: 3,
      seed: 44,
      products: t.fakeProducts,
      // Generated orders are spread over time after it; a pull never looks ahead.
      startTime: Math.floor(Date.now() / 1000) - 3600,
    });
    const [first] = made;
    if (!first) throw new Error('no orders');
    for (const o of made) {
      o.openid = first.openid;
      o.order_detail.delivery_info.address_info = structuredClone(first.order_detail.delivery_info.address_info);
      t.fake.addChannelsOrder(o);
    }
    const ids = made.map((o) => o.order_id);
    const orders = (
      await pulledOrders(
        t,
        token,
        (os) => ids.every((id) => os.some((o) => o.id === id && o.preassigned !== null)),
        30_000,
        'the 3 orders with e-waybills',
      )
    ).filter((o) => ids.includes(o.id));
    // The hub hands the buyer to the stations: that is what the desk groups by.
    expect(new Set(orders.map((o) => o.buyerId))).toEqual(new Set([first.openid]));
    const primary = orders.find((o) => o.id === first.order_id);
    const waybill = primary?.preassigned?.waybill;
    const carrier = primary?.preassigned?.carrier;
    if (!waybill || !carrier) throw new Error('no waybill');

    // What the desk sends for a merged pack: each order its own pack and parcel, one waybill.
    const ev = <T extends OutboxType>(type: T, payload: OutboxPayloads[T]) =>
      ({ id: newId(Date.now()), type, at: Date.now(), stationId: 'A', packerId: 'P01', payload }) as AnyOutboxEvent;
    const events = orders.flatMap((o) => {
      const packId = newId(Date.now());
      const items = o.lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.qty }));
      return [
        ev('pack.started', { packId, orderId: o.id, channel: o.channel, units: 1, lines: items, paidAt: null }),
        ev('parcel.packed', {
          parcelId: newId(Date.now()),
          packId,
          orderId: o.id,
          parcelNo: 1,
          carrier,
          waybill,
          weightG: 300,
          packaging: 'CARTON',
          valueFen: o.valueFen,
          costFen: null,
          items,
        }),
        ev('pack.completed', { packId, orderId: o.id, parcels: 1, units: 1, startedAt: Date.now(), durationMs: 1000 }),
      ];
    });
    expect((await t.call(token, 'POST', '/v1/sync/events', { events })).status).toBe(200);
    for (const o of orders) {
      const [shipped] = await until(
        () => t.fake.channelsShipments(o.id),
        (s) => s.length > 0,
        30_000,
        `delivery/send for ${o.id}`,
      );
      expect(shipped).toMatchObject({ waybill_id: waybill, delivery_id: carrier });
      expect(shipped?.product_infos.reduce((n, p) => n + p.product_cnt, 0)).toBe(
        o.lines.reduce((n, l) => n + l.qty, 0),
      );
    }
  });
});

describe('merge (合单) of a mini-program combined payment', () => {
  it('3 orders paid together ship in one upload_combined_shipping_info with one sub-order each', async () => {
    const sku = t.catalog.products.find((p) => p.components.length === 0)?.sku;
    const ids = ['MP-C1', 'MP-C2', 'MP-C3'];
    for (const [i, id] of ids.entries()) {
      t.fake.addPayment({
        transaction_id: `42000C${i}`,
        mchid: '1900000109',
        out_trade_no: `OUT-C${i}`,
        openid: 'openid-c',
        paid_amount: 1000,
      });
      const r = await t.admin('POST', '/v1/orders', {
        id,
        channel: 'mini_program',
        recipientName: '王芳',
        recipientPhone: '13912341234',
        address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路88号' },
        lines: [{ sku, qty: 1, priceFen: 1000 }],
        payment: {
          appId: 'wx-mini-1',
          transactionId: `42000C${i}`,
          payerOpenid: 'openid-c',
          combined: { mchid: '1900000109', outTradeNo: 'COMBINE-1', orderIds: ids },
        },
      });
      expect(r.status).toBe(200);
    }
    const token = await t.addStation('A');
    const orders = (
      await pulledOrders(t, token, (os) => ids.every((id) => os.some((o) => o.id === id)), 20_000, 'the 3 orders')
    ).filter((o) => ids.includes(o.id));
    expect(new Set(orders.map((o) => o.buyerId))).toEqual(new Set(['openid-c']));
    // One parcel, one waybill, each order its own pack (what the desk sends for CMD-MERGE).
    const events = orders.flatMap((o) => packEvents('A', o, 'YT9000000000001', 'YTO'));
    expect((await t.call(token, 'POST', '/v1/sync/events', { events })).status).toBe(200);
    for (const [i] of ids.entries())
      await until(
        () => t.fake.miniprogramShipments(`42000C${i}`),
        (s) => s.length === 1,
        20_000,
        `shipping of sub-order ${i}`,
      );
    const combined = t.fake.calls('/wxa/sec/order/upload_combined_shipping_info').filter((c) => c.errcode === 0);
    expect(combined).toHaveLength(1);
    const body = combined[0]?.body as {
      order_key: unknown;
      sub_orders: { shipping_list: { tracking_no: string }[] }[];
    };
    expect(body.order_key).toEqual({ order_number_type: 1, mchid: '1900000109', out_trade_no: 'COMBINE-1' });
    expect(body.sub_orders).toHaveLength(3);
    for (const s of body.sub_orders) expect(s.shipping_list.map((p) => p.tracking_no)).toEqual(['YT9000000000001']);
    expect(t.fake.calls('/wxa/sec/order/upload_shipping_info')).toHaveLength(0);
  });
});
