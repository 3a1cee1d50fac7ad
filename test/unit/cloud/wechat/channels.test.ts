import { afterEach, describe, expect, it } from 'vitest';
import { CarrierCache, ChannelsApi } from '../../../../src/cloud/wechat/channels.js';
import type { EwaybillOrderInput } from '../../../../src/cloud/wechat/ewaybill.js';
import { BIG_ID, rawOrder } from './orders.js';
import { stack, startStub, tokenIssuer, type Stub, type StubReply, type StubRequest } from './stub.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function withStub(handler: (req: StubRequest) => StubReply) {
  const issue = tokenIssuer();
  stub = await startStub((req) => issue(req) ?? handler(req));
  return { ...stack(stub.baseUrl), calls: (path: string) => stub?.calls.filter((c) => c.path === path) ?? [] };
}

const LIST = '/channels/ec/order/list/get';

/**
 * list/get as WeChat pages it: a cursor per page, and 606006 when any parameter other than
 * next_key differs from the first page's (§2.1) — compared on the raw JSON, byte for byte.
 */
function pagingList(ids: string[]) {
  let firstParams: string | null = null;
  return (req: StubRequest): StubReply => {
    const { next_key: key, ...rest } = req.body ?? {};
    const params = JSON.stringify(rest);
    if (key === '' || key === undefined) firstParams = params;
    else if (params !== firstParams) return { json: { errcode: 606006, errmsg: 'next_key invalid rid: p' } };
    const offset = key ? Number(String(key).slice(4)) : 0;
    const size = Number(rest['page_size'] ?? 10);
    const page = ids.slice(offset, offset + size);
    const more = offset + size < ids.length;
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        order_id_list: page,
        has_more: more,
        next_key: more ? `key-${offset + size}` : '',
      },
    };
  };
}

