// One bad row must never stop every desk: the hub's door refuses, on every write path, each kind of
// row a station could not store — with the row and field named (CSV: the line), and nothing of a
// refused admin batch written — and the admin can correct, re-send and delete products.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Product } from '../../../src/contract/entities.js';
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

type Envelope = { code: string; message: string };
type Summary = { imported: number; errors: string[] };
const b64 = (text: string) => Buffer.from(text).toString('base64');

const plain = () => {
  const p = t.catalog.products.find((x) => x.components.length === 0 && x.barcodes.length > 0);
  if (!p) throw new Error('the demo catalog has a plain product with a barcode');
  return p;
};
const product = (over: Partial<Product> = {}): Product => ({
  id: 90001,
  sku: 'POISON-01',
  title: '测试商品',
  category: 'general',
  unitWeightG: 100,
  priceFen: 1000,
  barcodes: [],
  components: [],
  ...over,
});

async function refused(rows: unknown[], ...expected: RegExp[]): Promise<void> {
  const r = await t.admin<Envelope>('POST', '/v1/admin/products', rows);
  expect(r.status).toBe(400);
  expect(r.body.code).toBe('bad_request');
  for (const e of expected) expect(r.body.message).toMatch(e);
  // Nothing of the batch was written.
  for (const row of rows) {
    const id = (row as { id?: unknown }).id;
    if (typeof id === 'number' && !t.catalog.products.some((p) => p.id === id))
      expect((await t.admin('GET', `/v1/admin/products/${id}`)).status).toBe(404);
  }
}

describe('POST /v1/admin/products checks every row as stations store it', () => {
  it('SKUs that differ only in letter case, in one batch and against the hub', async () => {
    await refused(
      [product(), product({ id: 90002, sku: 'poison-01' })],
      /products\[1\]\.sku: expected a sku no other product has .*got "poison-01", the same as the sku "POISON-01" of product 90001 \(sku POISON-01, products\[0\]\)/,
    );
    await refused([product({ sku: plain().sku.toLowerCase() })], /products\[0\]\.sku: .*on the hub/);
  });

  it("a SKU equal to another product's barcode, and one barcode on two products", async () => {
    const code = plain().barcodes[0] ?? '';
    await refused([product({ sku: code })], new RegExp(`products\\[0\\]\\.sku: .*the barcode "${code}" of product`));
    await refused(
      [product({ barcodes: ['ALIAS-7'] }), product({ id: 90002, sku: 'POISON-02', barcodes: ['alias-7'] })],
      /products\[1\]\.barcodes: expected a barcode no other product has/,
    );
  });

  it('an unknown category, a 20-digit weight or price, negative numbers, a bundle of itself', async () => {
    await refused(
      [product({ category: 'weapons' as Product['category'] })],
      /products\[0\]\.category: expected one of/,
    );
    await refused(
      [product({ unitWeightG: 1e20 })],
      /products\[0\]\.unitWeightG: expected ≤ 1000000, got 100000000000000000000/,
    );
    await refused([product({ priceFen: 2 ** 53 })], /products\[0\]\.priceFen: expected/);
    await refused([product({ unitWeightG: -5 })], /products\[0\]\.unitWeightG: expected ≥ 0, got -5/);
    await refused([product({ components: [{ productId: 90001, qty: 1 }] })], /products\[0\]\.components: expected/);
    await refused(
      [product({ components: [{ productId: 99999, qty: 1 }] })],
      /components\[0\]\.productId: expected a product/,
    );
    await refused([product(), { id: 90002 }], /products\[1\]\.sku: expected/);
  });
});

