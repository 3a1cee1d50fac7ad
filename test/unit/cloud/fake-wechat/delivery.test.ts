// Carrier list and delivery/send, wechat-api.md §2.4–2.5.
import { describe, expect, it } from 'vitest';
import { buildChannelsOrder, type FakeChannelsOrder } from '../../../../src/demo/wechat-sandbox/index.js';
import { PRODUCTS, T0S, start } from './helpers.js';

const SEND = '/channels/ec/order/delivery/send';
const ORDER_ID = '3705115058471208928';
const [CUP_W, CUP_B, TEA] = [PRODUCTS[0]!, PRODUCTS[1]!, PRODUCTS[2]!];

const item = (p: typeof CUP_W, n: number) => ({ product_id: p.product_id, sku_id: p.sku_id, product_cnt: n });
const pkg = (waybill: string, ...products: ReturnType<typeof item>[]) => ({
  delivery_id: 'SF',
  waybill_id: waybill,
  deliver_type: 1,
  product_infos: products,
});

async function shop() {
  const s = await start();
  s.fake.addChannelsOrder(
    buildChannelsOrder({
      order_id: ORDER_ID,
      create_time: T0S - 3600,
      lines: [
        { product: CUP_W, count: 2 },
        { product: CUP_B, count: 1 },
        { product: TEA, count: 1 },
      ],
    }),
  );
  const t = await s.token();
  const send = async (delivery_list: unknown[]) => (await s.post(SEND, { order_id: ORDER_ID, delivery_list }, t)).json;
  const order = async () =>
    (await s.post('/channels/ec/order/get', { order_id: ORDER_ID }, t)).json['order'] as FakeChannelsOrder;
  return { ...s, t, send, order };
}

describe('deliverycompanylist/new/get (§2.5)', () => {
  it('lists SF, ZTO, JD, YTO and more; ewaybill_only narrows it', async () => {
    const { post, token } = await start();
    const t = await token();
    const all = (await post('/channels/ec/order/deliverycompanylist/new/get', { ewaybill_only: false }, t)).json[
      'company_list'
    ] as { delivery_id: string; delivery_name: string }[];
    expect(all).toEqual(
      expect.arrayContaining([
        { delivery_id: 'SF', delivery_name: '顺丰速运' },
        { delivery_id: 'ZTO', delivery_name: '中通快递' },
        { delivery_id: 'JD', delivery_name: '京东物流' },
        { delivery_id: 'YTO', delivery_name: '圆通速递' },
      ]),
    );
    expect(all.length).toBeGreaterThan(6);
    const ew = (await post('/channels/ec/order/deliverycompanylist/new/get', { ewaybill_only: true }, t)).json[
      'company_list'
    ] as unknown[];
    expect(ew.length).toBeLessThan(all.length);
  });
});

