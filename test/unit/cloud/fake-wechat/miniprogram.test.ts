// Mini-program shipping-info management, wechat-api.md §3.
import { describe, expect, it } from 'vitest';
import type { FakePayment } from '../../../../src/demo/wechat-sandbox/index.js';
import { MINI, start } from './helpers.js';

const UPLOAD = '/wxa/sec/order/upload_shipping_info';
const GET = '/wxa/sec/order/get_order';

const PAY: FakePayment = {
  transaction_id: '4200002133202501061234567890',
  mchid: '1900000109',
  out_trade_no: 'PD-20250106-0001',
  openid: 'o_payer_1',
  paid_amount: 5800,
};

const ship = (over: Record<string, unknown> = {}) => ({
  tracking_no: 'YT7500000000001',
  express_company: 'YTO',
  item_desc: '乌龙茶 250g ×1',
  ...over,
});
const upload = (over: Record<string, unknown> = {}) => ({
  order_key: { order_number_type: 2, transaction_id: PAY.transaction_id },
  logistics_type: 1,
  delivery_mode: 1,
  shipping_list: [ship()],
  upload_time: '2025-01-06T10:00:00.000+08:00',
  payer: { openid: PAY.openid },
  ...over,
});

async function mini(opts: { paymentIndexDelayMs?: number } = {}) {
  const s = await start(opts);
  s.fake.addPayment(PAY);
  const t = await s.token(MINI);
  const send = async (body: object) => (await s.post(UPLOAD, body, t)).json;
  const get = async (body: object) => (await s.post(GET, body, t)).json;
  return { ...s, t, send, get };
}