describe('listOrderIds', () => {
  const ids = Array.from({ length: 250 }, (_, i) => String(3705115058471208000n + BigInt(i)));

  it('pages with next_key/has_more and keeps every other parameter frozen', async () => {
    const s = await withStub(pagingList(ids));
    const got = await s.channels.listOrderIds(
      { start: 1_700_000_000, end: 1_700_000_000 + 7 * 86_400 },
      { status: 20, pageSize: 100 },
    );
    expect(got).toEqual(ids);
    const pages = s.calls(LIST);
    expect(pages.map((p) => p.body?.['next_key'])).toEqual(['', 'key-100', 'key-200']);
    const frozen = pages.map((p) => p.raw.replace(/,?"next_key":"[^"]*"/, ''));
    expect(new Set(frozen).size).toBe(1);
    expect(pages[0]?.body).toEqual({
      update_time_range: { start_time: 1_700_000_000, end_time: 1_700_604_800 },
      status: 20,
      page_size: 100,
      next_key: '',
    });
  });

  it('the stub really enforces 606006 (a changed parameter fails)', async () => {
    const s = await withStub(pagingList(ids));
    await s.app.call(LIST, { update_time_range: { start_time: 1, end_time: 2 }, page_size: 100, next_key: '' });
    await expect(
      s.app.call(LIST, { update_time_range: { start_time: 1, end_time: 3 }, page_size: 100, next_key: 'key-100' }),
    ).rejects.toMatchObject({ errcode: 606006 });
  });

  it('defaults to page_size 100 and create_time_range on request; dedupes ids across pages', async () => {
    const s = await withStub((req) =>
      req.body?.['next_key'] === ''
        ? { json: { errcode: 0, order_id_list: ['1', '2'], has_more: true, next_key: 'k' } }
        : { json: { errcode: 0, order_id_list: ['2', '3'], has_more: false, next_key: '' } },
    );
    expect(await s.channels.listOrderIds({ start: 10, end: 20 }, { by: 'create' })).toEqual(['1', '2', '3']);
    expect(s.calls(LIST)[0]?.body).toEqual({
      create_time_range: { start_time: 10, end_time: 20 },
      page_size: 100,
      next_key: '',
    });
  });

  it('refuses windows over 7 days and bad page sizes before calling WeChat', async () => {
    const s = await withStub(pagingList(ids));
    await expect(s.channels.listOrderIds({ start: 0, end: 7 * 86_400 + 1 }, {})).rejects.toThrow(/at most 7 days/);
    await expect(s.channels.listOrderIds({ start: 10, end: 5 }, {})).rejects.toThrow(/start ≤ end/);
    await expect(s.channels.listOrderIds({ start: 0, end: 10 }, { pageSize: 101 })).rejects.toThrow(/page_size/);
    expect(s.calls(LIST)).toHaveLength(0);
  });

  it('fails loudly when has_more comes without a new cursor', async () => {
    const s = await withStub(() => ({ json: { errcode: 0, order_id_list: ['1'], has_more: true, next_key: '' } }));
    await expect(s.channels.listOrderIds({ start: 0, end: 10 }, {})).rejects.toThrow(/next_key/);
  });
});

describe('getOrder', () => {
  it('keeps a 19-digit order id exact even when WeChat sends it as a JSON number', async () => {
    const raw = JSON.stringify({ errcode: 0, errmsg: 'ok', order: rawOrder() }).replace(
      `"order_id":"${BIG_ID}"`,
      `"order_id":${BIG_ID}`,
    );
    expect(raw).toContain(`"order_id":${BIG_ID},`);
    const s = await withStub(() => ({ text: raw }));
    const o = await s.channels.getOrder(BIG_ID);
    expect(o.order_id).toBe(BIG_ID);
    expect(o.order_detail.product_infos[0]).toMatchObject({
      product_id: 'P1',
      sku_id: 'S1',
      sku_cnt: 2,
      sku_code: 'TEA-01',
    });
    expect(s.calls('/channels/ec/order/get')[0]?.body).toEqual({ order_id: BIG_ID });
  });

  it('tolerates missing blocks but not a missing order', async () => {
    const s = await withStub((req) =>
      req.body?.['order_id'] === '1'
        ? { json: { errcode: 0, order: { order_id: '1', status: 20 } } }
        : { json: { errcode: 0 } },
    );
    const o = await s.channels.getOrder('1');
    expect(o.order_detail.product_infos).toEqual([]);
    expect(o.order_detail.delivery_info.address_info.tel_number).toBe('');
    await expect(s.channels.getOrder('2')).rejects.toThrow(/unexpected order shape/);
  });
});

describe('sendDelivery', () => {
  it('sends one delivery_list entry per package with deliver_type 1', async () => {
    const s = await withStub(() => ({ json: { errcode: 0, errmsg: 'ok' } }));
    await s.channels.sendDelivery(BIG_ID, [
      { deliveryId: 'SF', waybillId: 'SF100', products: [{ productId: 'P1', skuId: 'S1', count: 2 }] },
      { deliveryId: 'ZTO', waybillId: 'ZT200', products: [{ productId: 'P2', skuId: 'S2', count: 1 }] },
    ]);
    expect(s.calls('/channels/ec/order/delivery/send')[0]?.body).toEqual({
      order_id: BIG_ID,
      delivery_list: [
        {
          delivery_id: 'SF',
          waybill_id: 'SF100',
          deliver_type: 1,
          product_infos: [{ product_id: 'P1', sku_id: 'S1', product_cnt: 2 }],
        },
        {
          delivery_id: 'ZTO',
          waybill_id: 'ZT200',
          deliver_type: 1,
          product_infos: [{ product_id: 'P2', sku_id: 'S2', product_cnt: 1 }],
        },
      ],
    });
  });

  it('refuses empty packages and a SKU split across packages (606030) before calling', async () => {
    const s = await withStub(() => ({ json: { errcode: 0 } }));
    await expect(s.channels.sendDelivery('1', [])).rejects.toThrow(/no packages/);
    await expect(s.channels.sendDelivery('1', [{ deliveryId: 'SF', waybillId: 'A', products: [] }])).rejects.toThrow(
      /109002/,
    );
    await expect(
      s.channels.sendDelivery('1', [
        { deliveryId: 'SF', waybillId: 'A', products: [{ productId: 'P', skuId: 'S', count: 1 }] },
        { deliveryId: 'SF', waybillId: 'B', products: [{ productId: 'P', skuId: 'S', count: 1 }] },
      ]),
    ).rejects.toThrow(/606030/);
    expect(s.calls('/channels/ec/order/delivery/send')).toHaveLength(0);
  });
});

describe('carriers', () => {
  it('loads deliverycompanylist/new/get once per China calendar day', async () => {
    const s = await withStub(() => ({
      json: {
        errcode: 0,
        company_list: [
          { delivery_id: 'SF', delivery_name: '顺丰速运' },
          { delivery_id: 'ZTO', delivery_name: '中通快递' },
        ],
      },
    }));
    // 2024-03-01 23:00 in China = 15:00 UTC.
    const clock = { t: Date.UTC(2024, 2, 1, 15, 0) };
    const api = new ChannelsApi({
      app: s.app,
      now: () => clock.t,
      carrierCache: new CarrierCache({ now: () => clock.t }),
    });
    const [a, b] = await Promise.all([api.carriers(), api.carriers()]);
    expect(a).toEqual([
      { id: 'SF', name: '顺丰速运' },
      { id: 'ZTO', name: '中通快递' },
    ]);
    expect(b).toEqual(a);
    clock.t += 59 * 60_000;
    await api.carriers();
    expect(s.calls('/channels/ec/order/deliverycompanylist/new/get')).toHaveLength(1);
    clock.t += 2 * 60_000; // 00:01 next day in China
    await api.carriers();
    const calls = s.calls('/channels/ec/order/deliverycompanylist/new/get');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body).toEqual({ ewaybill_only: false });
  });
});