describe('delivery/send (§2.4)', () => {
  it('ships everything in one call: status 30, ship_done_time, delivery_product_info', async () => {
    const { fake, clock, send, order } = await shop();
    clock.t += 5_000;
    expect(
      await send([
        pkg('SF1000000000001', item(CUP_W, 2), item(CUP_B, 1)),
        { ...pkg('YT1000000000001', item(TEA, 1)), delivery_id: 'YTO' },
      ]),
    ).toMatchObject({ errcode: 0 });
    const o = await order();
    expect(o.status).toBe(30);
    expect(o.order_detail.delivery_info.ship_done_time).toBe(T0S + 5);
    expect(o.update_time).toBe(T0S + 5);
    expect(o.order_detail.delivery_info.delivery_product_info).toEqual(fake.channelsShipments(ORDER_ID));
    expect(fake.channelsShipments(ORDER_ID)).toEqual([
      {
        waybill_id: 'SF1000000000001',
        delivery_id: 'SF',
        delivery_name: '顺丰速运',
        delivery_time: T0S + 5,
        deliver_type: 1,
        product_infos: [item(CUP_W, 2), item(CUP_B, 1)],
      },
      {
        waybill_id: 'YT1000000000001',
        delivery_id: 'YTO',
        delivery_name: '圆通速递',
        delivery_time: T0S + 5,
        deliver_type: 1,
        product_infos: [item(TEA, 1)],
      },
    ]);
  });

  it('partial → 21, the rest → 30; a repeat is 109001 and changes nothing', async () => {
    const { fake, send, order } = await shop();
    expect((await send([pkg('SF1', item(CUP_W, 2))]))['errcode']).toBe(0);
    expect((await order()).status).toBe(21);
    expect((await order()).order_detail.delivery_info.ship_done_time).toBe(0);
    expect((await send([pkg('SF2', item(CUP_B, 1), item(TEA, 1))]))['errcode']).toBe(0);
    expect((await order()).status).toBe(30);
    const repeat = await send([pkg('SF2', item(CUP_B, 1), item(TEA, 1))]);
    expect(repeat['errcode']).toBe(109001);
    expect(fake.channelsShipments(ORDER_ID)).toHaveLength(2);
  });

  it('109000 for a SKU already shipped on a partially shipped order', async () => {
    const { fake, send } = await shop();
    await send([pkg('SF1', item(CUP_W, 2))]);
    const again = await send([pkg('SF1', item(CUP_W, 2))]);
    expect(again['errcode']).toBe(109000);
    expect(again['errmsg']).toMatch(/already been shipped/);
    expect(fake.channelsShipments(ORDER_ID)).toHaveLength(1);
  });

  it('606030 when one SKU is split across packages, in one call or by shipping part of it', async () => {
    const { fake, send } = await shop();
    expect((await send([pkg('SF1', item(CUP_W, 1)), pkg('SF2', item(CUP_W, 1))]))['errcode']).toBe(606030);
    expect((await send([pkg('SF1', item(CUP_W, 1))]))['errcode']).toBe(606030);
    expect((await send([pkg('SF1', item(CUP_W, 3))]))['errcode']).toBe(109000);
    expect(fake.channelsShipments(ORDER_ID)).toEqual([]);
  });

  it('101100 on cancelled or unpaid orders, 108009 with an open after-sale, 100002 for unknown', async () => {
    const { fake, send, post, t } = await shop();
    fake.setOrderStatus(ORDER_ID, 250);
    expect((await send([pkg('SF1', item(CUP_W, 2))]))['errcode']).toBe(101100);
    fake.setOrderStatus(ORDER_ID, 10);
    expect((await send([pkg('SF1', item(CUP_W, 2))]))['errcode']).toBe(101100);
    fake.updateOrder(ORDER_ID, (o) => {
      o.status = 20;
      o.aftersale_detail.on_aftersale_order_cnt = 1;
    });
    expect((await send([pkg('SF1', item(CUP_W, 2))]))['errcode']).toBe(108009);
    const unknown = await post(
      SEND,
      { order_id: '3705115058471200000', delivery_list: [pkg('SF1', item(CUP_W, 2))] },
      t,
    );
    expect(unknown.json['errcode']).toBe(100002);
    expect(fake.channelsShipments(ORDER_ID)).toEqual([]);
  });

  it('checks carrier, waybill, deliver_type, products — and records nothing when any package is bad', async () => {
    const { fake, send } = await shop();
    const good = pkg('SF1', item(CUP_W, 2));
    expect((await send([good, { ...pkg('X1', item(TEA, 1)), delivery_id: 'NOPE' }]))['errcode']).toBe(606004);
    expect((await send([{ ...good, waybill_id: '' }]))['errcode']).toBe(606005);
    expect((await send([{ ...good, deliver_type: 3 }]))['errcode']).toBe(606008);
    expect((await send([pkg('SF1', { product_id: '999', sku_id: '999', product_cnt: 1 })]))['errcode']).toBe(606031);
    expect((await send([pkg('SF1')]))['errcode']).toBe(109002);
    expect((await send([]))['errcode']).toBe(47001);
    expect((await send([{ ...good, delivery_id: 'OTHER' }]))['errcode']).toBe(0);
    expect(fake.channelsShipments(ORDER_ID)).toHaveLength(1);
  });

  it('refunded units cannot ship; the order completes without them', async () => {
    const { fake, send, order } = await shop();
    fake.updateOrder(ORDER_ID, (o) => {
      const tea = o.order_detail.product_infos[2]!;
      tea.finish_aftersale_sku_cnt = 1;
    });
    expect((await send([pkg('SF1', item(TEA, 1))]))['errcode']).toBe(109000);
    expect((await send([pkg('SF1', item(CUP_W, 2), item(CUP_B, 1))]))['errcode']).toBe(0);
    expect((await order()).status).toBe(30);
  });
});
