// Platform e-waybill, wechat-api.md §2.7.
import { describe, expect, it } from 'vitest';
import { buildChannelsOrder } from '../../../../src/demo/wechat-sandbox/index.js';
import { PRODUCTS, T0S, start } from './helpers.js';

const EW = '/channels/ec/logistics/ewaybill/biz';
const ORDER_ID = '3705115058471208928';

async function setup() {
  const s = await start();
  s.fake.addChannelsOrder(
    buildChannelsOrder({ order_id: ORDER_ID, create_time: T0S - 60, lines: [{ product: PRODUCTS[2]!, count: 1 }] }),
  );
  const t = await s.token();
  const call = async (path: string, body: object) => (await s.post(`${EW}${path}`, body, t)).json;
  const precreate = {
    delivery_id: 'SF',
    site_code: 'SITE_SF',
    ewaybill_acct_id: 'ACCT_SF',
    sender: {
      name: '仓库',
      mobile: '075512345678',
      province: '广东省',
      city: '深圳市',
      county: '南山区',
      street: '',
      address: '科技园',
    },
    receiver: {
      name: '林**',
      mobile: '183****2807',
      province: '广东省',
      city: '深圳市',
      county: '南山区',
      street: '',
      address: '****',
    },
    ec_order_list: [
      {
        ec_order_id: ORDER_ID,
        goods_list: [
          { good_name: '乌龙茶', good_count: 1, product_id: PRODUCTS[2]!.product_id, sku_id: PRODUCTS[2]!.sku_id },
        ],
      },
    ],
  };
  return { ...s, t, call, precreate };
}

describe('e-waybill (§2.7)', () => {
  it('precreate → create gives a carrier-shaped waybill; a second create is 10025019 and get returns the same waybill', async () => {
    const { call, precreate } = await setup();
    const pre = await call('/order/precreate', precreate);
    expect(pre['errcode']).toBe(0);
    const id = pre['ewaybill_order_id'];
    expect(id).toMatch(/^\d{1,20}$/);
    const created = await call('/order/create', { ...precreate, ewaybill_order_id: id, template_id: 'single' });
    expect(created['errcode']).toBe(0);
    expect(created['waybill_id']).toMatch(/^SF\d{13}$/);
    expect(typeof created['print_info']).toBe('string');
    const again = await call('/order/create', { ...precreate, ewaybill_order_id: id });
    expect(again['errcode']).toBe(10025019);
    const got = await call('/order/get', { ewaybill_order_id: id });
    expect(got['order_info']).toMatchObject({
      ewaybill_order_id: id,
      waybill_id: created['waybill_id'],
      delivery_id: 'SF',
      status: 1,
    });
  });

  it('print done, then cancel; a second cancel fails; unknown ids are 10025010', async () => {
    const { call, precreate } = await setup();
    const id = (await call('/order/precreate', precreate))['ewaybill_order_id'];
    const waybill = (await call('/order/create', { ...precreate, ewaybill_order_id: id }))['waybill_id'];
    expect(
      (await call('/order/print', { ewaybill_order_id: id, delivery_id: 'SF', waybill_id: waybill, re_print: 0 }))[
        'errcode'
      ],
    ).toBe(0);
    expect(
      ((await call('/order/get', { ewaybill_order_id: id }))['order_info'] as Record<string, unknown>)['status'],
    ).toBe(2);
    expect(
      (await call('/order/cancel', { ewaybill_order_id: id, delivery_id: 'SF', waybill_id: waybill }))['errcode'],
    ).toBe(0);
    expect(
      (await call('/order/cancel', { ewaybill_order_id: id, delivery_id: 'SF', waybill_id: waybill }))['errcode'],
    ).toBe(10025006);
    expect((await call('/order/get', { ewaybill_order_id: '123456789' }))['errcode']).toBe(10025010);
    expect(
      (await call('/order/print', { ewaybill_order_id: '123456789', delivery_id: 'SF', waybill_id: 'SF1' }))['errcode'],
    ).toBe(10025010);
    expect(
      (await call('/order/cancel', { ewaybill_order_id: id, delivery_id: 'SF', waybill_id: 'SF0' }))['errcode'],
    ).toBe(10025010);
  });

  it('a self-chosen uint64 id may create directly; non-uint64 ids are 10025020', async () => {
    const { call, precreate } = await setup();
    const own = await call('/order/create', {
      ...precreate,
      delivery_id: 'ZTO',
      site_code: 'SITE_ZTO',
      ewaybill_acct_id: 'ACCT_ZTO',
      ewaybill_order_id: '900000000000000001',
    });
    expect(own['errcode']).toBe(0);
    expect(own['waybill_id']).toMatch(/^7\d{13}$/);
    expect((await call('/order/create', { ...precreate, ewaybill_order_id: 900000000000000 }))['errcode']).toBe(
      10025020,
    );
    expect((await call('/order/create', { ...precreate, ewaybill_order_id: '18446744073709551616' }))['errcode']).toBe(
      10025020,
    );
  });

  it('validates precreate: carrier, account, receiver, order', async () => {
    const { call, precreate } = await setup();
    expect((await call('/order/precreate', { ...precreate, delivery_id: 'DBKD' }))['errcode']).toBe(10025012);
    expect((await call('/order/precreate', { ...precreate, ewaybill_acct_id: 'ACCT_ZTO' }))['errcode']).toBe(10025014);
    expect((await call('/order/precreate', { ...precreate, receiver: undefined }))['errcode']).toBe(10025016);
    expect((await call('/order/precreate', { ...precreate, ec_order_list: [{ ec_order_id: '1' }] }))['errcode']).toBe(
      10025017,
    );
    const accounts = await call('/account/get', { delivery_id: 'JD' });
    expect(accounts['account_list']).toEqual([expect.objectContaining({ delivery_id: 'JD', acct_id: 'ACCT_JD' })]);
  });

  it('taking a waybill does not ship the order (§2.7 print-done note)', async () => {
    const { call, precreate, post, t } = await setup();
    const id = (await call('/order/precreate', precreate))['ewaybill_order_id'];
    await call('/order/create', { ...precreate, ewaybill_order_id: id });
    const order = (await post('/channels/ec/order/get', { order_id: ORDER_ID }, t)).json['order'] as { status: number };
    expect(order.status).toBe(20);
  });
});
