import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Order, Product } from '../../../../src/contract/entities.js';
import {
  importLiveOrders,
  LIVE_ORDER_FIELDS,
  type LiveOrderContext,
} from '../../../../src/cloud/imports/live-orders.js';
import { parseColumnMapping } from '../../../../src/cloud/imports/mapping.js';
import { formatImportError } from '../../../../src/cloud/imports/table.js';

const PRODUCTS: Product[] = [
  {
    id: 1,
    sku: 'TEA-01',
    title: '西湖龙井 250克',
    category: 'food',
    unitWeightG: 250,
    priceFen: 12800,
    barcodes: ['6901234567892'],
    components: [],
  },
  {
    id: 2,
    sku: 'CUP-01',
    title: '玻璃茶杯',
    category: 'fragile',
    unitWeightG: 300,
    priceFen: 3990,
    barcodes: [],
    components: [],
  },
];
const NOW = Date.UTC(2026, 10, 25, 4, 0, 0);
const ctx = (now = NOW): LiveOrderContext => ({ productBySku: (sku) => PRODUCTS.find((p) => p.sku === sku), now });
const utf8 = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\r\n') + '\r\n');

const HEADER = '订单编号,商家编码,商品数量,商品单价,收货人,收货人手机,省,市,区,详细地址,买家留言,付款时间';
// A Douyin-style export: the order number guarded by a tab, and the second line of the first order
// exported from merged cells, so its recipient columns are empty.
const EXPORT = [
  HEADER,
  '"\t4934561287654321098",TEA-01,2,128.00,张三,13800138000,浙江省,杭州市,西湖区,"文三路 90 号',
  '东部软件园 3 号楼",请尽快发货,2026-11-25 10:00:00',
  '4934561287654321099,CUP-01,3,,李四,021-5555-0100,新疆维吾尔自治区,乌鲁木齐市,天山区,解放南路 1 号,,2026/11/25 11:30',
  '"\t4934561287654321098",CUP-01,1,39.90,,,,,,,,',
];

const ZHANG: Order = {
  id: 'LIVE-4934561287654321098',
  channel: 'live_room',
  status: 'open',
  pickSlip: null,
  recipientName: '张三',
  recipientPhone: '13800138000',
  address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号\n东部软件园 3 号楼' },
  remark: '请尽快发货',
  flags: [],
  holdReason: null,
  valueFen: 2 * 12800 + 3990,
  paidAt: Date.UTC(2026, 10, 25, 2, 0, 0), // 10:00 Beijing time
  updatedAt: NOW,
  lines: [
    { lineNo: 1, productId: 1, sku: 'TEA-01', title: '西湖龙井 250克', qty: 2, priceFen: 12800 },
    { lineNo: 2, productId: 2, sku: 'CUP-01', title: '玻璃茶杯', qty: 1, priceFen: 3990 },
  ],
};

