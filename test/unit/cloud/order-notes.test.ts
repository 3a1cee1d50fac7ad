// Buyer, merchant and gift notes carried apart on the order: Channels mapping, intake, the CSV
// import, the wire to stations (old payloads without notes still parse) and the station's store.
import { describe, expect, it } from 'vitest';
import { hubOrderSchema } from '../../../src/contract/sync.js';
import { mapChannelsOrder, type CatalogLookup } from '../../../src/cloud/wechat/mapping.js';
import { wechatOrderSchema } from '../../../src/cloud/wechat/order-schema.js';
import { intakeNotes, intakeSchema } from '../../../src/cloud/services/intake.js';
import { importLiveOrders } from '../../../src/cloud/imports/live-orders.js';
import { toHubOrder } from '../../../src/cloud/order-wire.js';
import { toOrder } from '../../../src/main/sync/merge.js';
import { openDatabase } from '../../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../../src/main/core/store/migrations.js';
import { OrderStore } from '../../../src/main/core/store/orders.js';
import { rawOrder } from './wechat/orders.js';
import { ORDERS, PRODUCTS } from '../../helpers/fixtures.js';
import { CatalogStore } from '../../../src/main/core/store/catalog.js';

const catalog: CatalogLookup = {
  productBySkuCode: (code) =>
    ({ 'TEA-01': { id: 1, sku: 'TEA-01', title: '龙井茶' }, 'CUP-02': { id: 2, sku: 'CUP-02', title: '白瓷杯' } })[
      code
    ],
};

describe('Channels orders', () => {
  it('carries buyer and merchant notes and a gift order’s present_note apart', () => {
    const raw = { ...rawOrder({ notes: [' 请用纸箱 ', '送试吃装'] }), is_present: true, present_note: '生日快乐' };
    const m = mapChannelsOrder(wechatOrderSchema.parse(raw), catalog);
    expect(m.notes).toEqual({ buyer: '请用纸箱', merchant: '送试吃装', gift: '生日快乐' });
    // The label's remark is unchanged: no gift message on the shipping label.
    expect(m.remark).toBe('买家备注: 请用纸箱\n商家备注: 送试吃装');
  });

  it('adds no notes key to an order without notes (its content hash stays what it was)', () => {
    const m = mapChannelsOrder(wechatOrderSchema.parse({ ...rawOrder(), present_note: null }), catalog);
    expect('notes' in m).toBe(false);
  });
});

describe('intake', () => {
  const base = {
    id: 'MP-0001',
    channel: 'mini_program',
    recipientName: '张**',
    recipientPhone: '138****5678',
    address: { province: '上海市', city: '上海市', detail: '张江路**号' },
    remark: '放门口',
    lines: [{ sku: 'TEA-01', qty: 1, priceFen: 100 }],
    payment: { appId: 'wx1', transactionId: 'T1', payerOpenid: 'o1' },
  };

  it('takes note, merchantNote and giftNote, the remark standing in for the buyer note', () => {
    const o = intakeSchema.parse({ ...base, merchantNote: '加急', giftNote: '新婚快乐' });
    expect(intakeNotes(o)).toEqual({ notes: { buyer: '放门口', merchant: '加急', gift: '新婚快乐' } });
    expect(intakeNotes(intakeSchema.parse({ ...base, note: '别按门铃' })).notes?.buyer).toBe('别按门铃');
  });

  it('leaves an order posted without the new fields as it was', () => {
    expect(intakeNotes(intakeSchema.parse(base))).toEqual({});
  });

  it('names the field when a note is not text', () => {
    const r = intakeSchema.safeParse({ ...base, giftNote: 5 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['giftNote']);
  });
});

describe('CSV import', () => {
  const TEA = {
    id: 1,
    sku: 'TEA-01',
    title: '龙井茶',
    category: 'food' as const,
    unitWeightG: 250,
    priceFen: 12800,
    barcodes: [],
    components: [],
  };
  const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n') + '\r\n');
  const ctx = { productBySku: (sku: string) => (sku === 'TEA-01' ? TEA : undefined), now: Date.UTC(2026, 10, 25) };

  it('reads 商家备注 and 礼物留言 columns into the notes', () => {
    const r = importLiveOrders(
      csv([
        '订单编号,商家编码,商品数量,收货人,收货人手机,省,市,详细地址,买家留言,商家备注,礼物留言',
        '4934561287654321098,TEA-01,1,张三,13800138000,浙江省,杭州市,文三路 90 号,请尽快,VIP,生日快乐',
      ]),
      undefined,
      ctx,
    );
    expect(r.errors).toEqual([]);
    expect(r.items[0]?.order.notes).toEqual({ buyer: '请尽快', merchant: 'VIP', gift: '生日快乐' });
  });

  it('imports a file without those columns without notes', () => {
    const r = importLiveOrders(
      csv([
        '订单编号,商家编码,商品数量,收货人,收货人手机,省,市,详细地址,买家留言',
        '4934561287654321098,TEA-01,1,张三,13800138000,浙江省,杭州市,文三路 90 号,请尽快',
      ]),
      undefined,
      ctx,
    );
    expect(r.items[0]?.order.remark).toBe('请尽快');
    expect(r.items[0]?.order.notes).toBeUndefined();
  });
});

describe('the wire and the station', () => {
  const order = ORDERS[0];
  if (!order) throw new Error('fixture');
  const notes = { buyer: '请用纸箱', merchant: '', gift: '生日快乐' };

  it('parses old payloads without notes and new ones with them, and the station keeps them', () => {
    const wire = { ...order, status: 'open' as const, version: 1, preassigned: null };
    expect(hubOrderSchema.parse(wire).notes).toBeUndefined();
    const parsed = hubOrderSchema.parse({ ...wire, notes });
    expect(parsed.notes).toEqual(notes);
    expect(toOrder(parsed).notes).toEqual(notes);
    expect(
      toHubOrder({
        ...wire,
        notes,
        source: 'intake',
        shopId: null,
        wechatLines: [],
        payment: null,
        contentHash: '',
      }).notes,
    ).toEqual(notes);

    const db = openDatabase(':memory:', stationMigrations);
    new CatalogStore(db, () => 1).upsert(PRODUCTS);
    const store = new OrderStore(db, () => 1);
    store.upsert([
      { ...order, notes },
      { ...order, id: 'NO-NOTES', pickSlip: null },
    ]);
    expect(store.get(order.id)?.notes).toEqual(notes);
    expect(store.get('NO-NOTES')?.notes).toBeUndefined();
    db.close();
  });
});
