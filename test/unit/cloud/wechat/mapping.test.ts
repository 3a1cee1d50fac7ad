import { describe, expect, it } from 'vitest';
import { hubOrderSchema } from '../../../../src/contract/sync.js';
import { mapChannelsOrder, type CatalogLookup, type MappedOrder } from '../../../../src/cloud/wechat/mapping.js';
import { wechatOrderSchema } from '../../../../src/cloud/wechat/order-schema.js';
import { BIG_ID, line, order, rawOrder } from './orders.js';

const PRODUCTS: Record<string, { id: number; sku: string; title: string }> = {
  'TEA-01': { id: 1, sku: 'TEA-01', title: '龙井茶 250g' },
  'CUP-02': { id: 2, sku: 'CUP-02', title: '白瓷杯' },
};
const catalog: CatalogLookup = { productBySkuCode: (code) => PRODUCTS[code] };

function asHub(m: MappedOrder) {
  const { packable: _p, wechatStatus: _w, updateTimeS: _u, lines, ...rest } = m;
  return hubOrderSchema.parse({
    ...rest,
    lines: lines.map(({ wechat: _x, ...l }) => l),
    version: 1,
    preassigned: null,
  });
}

describe('mapChannelsOrder', () => {
  it('maps a paid order to an open HubOrder with WeChat ids per line', () => {
    const m = mapChannelsOrder(order({ notes: ['请用纸箱', '送试吃装'] }), catalog);
    expect(m).toMatchObject({
      id: BIG_ID,
      channel: 'channels_shop',
      status: 'open',
      holdReason: null,
      packable: true,
      pickSlip: null,
      recipientName: '林**',
      recipientPhone: '183****2807',
      address: { province: '广东省', city: '深圳市', district: '南山区', detail: '****' },
      remark: '买家备注: 请用纸箱\n商家备注: 送试吃装',
      flags: [],
      valueFen: 3470,
      paidAt: 1_700_000_100_000,
      updatedAt: 1_700_000_500_000,
      updateTimeS: 1_700_000_500,
      wechatStatus: 20,
    });
    expect(m.lines).toEqual([
      {
        lineNo: 1,
        productId: 1,
        sku: 'TEA-01',
        title: '龙井茶 250g',
        qty: 2,
        priceFen: 990,
        wechat: { productId: 'P1', skuId: 'S1' },
      },
      {
        lineNo: 2,
        productId: 2,
        sku: 'CUP-02',
        title: '白瓷杯',
        qty: 1,
        priceFen: 990,
        wechat: { productId: 'P2', skuId: 'S2' },
      },
    ]);
    // The result is a valid HubOrder once the hub adds version/preassigned.
    expect(asHub(m).id).toBe(BIG_ID);
  });

  it.each([
    [20, 'open', true],
    [30, 'shipped', true],
    [100, 'shipped', true],
    [190, 'cancelled', true],
    [200, 'cancelled', true],
    [250, 'cancelled', true],
  ] as const)('status %i → %s', (status, expected, packable) => {
    const m = mapChannelsOrder(order({ status }), catalog);
    expect([m.status, m.packable, m.holdReason]).toEqual([expected, packable, null]);
  });

  it('status 10 (unpaid) is not packable', () => {
    expect(mapChannelsOrder(order({ status: 10 }), catalog)).toMatchObject({
      packable: false,
      status: 'held',
      holdReason: 'UNPAID',
    });
  });

  it('an unknown status is not packable', () => {
    expect(mapChannelsOrder(order({ status: 55 }), catalog)).toMatchObject({
      packable: false,
      holdReason: 'WECHAT-STATUS:55',
    });
  });

  it('status 21 lists only the remaining units: shipped and refunded ones are subtracted', () => {
    const o = order({
      status: 21,
      lines: [
        line('P1', 'S1', 5, 'TEA-01', { finish_aftersale_sku_cnt: 1 }),
        line('P2', 'S2', 2, 'CUP-02'),
        line('P3', 'S3', 1, 'TEA-01'),
      ],
      shipped: [
        { waybill_id: 'SF1', delivery_id: 'SF', product_infos: [{ product_id: 'P1', sku_id: 'S1', product_cnt: 2 }] },
        { waybill_id: 'SF2', delivery_id: 'SF', product_infos: [{ product_id: 'P2', sku_id: 'S2', product_cnt: 2 }] },
      ],
    });
    const m = mapChannelsOrder(o, catalog);
    expect(m.status).toBe('open');
    // Line 2 is fully shipped and drops out; the others keep their line numbers.
    expect(m.lines.map((l) => [l.lineNo, l.wechat.skuId, l.qty])).toEqual([
      [1, 'S1', 2],
      [3, 'S3', 1],
    ]);
  });

  it('status 21 with nothing left to pack is shipped', () => {
    const o = order({
      status: 21,
      lines: [line('P1', 'S1', 2, 'TEA-01', { finish_aftersale_sku_cnt: 1 })],
      shipped: [
        { waybill_id: 'SF1', delivery_id: 'SF', product_infos: [{ product_id: 'P1', sku_id: 'S1', product_cnt: 1 }] },
      ],
    });
    expect(mapChannelsOrder(o, catalog)).toMatchObject({ status: 'shipped', lines: [] });
  });

  it('an open after-sale case holds the order (order count or a line count)', () => {
    expect(mapChannelsOrder(order({ aftersaleCnt: 1 }), catalog)).toMatchObject({
      status: 'held',
      holdReason: 'AFTERSALE',
      packable: true,
    });
    const o = order({ lines: [line('P1', 'S1', 2, 'TEA-01', { on_aftersale_sku_cnt: 1 })] });
    expect(mapChannelsOrder(o, catalog)).toMatchObject({ status: 'held', holdReason: 'AFTERSALE' });
  });

  it('an address under review holds the order', () => {
    expect(mapChannelsOrder(order({ addressUnderReview: true }), catalog)).toMatchObject({
      status: 'held',
      holdReason: 'ADDRESS-REVIEW',
    });
  });

  it('an unknown sku_code holds the order and names the code', () => {
    const m = mapChannelsOrder(
      order({ lines: [line('P1', 'S1', 1, 'TEA-01'), line('P9', 'S9', 1, 'NEW-99', { title: '新品' })] }),
      catalog,
    );
    expect(m).toMatchObject({ status: 'held', holdReason: 'UNKNOWN-SKU:NEW-99' });
    expect(m.lines[1]).toMatchObject({
      productId: 0,
      sku: 'NEW-99',
      title: '新品',
      wechat: { productId: 'P9', skuId: 'S9' },
    });
    expect(mapChannelsOrder(order({ lines: [line('P9', 'S9', 1, '')] }), catalog).holdReason).toBe(
      'UNKNOWN-SKU:sku_id=S9',
    );
  });

  it('after-sale outranks the address review, which outranks an unknown SKU', () => {
    const lines = [line('P9', 'S9', 1, 'NEW-99')];
    expect(mapChannelsOrder(order({ lines, addressUnderReview: true, aftersaleCnt: 1 }), catalog).holdReason).toBe(
      'AFTERSALE',
    );
    expect(mapChannelsOrder(order({ lines, addressUnderReview: true }), catalog).holdReason).toBe('ADDRESS-REVIEW');
  });

  it('holds do not apply to shipped or cancelled orders', () => {
    expect(mapChannelsOrder(order({ status: 250, aftersaleCnt: 1 }), catalog)).toMatchObject({
      status: 'cancelled',
      holdReason: null,
    });
  });

  it('uses the virtual number when one is in use, and tolerates 0/1 flags', () => {
    const raw = rawOrder();
    const info = (raw['order_detail'] as { delivery_info: Record<string, unknown> }).delivery_info;
    info['use_tel_number'] = 1;
    info['tel_number_ext_info'] = { real_tel_number: '183****2807', virtual_tel_number: '13200001234-5678' };
    info['address_under_review'] = 0;
    const m = mapChannelsOrder(wechatOrderSchema.parse(raw), catalog);
    expect(m).toMatchObject({ recipientPhone: '13200001234-5678', status: 'open' });
  });

  it('an order without pay time has paidAt null', () => {
    const raw = rawOrder();
    (raw['order_detail'] as Record<string, unknown>)['pay_info'] = null;
    expect(mapChannelsOrder(wechatOrderSchema.parse(raw), catalog).paidAt).toBeNull();
  });
});