function sha256WithoutUpdatedAt(order: Order): string {
  const { updatedAt: _ignored, ...content } = order;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

describe('importLiveOrders', () => {
  it('groups rows into open live_room orders, filling merged-cell rows from the first', () => {
    const result = importLiveOrders(utf8(EXPORT), undefined, ctx());
    expect(result.rows).toBe(3);
    expect(result.errors).toEqual([]);
    expect(result.encoding).toBe('utf-8');
    expect(result.items.map((i) => i.sourceLines)).toEqual([[2, 5], [4]]);
    expect(result.items[0]?.order).toEqual(ZHANG);
    expect(result.items[0]?.contentHash).toBe(sha256WithoutUpdatedAt(ZHANG));
    expect(result.items[1]?.order).toMatchObject({
      id: 'LIVE-4934561287654321099',
      recipientPhone: '021-5555-0100',
      address: { province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区', detail: '解放南路 1 号' },
      remark: '',
      valueFen: 3 * 3990, // no price in the row: the catalogue price
      paidAt: Date.UTC(2026, 10, 25, 3, 30, 0),
      lines: [{ lineNo: 1, productId: 2, sku: 'CUP-01', title: '玻璃茶杯', qty: 3, priceFen: 3990 }],
    });
  });

  it('gives identical orders and hashes when the same file is imported again', () => {
    const first = importLiveOrders(utf8(EXPORT), undefined, ctx());
    expect(importLiveOrders(utf8(EXPORT), undefined, ctx())).toEqual(first);
    // Later, only updatedAt moves; the hash says nothing changed.
    const later = importLiveOrders(utf8(EXPORT), undefined, ctx(NOW + 3_600_000));
    expect(later.items.map((i) => [i.order.id, i.order.updatedAt, i.contentHash])).toEqual(
      first.items.map((i) => [i.order.id, NOW + 3_600_000, i.contentHash]),
    );
  });

  it('changes the hash of exactly the order whose row changed', () => {
    const first = importLiveOrders(utf8(EXPORT), undefined, ctx());
    const edited = importLiveOrders(
      utf8(EXPORT.map((l) => l.replace('解放南路 1 号', '解放南路 2 号'))),
      undefined,
      ctx(),
    );
    expect(edited.items[0]?.contentHash).toBe(first.items[0]?.contentHash);
    expect(edited.items[1]?.contentHash).not.toBe(first.items[1]?.contentHash);
    expect(edited.items[1]?.contentHash).toBe(sha256WithoutUpdatedAt(edited.items[1]!.order));
  });

  it('reads another platform through a mapping, with its own id prefix and Unix times', () => {
    const mapping = parseColumnMapping(
      {
        columns: {
          orderNo: '订单号',
          sku: 'SKU编码',
          qty: '件数',
          price: '成交价',
          recipientName: '收件人',
          recipientPhone: '收件人电话',
          detail: ['收件地址', '详细地址'],
        },
        defaults: { district: '' },
        dateFormat: 'unix_s',
        orderIdPrefix: 'KS-',
      },
      LIVE_ORDER_FIELDS,
    );
    const bytes = utf8([
      '订单号,SKU编码,件数,成交价,收件人,收件人电话,省份,城市,收件地址,付款时间',
      '2411250001,TEA-01,1,99,王五,13900139000,广东省,东莞市,长安镇 1 号,1795571200',
    ]);
    const [item] = importLiveOrders(bytes, mapping, ctx()).items;
    expect(item?.order).toMatchObject({
      id: 'KS-2411250001',
      recipientName: '王五',
      address: { province: '广东省', city: '东莞市', district: '', detail: '长安镇 1 号' },
      valueFen: 9900,
      paidAt: 1_795_571_200_000,
      lines: [{ lineNo: 1, productId: 1, sku: 'TEA-01', title: '西湖龙井 250克', qty: 1, priceFen: 9900 }],
    });
  });

  it('reports each bad row by line and skips a whole order when any of its rows is bad', () => {
    const bytes = utf8([
      HEADER, // 1
      '4.93456E+18,TEA-01,1,,赵六,13800000001,浙江,杭州市,,某路 1 号,,', // 2
      'A1,NOPE,1,,钱七,13800000002,浙江,杭州市,,某路 2 号,,', // 3
      'A1,TEA-01,0,12.505,,,,,,,,', // 4
      'A2,TEA-01,1,,孙八,13800000003,江苏,南京市,,某路 3 号,,', // 5
      'A2,CUP-01,1,,孙九,,,,,,,', // 6
      'A3,TEA-01,1,,周十,电话,上海,,,某路 4 号,,明天', // 7
      'A4,CUP-01,1,,吴一,13800000004,火星,某市,,某路 5 号,,', // 8
    ]);
    const result = importLiveOrders(bytes, undefined, ctx());
    expect(result.rows).toBe(7);
    expect(result.errors.map(formatImportError)).toEqual([
      'line 2, orderNo: expected the full order number (Excel shortened it: format the column as text and export again), got "4.93456E+18"',
      'line 3, sku: expected the sku of a product on the hub, got "NOPE"',
      'line 3, orderNo: expected every row of order A1 to be valid, got errors on lines 3, 4; the order was not imported',
      'line 4, qty: expected a whole number of at least 1, got "0"',
      'line 4, price: expected a price in yuan like 12.50, got "12.505"',
      'line 5, orderNo: expected every row of order A2 to be valid, got errors on line 6; the order was not imported',
      'line 6, recipientName: expected "孙八" as on line 5 of order A2, got "孙九"',
      'line 7, city: expected a value on at least one row of order A3, got an empty cell',
      'line 7, recipientPhone: expected a phone number like 13800138000, got "电话"',
      'line 7, paidAt: expected a date like 2026-11-25 10:00:00, got "明天"',
      'line 7, orderNo: expected every row of order A3 to be valid, got errors on line 7; the order was not imported',
    ]);
    // An unknown province still imports, flagged for a supervisor.
    expect(result.items.map((i) => [i.order.id, i.order.flags, i.sourceLines])).toEqual([
      ['LIVE-A4', ['address_ambiguous'], [8]],
    ]);
  });
});
