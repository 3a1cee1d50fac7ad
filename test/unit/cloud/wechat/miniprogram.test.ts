import { afterEach, describe, expect, it } from 'vitest';
import { rfc3339Shanghai } from '../../../../src/cloud/wechat/china-time.js';
import {
  buildUploadShippingBody,
  getShippingOrder,
  itemDesc,
  sfContact,
  uploadShipping,
  type UploadShippingInput,
} from '../../../../src/cloud/wechat/miniprogram.js';
import { stack, startStub, tokenIssuer, type Stub } from './stub.js';

const AT = new Date('2022-12-15T05:29:35.120Z'); // 13:29:35.120 in China

const base: UploadShippingInput = {
  orderKey: { kind: 'transaction', transactionId: '4200001234202212150000000001' },
  payerOpenid: 'o-payer',
  parcels: [{ expressCompany: 'YTO', trackingNo: 'YT100', itemDesc: '龙井茶 ×2' }],
  isFinal: true,
  uploadTime: AT,
};

describe('upload_shipping_info body (§3.1)', () => {
  it('one final parcel is UNIFIED (delivery_mode 1, no is_all_delivered)', () => {
    expect(buildUploadShippingBody(base)).toEqual({
      order_key: { order_number_type: 2, transaction_id: '4200001234202212150000000001' },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'YT100', express_company: 'YTO', item_desc: '龙井茶 ×2' }],
      upload_time: '2022-12-15T13:29:35.120+08:00',
      payer: { openid: 'o-payer' },
    });
  });

  it('several parcels, or a non-final one, are SPLIT with is_all_delivered', () => {
    const two = buildUploadShippingBody({
      ...base,
      parcels: [...base.parcels, { expressCompany: 'ZTO', trackingNo: 'ZT2', itemDesc: '杯 ×1' }],
    });
    expect(two).toMatchObject({ delivery_mode: 2, is_all_delivered: true });
    expect(two['shipping_list']).toHaveLength(2);
    expect(buildUploadShippingBody({ ...base, isFinal: false })).toMatchObject({
      delivery_mode: 2,
      is_all_delivered: false,
    });
    expect(buildUploadShippingBody({ ...base, split: true })).toMatchObject({
      delivery_mode: 2,
      is_all_delivered: true,
    });
  });

  it('a merchant order key uses mchid + out_trade_no with order_number_type 1', () => {
    expect(
      buildUploadShippingBody({
        ...base,
        orderKey: { kind: 'merchant', mchid: '1230000109', outTradeNo: 'PD-2024-1' },
      })['order_key'],
    ).toEqual({
      order_number_type: 1,
      mchid: '1230000109',
      out_trade_no: 'PD-2024-1',
    });
  });

  it('upload_time is RFC 3339 with milliseconds and +08:00, across the China date line', () => {
    expect(rfc3339Shanghai(new Date('2024-03-01T16:00:00.000Z'))).toBe('2024-03-02T00:00:00.000+08:00');
    expect(rfc3339Shanghai(new Date('2024-03-01T15:59:59.999Z'))).toBe('2024-03-01T23:59:59.999+08:00');
    expect(() => rfc3339Shanghai(new Date('nope'))).toThrow(/invalid Date/);
  });

  it('item_desc is trimmed and cut to 120 characters without splitting characters', () => {
    expect(itemDesc('  茶叶   ×2 \n')).toBe('茶叶 ×2');
    const long = '🍵'.repeat(130);
    const cut = itemDesc(long);
    expect(Array.from(cut)).toHaveLength(120);
    expect(cut.endsWith('…')).toBe(true);
    expect(Array.from(itemDesc('a'.repeat(120)))).toHaveLength(120);
    expect(() => itemDesc('   ')).toThrow(/10060008/);
  });

  it('SF parcels carry the receiver phone masked with the last 4 digits visible', () => {
    const sf = { expressCompany: 'SF', trackingNo: 'SF1', itemDesc: '茶' };
    expect(
      buildUploadShippingBody({ ...base, parcels: [{ ...sf, receiverPhoneMasked: '189****1234' }] })['shipping_list'],
    ).toEqual([
      { tracking_no: 'SF1', express_company: 'SF', item_desc: '茶', contact: { receiver_contact: '189****1234' } },
    ]);
    expect(sfContact('18912341234', 'SF1')).toBe('189****1234');
    expect(sfContact('+86 189 1234 5678', 'SF1')).toBe('189****5678');
    expect(sfContact('02112345678', 'SF1')).toBe('*******5678');
  });

  it('SF without 4 trailing digits fails fast with a clear error', () => {
    const sf = { expressCompany: 'SF', trackingNo: 'SF1', itemDesc: '茶' };
    expect(() => buildUploadShippingBody({ ...base, parcels: [sf] })).toThrow(/SF parcel SF1.*last 4 digits/);
    expect(() => sfContact('189*******', 'SF1')).toThrow(/no 4 trailing digits/);
    expect(() => sfContact('132****1234-5678', 'SF1')).toThrow(/last 4 digits/);
  });

  it('refuses 0 or more than 15 parcels and empty tracking numbers', () => {
    expect(() => buildUploadShippingBody({ ...base, parcels: [] })).toThrow(/1\.\.15/);
    const p = base.parcels[0];
    if (!p) throw new Error('fixture');
    expect(() =>
      buildUploadShippingBody({
        ...base,
        parcels: Array.from({ length: 16 }, (_, i) => ({ ...p, trackingNo: `T${i}` })),
      }),
    ).toThrow(/10060024/);
    expect(() => buildUploadShippingBody({ ...base, parcels: [{ ...p, trackingNo: ' ' }] })).toThrow(/tracking_no/);
  });
});

describe('calls', () => {
  let stub: Stub | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('uploadShipping posts the body; getShippingOrder uses the get_order field names', async () => {
    const issue = tokenIssuer();
    stub = await startStub(
      (req) =>
        issue(req) ??
        (req.path === '/wxa/sec/order/get_order'
          ? {
              json: {
                errcode: 0,
                order: {
                  transaction_id: '42000',
                  order_state: 2,
                  shipping: {
                    delivery_mode: 2,
                    finish_shipping: false,
                    finish_shipping_count: 0,
                    shipping_list: [{ tracking_no: 'YT100', express_company: 'YTO' }],
                  },
                },
              },
            }
          : { json: { errcode: 0, errmsg: 'ok' } }),
    );
    const { app } = stack(stub.baseUrl);
    await uploadShipping(app, base);
    const up = stub.calls.find((c) => c.path === '/wxa/sec/order/upload_shipping_info');
    expect(up?.body).toEqual(buildUploadShippingBody(base));

    expect(await getShippingOrder(app, { kind: 'merchant', mchid: 'M1', outTradeNo: 'T1' })).toEqual({
      transactionId: '42000',
      orderState: 2,
      deliveryMode: 2,
      finishShipping: false,
      finishShippingCount: 0,
      trackingNos: ['YT100'],
    });
    await getShippingOrder(app, { kind: 'transaction', transactionId: '42000' });
    const gets = stub.calls.filter((c) => c.path === '/wxa/sec/order/get_order').map((c) => c.body);
    expect(gets).toEqual([{ merchant_id: 'M1', merchant_trade_no: 'T1' }, { transaction_id: '42000' }]);
  });
});