describe('upload_shipping_info (§3.1)', () => {
  it('a UNIFIED upload takes effect and get_order shows it with its own field names', async () => {
    const { fake, send, get } = await mini();
    expect((await send(upload()))['errcode']).toBe(0);
    expect(fake.miniprogramShipments(PAY.transaction_id)).toHaveLength(1);
    const byTid = await get({ transaction_id: PAY.transaction_id });
    expect(byTid['order']).toMatchObject({
      transaction_id: PAY.transaction_id,
      merchant_id: PAY.mchid,
      merchant_trade_no: PAY.out_trade_no,
      order_state: 2,
      shipping: { delivery_mode: 1, logistics_type: 1, finish_shipping: true, finish_shipping_count: 1 },
    });
    const list = (byTid['order'] as { shipping: { shipping_list: Record<string, unknown>[] } }).shipping.shipping_list;
    expect(list).toEqual([
      {
        tracking_no: 'YT7500000000001',
        express_company: 'YTO',
        goods_desc: '乌龙茶 250g ×1',
        upload_time: Date.parse('2025-01-06T10:00:00+08:00') / 1000,
      },
    ]);
    const byMerchant = await get({ merchant_id: PAY.mchid, merchant_trade_no: PAY.out_trade_no });
    expect(byMerchant['order']).toEqual(byTid['order']);
    const uploadNames = await get({ mchid: PAY.mchid, out_trade_no: PAY.out_trade_no });
    expect(uploadNames['errcode']).toBe(47001);
    expect(uploadNames['errmsg']).toMatch(/merchant_id/);
  });

  it('order_key type 1 uses mchid + out_trade_no; 268485194–197 for bad keys', async () => {
    const { send } = await mini();
    expect((await send(upload({ order_key: { order_number_type: 3 } })))['errcode']).toBe(268485194);
    expect((await send(upload({ order_key: { order_number_type: 2 } })))['errcode']).toBe(268485195);
    expect(
      (await send(upload({ order_key: { order_number_type: 1, out_trade_no: PAY.out_trade_no } })))['errcode'],
    ).toBe(268485196);
    expect((await send(upload({ order_key: { order_number_type: 1, mchid: PAY.mchid } })))['errcode']).toBe(268485197);
    expect(
      (await send(upload({ order_key: { order_number_type: 1, mchid: PAY.mchid, out_trade_no: PAY.out_trade_no } })))[
        'errcode'
      ],
    ).toBe(0);
  });

  it('field rules: item_desc, carrier, tracking, RFC 3339, modes, payer', async () => {
    const { fake, send } = await mini();
    const code = async (over: Record<string, unknown>) => (await send(upload(over)))['errcode'];
    expect(await code({ shipping_list: [ship({ item_desc: undefined })] })).toBe(10060020);
    expect(await code({ shipping_list: [ship({ item_desc: '' })] })).toBe(10060008);
    expect(await code({ shipping_list: [ship({ item_desc: '茶'.repeat(121) })] })).toBe(10060009);
    expect(await code({ shipping_list: [ship({ express_company: '' })] })).toBe(268485227);
    expect(await code({ shipping_list: [ship({ tracking_no: '' })] })).toBe(268485226);
    expect(await code({ upload_time: '2025-01-06 10:00:00' })).toBe(268485216);
    expect(await code({ upload_time: 1736128800 })).toBe(268485216);
    expect(await code({ shipping_list: [ship(), ship()] })).toBe(268485228);
    expect(await code({ delivery_mode: 3 })).toBe(268485224);
    expect(await code({ logistics_type: 9 })).toBe(10060005);
    expect(await code({ delivery_mode: 2, logistics_type: 2 })).toBe(10060006);
    expect(await code({ delivery_mode: 2 })).toBe(10060007);
    expect(
      await code({ delivery_mode: 2, is_all_delivered: true, shipping_list: Array.from({ length: 16 }, () => ship()) }),
    ).toBe(10060024);
    expect(await code({ payer: { openid: 'o_someone_else' } })).toBe(10060031);
    expect(fake.miniprogramShipments(PAY.transaction_id)).toEqual([]);
    expect(
      await code({
        upload_time: '2025-01-06T02:00:00Z',
        logistics_type: 3,
        shipping_list: [{ item_desc: '电子卡券' }],
      }),
    ).toBe(0);
  });

  it('SF needs a contact phone masked with the last 4 digits shown (10060014 otherwise)', async () => {
    const { send } = await mini();
    const sf = (contact?: object) =>
      upload({
        shipping_list: [
          ship({ express_company: 'SF', tracking_no: 'SF1000000000001', ...(contact ? { contact } : {}) }),
        ],
      });
    expect((await send(sf()))['errcode']).toBe(10060014);
    expect((await send(sf({ receiver_contact: '18912341234' })))['errcode']).toBe(10060014);
    expect((await send(sf({ receiver_contact: '189****12' })))['errcode']).toBe(10060014);
    expect((await send(sf({ receiver_contact: '189****1234' })))['errcode']).toBe(0);
  });

  it('10060001 for an unknown payment and while a new payment is not indexed yet', async () => {
    const { clock, send, get } = await mini({ paymentIndexDelayMs: 30_000 });
    expect((await send(upload({ order_key: { order_number_type: 2, transaction_id: '4200000000' } })))['errcode']).toBe(
      10060001,
    );
    expect((await send(upload()))['errcode']).toBe(10060001);
    expect((await get({ transaction_id: PAY.transaction_id }))['errcode']).toBe(10060001);
    clock.t += 30_000;
    expect((await send(upload()))['errcode']).toBe(0);
  });

  it('same content again is 10060023; other content on a shipped payment is 10060002', async () => {
    const { fake, send } = await mini();
    await send(upload());
    expect((await send(upload()))['errcode']).toBe(10060023);
    expect((await send(upload({ upload_time: '2025-01-06T10:05:00+08:00' })))['errcode']).toBe(10060023);
    expect(
      (
        await send(
          upload({
            upload_time: '2025-01-06T10:05:00+08:00',
            shipping_list: [ship({ tracking_no: 'YT7500000000002' })],
          }),
        )
      )['errcode'],
    ).toBe(10060002);
    expect(fake.miniprogramShipments(PAY.transaction_id)).toHaveLength(1);
  });

  it('SPLIT: packages add up until is_all_delivered; later uploads need a later upload_time', async () => {
    const { send, get } = await mini();
    const split = (n: number, time: string, all: boolean) =>
      upload({
        delivery_mode: 2,
        is_all_delivered: all,
        upload_time: time,
        shipping_list: [ship({ tracking_no: `YT75000000000${n}` })],
      });
    expect((await send(split(1, '2025-01-06T10:00:00+08:00', false)))['errcode']).toBe(0);
    expect(((await get({ transaction_id: PAY.transaction_id }))['order'] as { order_state: number }).order_state).toBe(
      1,
    );
    expect((await send(split(2, '2025-01-06T09:59:00+08:00', true)))['errcode']).toBe(10060014);
    expect((await send(split(2, '2025-01-06T10:01:00+08:00', true)))['errcode']).toBe(0);
    const order = (await get({ transaction_id: PAY.transaction_id }))['order'] as {
      order_state: number;
      shipping: { finish_shipping: boolean; shipping_list: unknown[] };
    };
    expect(order.order_state).toBe(2);
    expect(order.shipping.finish_shipping).toBe(true);
    expect(order.shipping.shipping_list).toHaveLength(2);
    expect((await send(split(3, '2025-01-06T10:02:00+08:00', true)))['errcode']).toBe(10060002);
  });

  it('one re-ship (a change of delivery mode or logistics type), then 10060003', async () => {
    const { fake, send, get } = await mini();
    await send(upload());
    const reship = upload({
      logistics_type: 4,
      upload_time: '2025-01-06T11:00:00+08:00',
      shipping_list: [{ item_desc: '到店自提' }],
    });
    expect((await send(reship))['errcode']).toBe(0);
    const order = (await get({ transaction_id: PAY.transaction_id }))['order'] as { shipping: Record<string, unknown> };
    expect(order.shipping).toMatchObject({ logistics_type: 4, finish_shipping_count: 2 });
    expect((await send(upload({ upload_time: '2025-01-06T12:00:00+08:00' })))['errcode']).toBe(10060003);
    expect(fake.miniprogramShipments(PAY.transaction_id).map((u) => u.reship)).toEqual([false, true]);
  });

  it('10060004 once the payment is refunded; get_order shows state 5', async () => {
    const { fake, send, get } = await mini();
    fake.addPayment({ ...PAY, refunded: true });
    expect((await send(upload()))['errcode']).toBe(10060004);
    expect(((await get({ transaction_id: PAY.transaction_id }))['order'] as { order_state: number }).order_state).toBe(
      5,
    );
  });
});
