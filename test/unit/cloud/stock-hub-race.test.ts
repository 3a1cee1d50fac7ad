// The stock ledger through the hub's HTTP API: 500 paid orders racing over 50 units of one SKU from
// two channels reserve exactly 50 and flag the other 450 short, available never below 0; then the
// admin's endpoints (alerts, release, bundles, import) and a station's read access.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  bundlesResponse,
  stockAlertsResponse,
  stockLevelsResponse,
  stockMovementsResponse,
} from '../../../src/contract/stock-ledger.js';
import { startTestHub, type TestHub } from '../../helpers/hub.js';

vi.setConfig({ testTimeout: 60_000 });

let t: TestHub;
let sku: string;
beforeAll(async () => {
  t = await startTestHub({
    config: {
      stock: {
        enabled: true,
        channels: [
          { id: 'mini1', kind: 'mini_program', appId: 'wx-mini-1' },
          { id: 'oa1', kind: 'official_account' },
        ],
      },
    },
  });
  sku = t.catalog.products.find((p) => p.components.length === 0)?.sku ?? '';
});
afterAll(() => t.close());

function paidOrder(n: number) {
  return {
    id: `RACE-${String(n).padStart(4, '0')}`,
    channel: n % 2 === 0 ? 'mini_program' : 'official_account',
    stockChannel: n % 2 === 0 ? 'mini1' : 'oa1',
    recipientName: '李四',
    recipientPhone: '13900000000',
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路1号' },
    paidAt: Date.now(),
    lines: [{ sku, qty: 1, priceFen: 990 }],
    payment: { appId: 'wx-mini-1', transactionId: `tx-race-${n}`, payerOpenid: `buyer-${n}` },
  };
}

const levelOf = async () => stockLevelsResponse.parse((await t.admin('GET', `/v1/stock?sku=${sku}`)).body).items[0];

describe('stock at the hub over HTTP', () => {
  it('500 paid orders racing over 50 units: exactly 50 reserved, 450 short, never negative', async () => {
    const receipt = await t.admin('POST', '/v1/admin/stock/movements', {
      kind: 'receipt',
      sku,
      qty: 50,
      key: 'PO-RACE',
    });
    expect(receipt.status).toBe(200);
    let lowest = Number.POSITIVE_INFINITY;
    let racing = true;
    const watch = (async () => {
      while (racing) lowest = Math.min(lowest, (await levelOf())?.available ?? 0);
    })();
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, n) => t.admin('POST', '/v1/orders', paidOrder(n))),
    );
    racing = false;
    await watch;
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(await levelOf()).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
    const reserves = stockMovementsResponse.parse(
      (await t.admin('GET', `/v1/stock/movements?sku=${sku}&kind=reserve&limit=1000`)).body,
    );
    expect(reserves.items).toHaveLength(50);
    expect(new Set(reserves.items.map((m) => m.channel))).toEqual(new Set(['mini1', 'oa1']));
    const alerts = stockAlertsResponse.parse((await t.admin('GET', '/v1/admin/stock/alerts')).body).items;
    const short = alerts.find((a) => a.kind === 'short' && a.sku === sku);
    expect(short?.orderIds).toHaveLength(450);
    const held = (
      await t.admin<{ order: { status: string; holdReason: string } }>(
        'GET',
        `/v1/admin/orders/${short?.orderIds?.[0]}`,
      )
    ).body.order;
    expect(held).toMatchObject({ status: 'held', holdReason: 'RSN-STOCK-SHORT' });
  });

  it('a supervisor release, stock arriving for the rest, and a station reading the figures', async () => {
    const alerts = stockAlertsResponse.parse((await t.admin('GET', '/v1/admin/stock/alerts')).body).items;
    const [first, ...rest] = alerts.find((a) => a.kind === 'short')?.orderIds ?? [];
    expect((await t.admin('POST', `/v1/admin/stock/short/${first}/release`)).status).toBe(200);
    expect((await t.admin('POST', `/v1/admin/stock/short/${first}/release`)).status).toBe(404);
    expect((await t.admin<{ order: { status: string } }>('GET', `/v1/admin/orders/${first}`)).body.order.status).toBe(
      'open',
    );
    await t.admin('POST', '/v1/admin/stock/movements', { kind: 'receipt', sku, qty: 10, key: 'PO-MORE' });
    const stillShort = stockAlertsResponse
      .parse((await t.admin('GET', '/v1/admin/stock/alerts')).body)
      .items.find((a) => a.kind === 'short');
    expect(stillShort?.orderIds).toHaveLength(rest.length - 10);
    expect(await levelOf()).toMatchObject({ onHand: 60, reserved: 60, available: 0 });

    const token = await t.addStation('ST-STOCK');
    const asStation = await t.call(token, 'GET', `/v1/stock?sku=${sku}`);
    expect(stockLevelsResponse.parse(asStation.body).items[0]).toMatchObject({ onHand: 60 });
    expect((await t.call(token, 'GET', '/v1/stock/alerts')).status).toBe(200);
    expect(
      (await t.call(token, 'POST', '/v1/admin/stock/movements', { kind: 'receipt', sku, qty: 1, key: 'X' })).status,
    ).toBe(401);
  });

  it('bundles by SKU, a bad movement named by field, and the stock CSV import', async () => {
    const [a, b, c] = t.catalog.products.filter((p) => p.components.length === 0).slice(1, 4);
    const refused = await t.admin<{ message: string }>('PUT', `/v1/admin/stock/bundles/${sku}`, {
      components: [{ sku: a?.sku, qty: 2 }],
    });
    expect(refused.body.message).toBe(
      `sku: "${sku}" has 60 unit(s) on hand of its own; a bundle holds no stock (adjust them to 0 first)`,
    );
    const put = await t.admin('PUT', `/v1/admin/stock/bundles/${c?.sku}`, { components: [{ sku: a?.sku, qty: 2 }] });
    expect(put.status).toBe(200);
    const bundles = bundlesResponse.parse((await t.admin('GET', '/v1/admin/stock/bundles')).body).items;
    expect(bundles.find((x) => x.sku === c?.sku)?.components).toEqual([{ sku: a?.sku, qty: 2 }]);
    expect(
      (await t.admin('PUT', '/v1/admin/stock/bundles/NO-SUCH', { components: [{ sku: a?.sku, qty: 1 }] })).status,
    ).toBe(404);

    const bad = await t.admin<{ message: string }>('POST', '/v1/admin/stock/movements', {
      kind: 'receipt',
      sku: b?.sku,
      qty: 0,
      key: 'K',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/qty/);

    const csv = `sku,qty,location,reference\n${b?.sku},7,,PO-9\n`;
    const imported = await t.admin<{ imported: number; changed: number }>('POST', '/v1/admin/import/stock', {
      csvBase64: Buffer.from(csv).toString('base64'),
      mode: 'receipt',
    });
    expect(imported.body).toMatchObject({ imported: 1, changed: 1 });
    const levels = stockLevelsResponse.parse((await t.admin('GET', `/v1/stock?sku=${b?.sku}`)).body).items;
    expect(levels[0]).toMatchObject({ onHand: 7, name: b?.title });
  });
});
