// CSV imports through the hub's admin API: GBK files, column mapping, line-numbered errors, and no
// duplicates when the same file is imported twice.
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PullResponse } from '../../../src/contract/sync.js';
import { startTestHub, type TestHub } from '../../helpers/hub.js';

vi.setConfig({ testTimeout: 30_000 });
let t: TestHub;
beforeEach(async () => {
  t = await startTestHub();
});
afterEach(async () => {
  await t.close();
});

type Summary = {
  encoding: string;
  rows: number;
  imported: number;
  changed: number;
  unchanged: number;
  errors: string[];
};
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('CSV imports at the hub', () => {
  it('products: a GBK file, one bad line reported by number, a second import changes nothing', async () => {
    const csv = [
      'sku,barcodes,title,weight,category,price',
      'NEW-TEA-01,6901234567892,西湖龙井 250克,250g,食品,128.00',
      'NEW-CUP-01,,玻璃茶杯,abc,易碎,39.90',
      'NEW-CUP-02,,陶瓷茶杯,0.3kg,易碎,29.90',
    ].join('\r\n');
    const bytes = iconv.encode(csv, 'gbk');
    const first = (await t.admin<Summary>('POST', '/v1/admin/import/products', { csvBase64: b64(bytes) })).body;
    expect(first).toMatchObject({ encoding: 'gbk', rows: 3, imported: 2, changed: 2, unchanged: 0 });
    expect(first.errors).toEqual([
      expect.stringMatching(/^line 3, weight: expected grams like 250 or 0\.25kg, got "abc"/),
    ]);
    const second = (await t.admin<Summary>('POST', '/v1/admin/import/products', { csvBase64: b64(bytes) })).body;
    expect(second).toMatchObject({ imported: 2, changed: 0, unchanged: 2 });
  });

  it('live-room orders: mapped columns, orders reach the stations once, re-import is a no-op', async () => {
    const [p1, p2] = t.catalog.products.filter((p) => p.components.length === 0);
    if (!p1 || !p2) throw new Error('catalog');
    const csv = [
      '直播订单号,货号,件数,收件人,手机,省份,城市,区县,收货地址,买家备注',
      `88001,${p1.sku},2,王**,139****0001,浙江省,杭州市,西湖区,文三路**号,`,
      `88001,${p2.sku},1,,,,,,,`,
      `88002,${p2.sku},1,李**,139****0002,广东省,深圳市,南山区,科技园**号,请尽快发货`,
      `88003,NO-SUCH-SKU,1,赵**,139****0003,江苏省,南京市,鼓楼区,中山路**号,`,
    ].join('\n');
    const mapping = {
      columns: {
        orderNo: '直播订单号',
        sku: '货号',
        qty: '件数',
        recipientName: '收件人',
        recipientPhone: '手机',
        province: '省份',
        city: '城市',
        district: '区县',
        detail: '收货地址',
        remark: '买家备注',
      },
      priceUnit: 'yuan',
    };
    const bytes = new TextEncoder().encode(csv);
    const first = (await t.admin<Summary>('POST', '/v1/admin/import/orders', { csvBase64: b64(bytes), mapping })).body;
    expect(first).toMatchObject({ encoding: 'utf-8', imported: 2, changed: 2 });
    expect(first.errors.some((e) => e.startsWith('line 5') && e.includes('NO-SUCH-SKU'))).toBe(true);
    const again = (await t.admin<Summary>('POST', '/v1/admin/import/orders', { csvBase64: b64(bytes), mapping })).body;
    expect(again).toMatchObject({ imported: 2, changed: 0, unchanged: 2 });
    const token = await t.addStation('A');
    const pulled = (await t.call<PullResponse>(token, 'GET', '/v1/sync/pull?cursor=0')).body.orders.filter(
      (o) => o.channel === 'live_room',
    );
    expect(pulled.map((o) => o.id).sort()).toEqual(['LIVE-88001', 'LIVE-88002']);
    expect(pulled.find((o) => o.id === 'LIVE-88001')?.lines.map((l) => [l.sku, l.qty])).toEqual([
      [p1.sku, 2],
      [p2.sku, 1],
    ]);
    expect(pulled.every((o) => o.version === 1)).toBe(true);
  });

  it('a bad mapping is refused with the field named', async () => {
    const res = (
      await t.admin<Summary>('POST', '/v1/admin/import/orders', {
        csvBase64: b64(new TextEncoder().encode('a,b\n1,2')),
        mapping: { columns: { nope: 'x' } },
      })
    ).body;
    expect(res.imported).toBe(0);
    expect(res.errors[0]).toMatch(/nope/);
  });
});