describe('the admin fixes what went wrong', () => {
  it('PUT corrects a product and re-sends it to the stations even when unchanged', async () => {
    const token = await t.addStation('A');
    const p = plain();
    const head = (await t.call<PullResponse>(token, 'GET', '/v1/sync/pull?cursor=0&wait=0&limit=100000')).body.cursor;
    const put = await t.admin('PUT', `/v1/admin/products/${p.id}`, { ...p, title: '更正后的名称' });
    expect(put).toMatchObject({ status: 200, body: { ok: true, changed: 1 } });
    const again = await t.admin('PUT', `/v1/admin/products/${p.id}`, { ...p, title: '更正后的名称' });
    expect(again).toMatchObject({ status: 200, body: { ok: true, changed: 0 } });
    const next = (await t.call<PullResponse>(token, 'GET', `/v1/sync/pull?cursor=${head}&wait=0`)).body;
    expect(next.products.map((x) => [x.id, x.title])).toEqual([[p.id, '更正后的名称']]);
    const resent = (await t.call<PullResponse>(token, 'GET', `/v1/sync/pull?cursor=${next.cursor - 1}&wait=0`)).body;
    expect(resent.products.map((x) => x.id)).toEqual([p.id]);

    const wrongId = await t.admin<Envelope>('PUT', `/v1/admin/products/${p.id}`, { ...p, id: p.id + 1 });
    expect(wrongId.status).toBe(400);
    expect(wrongId.body.message).toMatch(/^product\.id: expected/);
    const bad = await t.admin<Envelope>('PUT', `/v1/admin/products/${p.id}`, { ...p, unitWeightG: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/product\.unitWeightG: expected ≥ 0, got -1/);
  });

  it('DELETE removes a product unless a bundle lists it', async () => {
    const bundle = t.catalog.products.find((p) => p.components.length > 0);
    const component = bundle?.components[0]?.productId ?? 0;
    expect((await t.admin<Envelope>('DELETE', `/v1/admin/products/${component}`)).status).toBe(409);
    expect((await t.admin('POST', '/v1/admin/products', [product()])).status).toBe(200);
    expect((await t.admin('DELETE', '/v1/admin/products/90001')).status).toBe(200);
    expect((await t.admin('GET', '/v1/admin/products/90001')).status).toBe(404);
    expect((await t.admin('DELETE', '/v1/admin/products/90001')).status).toBe(404);
    expect((await t.admin('DELETE', '/v1/admin/products/abc')).status).toBe(400);
  });
});

describe('POST /v1/orders refuses numbers no desk can hold', () => {
  const order = (lines: unknown[], over: Record<string, unknown> = {}) => ({
    id: 'MP-POISON-1',
    channel: 'mini_program',
    recipientName: '王**',
    recipientPhone: '139****1234',
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路**号' },
    lines,
    payment: { appId: 'wx-mini-1', transactionId: '4200000001', payerOpenid: 'openid-1' },
    ...over,
  });

  it('qty × price above 2^53, a quantity of 2^53, a negative price, a time out of range', async () => {
    const sku = plain().sku;
    const cases: [unknown, RegExp][] = [
      [
        order([
          { sku, qty: 100_000, priceFen: 10_000_000_000 },
          { sku, qty: 100_000, priceFen: 10_000_000_000 },
        ]),
        /lines: expected a total/,
      ],
      [order([{ sku, qty: 2 ** 53, priceFen: 1 }]), /lines\[0\]\.qty: expected ≤ 100000/],
      [order([{ sku, qty: 1, priceFen: -1 }]), /lines\[0\]\.priceFen: expected ≥ 0/],
      [order([{ sku, qty: 1, priceFen: 1 }], { paidAt: 1e17 }), /paidAt: expected ≤/],
    ];
    for (const [body, message] of cases) {
      const r = await t.admin<Envelope>('POST', '/v1/orders', body);
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(message);
    }
    expect((await t.admin('GET', '/v1/admin/orders/MP-POISON-1')).status).toBe(404);
  });
});

describe('CSV imports name the line of each poisoned row and import the rest', () => {
  it('products: case-only SKU twins, a SKU equal to a barcode, 20-digit weight and price', async () => {
    const csv = [
      'sku,barcodes,title,weight,category,price',
      'CASE-A,,甲,100g,普通,1.00',
      'case-a,,乙,100g,普通,1.00',
      `${plain().barcodes[0]},,丙,100g,普通,1.00`,
      'HEAVY-1,,丁,12345678901234567890,普通,1.00',
      'DEAR-1,,戊,100g,普通,12345678901234567890',
      'GOOD-1,,己,100g,普通,1.00',
    ].join('\n');
    const r = (await t.admin<Summary>('POST', '/v1/admin/import/products', { csvBase64: b64(csv) })).body;
    expect(r.imported).toBe(2);
    expect(r.errors).toEqual([
      expect.stringMatching(/^line 3, sku: expected a sku no other product has .*"case-a".*CASE-A on line 2/),
      expect.stringMatching(/^line 4, sku: .*the barcode .* on the hub/),
      expect.stringMatching(/^line 5, weight: expected a weight up to 1000 kg/),
      expect.stringMatching(/^line 6, price: expected a price up to/),
    ]);
  });

  it('live-room orders: a quantity no desk takes is refused with its line', async () => {
    const sku = plain().sku;
    const csv = [
      'orderNo,sku,qty,recipientName,recipientPhone,province,city,district,detail',
      `99001,${sku},999999,王**,139****0001,浙江省,杭州市,西湖区,文三路**号`,
      `99002,${sku},1,李**,139****0002,浙江省,杭州市,西湖区,文三路**号`,
    ].join('\n');
    const mapping = { columns: {} };
    const r = (await t.admin<Summary>('POST', '/v1/admin/import/orders', { csvBase64: b64(csv), mapping })).body;
    expect(r.imported).toBe(1);
    expect(r.errors).toEqual([expect.stringMatching(/^line 2, lines\[0\]\.qty: expected ≤ 100000, got 999999/)]);
  });
});
