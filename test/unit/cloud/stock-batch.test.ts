// POST /v1/admin/stock/movements with a batch: every movement booked in one unit of work, each
// answered by its key; a refused one books nothing and the rest still apply; a batch sent again books
// nothing; a bad field is named with its place in the batch; short orders get what arrived.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  stockAlertsResponse,
  stockLevelsResponse,
  stockMovementBatchResponse,
} from '../../../src/contract/stock-ledger.js';
import { startTestHub, type TestHub } from '../../helpers/hub.js';

vi.setConfig({ testTimeout: 60_000 });

let t: TestHub;
let plain: string[];
let bundle: string;
beforeAll(async () => {
  t = await startTestHub({
    config: { stock: { enabled: true, channels: [{ id: 'mini1', kind: 'mini_program', appId: 'wx-mini-1' }] } },
  });
  plain = t.catalog.products.filter((p) => p.components.length === 0).map((p) => p.sku);
  bundle = t.catalog.products.find((p) => p.components.length > 0)?.sku ?? '';
});
afterAll(() => t.close());

const onHand = async (sku: string) =>
  stockLevelsResponse.parse((await t.admin('GET', `/v1/stock?sku=${encodeURIComponent(sku)}`)).body).items[0]?.onHand;

describe('a batch of stock movements', () => {
  it('books each once, answers each by key, and refuses one without stopping the others', async () => {
    const [a, b] = plain as [string, string];
    const movements = [
      { kind: 'receipt', sku: a, qty: 5, key: 'B-1' },
      { kind: 'receipt', sku: bundle, qty: 1, key: 'B-2' },
      { kind: 'adjust', sku: b, qty: 3, key: 'B-3' },
      { kind: 'transfer', sku: b, qty: 99, toLocation: 'A-01', key: 'B-4' },
    ];
    const first = await t.admin('POST', '/v1/admin/stock/movements', { movements });
    expect(first.status).toBe(200);
    expect(stockMovementBatchResponse.parse(first.body).items).toEqual([
      { key: 'B-1', ok: true, booked: true },
      {
        key: 'B-2',
        ok: false,
        status: 400,
        message: `sku: expected a plain product, got the bundle "${bundle}" (book its components)`,
      },
      { key: 'B-3', ok: true, booked: true },
      { key: 'B-4', ok: false, status: 409, message: 'qty: expected at most 3 (free in pool shared at MAIN), got 99' },
    ]);
    expect(await onHand(a)).toBe(5);
    expect(await onHand(b)).toBe(3);

    const again = stockMovementBatchResponse.parse(
      (await t.admin('POST', '/v1/admin/stock/movements', { movements: movements.slice(0, 1) })).body,
    );
    expect(again.items).toEqual([{ key: 'B-1', ok: true, booked: false }]);
    expect(await onHand(a)).toBe(5);
  });

  it('names a bad field by its place in the batch, and refuses a key used twice in one batch', async () => {
    const [a] = plain as [string];
    const bad = await t.admin<{ message: string }>('POST', '/v1/admin/stock/movements', {
      movements: [
        { kind: 'receipt', sku: a, qty: 1, key: 'C-1' },
        { kind: 'receipt', sku: a, qty: 0, key: 'C-2' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/movements\[1\]\.qty/);
    const twice = await t.admin<{ message: string }>('POST', '/v1/admin/stock/movements', {
      movements: [
        { kind: 'receipt', sku: a, qty: 1, key: 'D-1' },
        { kind: 'receipt', sku: a, qty: 2, key: 'D-1' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toMatch(/a different key for every movement/);
    expect(await onHand(a)).toBe(5);
  });

  it('gives a short order the units a batch brings', async () => {
    const sku = plain[2] as string;
    const order = {
      id: 'BATCH-SHORT-1',
      channel: 'mini_program',
      recipientName: '李四',
      recipientPhone: '13900000000',
      address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路1号' },
      paidAt: Date.now(),
      lines: [{ sku, qty: 2, priceFen: 990 }],
      payment: { appId: 'wx-mini-1', transactionId: 'tx-batch-1', payerOpenid: 'buyer-1' },
    };
    expect((await t.admin('POST', '/v1/orders', order)).status).toBe(200);
    const shortIds = async () =>
      stockAlertsResponse
        .parse((await t.admin('GET', '/v1/admin/stock/alerts')).body)
        .items.filter((i) => i.kind === 'short' && i.sku === sku)
        .flatMap((i) => i.orderIds ?? []);
    expect(await shortIds()).toEqual([order.id]);
    await t.admin('POST', '/v1/admin/stock/movements', {
      movements: [
        { kind: 'receipt', sku, qty: 1, key: 'E-1' },
        { kind: 'receipt', sku, qty: 1, key: 'E-2' },
      ],
    });
    expect(await shortIds()).toEqual([]);
  });
});