describe('e-waybill (§2.7)', () => {
  const input: EwaybillOrderInput = {
    deliveryId: 'YTO',
    siteCode: 'S01',
    acctId: 'ACCT',
    sender: {
      name: '仓库',
      mobile: '13800000000',
      province: '广东省',
      city: '深圳市',
      county: '南山区',
      address: '科技园 1 号',
    },
    receiver: {
      name: '林**',
      mobile: '183****2807',
      province: '广东省',
      city: '深圳市',
      county: '南山区',
      address: '****',
    },
    orders: [{ orderId: BIG_ID, goods: [{ name: '茶', count: 2, productId: '10000029995861', skuId: '2001' }] }],
  };
  const B = '/channels/ec/logistics/ewaybill/biz';

  it('precreate → create → print done, with the masked receiver passed as-is', async () => {
    const s = await withStub((req) => {
      if (req.path === `${B}/order/precreate`) return { json: { errcode: 0, ewaybill_order_id: 'EW1' } };
      if (req.path === `${B}/order/create`)
        return { json: { errcode: 0, ewaybill_order_id: 'EW1', waybill_id: 'YT9', print_info: 'PI' } };
      return { json: { errcode: 0 } };
    });
    expect(await s.channels.precreate(input)).toBe('EW1');
    expect(await s.channels.create('EW1', { ...input, templateId: 'single' })).toEqual({
      ewaybillOrderId: 'EW1',
      waybillId: 'YT9',
      printInfo: 'PI',
      deliveryErrorMsg: null,
      alreadyExisted: false,
    });
    await s.channels.printDone({ ewaybillOrderId: 'EW1', deliveryId: 'YTO', waybillId: 'YT9', reprint: false });
    expect(s.calls(`${B}/order/precreate`)[0]?.body).toMatchObject({
      delivery_id: 'YTO',
      site_code: 'S01',
      ewaybill_acct_id: 'ACCT',
      receiver: { name: '林**', mobile: '183****2807', address: '****' },
      ec_order_list: [
        {
          ec_order_id: BIG_ID,
          goods_list: [{ good_name: '茶', good_count: 2, product_id: 10000029995861, sku_id: 2001 }],
        },
      ],
    });
    expect(s.calls(`${B}/order/create`)[0]?.body).toMatchObject({ ewaybill_order_id: 'EW1', template_id: 'single' });
    expect(s.calls(`${B}/order/print`)[0]?.body).toEqual({
      ewaybill_order_id: 'EW1',
      delivery_id: 'YTO',
      waybill_id: 'YT9',
      re_print: 0,
    });
  });

  it('create answering 10025019 reads the existing waybill back', async () => {
    const s = await withStub((req) =>
      req.path === `${B}/order/create`
        ? { json: { errcode: 10025019, errmsg: 'ewaybill order exist' } }
        : {
            json: {
              errcode: 0,
              order_info: { ewaybill_order_id: 'EW1', delivery_id: 'YTO', waybill_id: 'YT9', status: 1 },
            },
          },
    );
    expect(await s.channels.create('EW1', input)).toMatchObject({ waybillId: 'YT9', alreadyExisted: true });
    expect(await s.channels.getEwaybill('EW1')).toEqual({
      ewaybillOrderId: 'EW1',
      deliveryId: 'YTO',
      waybillId: 'YT9',
      status: 1,
    });
  });

  it('10025019 with nothing to read back is rethrown', async () => {
    const s = await withStub((req) =>
      req.path === `${B}/order/create`
        ? { json: { errcode: 10025019, errmsg: 'exist' } }
        : { json: { errcode: 10025010, errmsg: 'not found' } },
    );
    await expect(s.channels.create('EW1', input)).rejects.toMatchObject({ errcode: 10025019, cls: 'already_done' });
  });
});
