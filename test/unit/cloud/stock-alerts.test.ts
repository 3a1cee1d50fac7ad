// Stock alerts: short orders per SKU, low days of cover at the recent pace, oversold after a count
// down, and negative on hand after shipping a released short order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvents } from '../../../src/cloud/services/apply.js';
import { stockAlerts } from '../../../src/cloud/services/stock-alerts.js';
import { releaseShortOrder } from '../../../src/cloud/services/stock-orders.js';
import { deskEvent, stockFixture, T0, type StockFixture } from '../../helpers/stock-ledger.js';

let f: StockFixture;
beforeEach(async () => {
  f = await stockFixture({ lowStockDays: 3, velocityDays: 7 });
});
afterEach(() => f.close());

const alerts = () => f.store.tx((t) => stockAlerts(t, f.ctx.config.stock, f.clock.now));
const push = (e: ReturnType<typeof deskEvent>) =>
  applyEvents(f.store, 'ST-1', [e], f.clock.now, { claimTtlMs: 60_000, stock: f.ctx.config.stock });
const receive = (sku: string, qty: number) =>
  push(
    deskEvent(
      'stock.received',
      { receiptId: 'RC-1', location: 'MAIN', reference: null, lines: [{ sku, qty }] },
      f.clock.now,
    ),
  );
const count = (sku: string, counted: number) =>
  push(
    deskEvent(
      'stock.counted',
      { countId: 'CNT-1', location: 'MAIN', lines: [{ sku, counted }], approvedBy: 'SUP-1', startedAt: T0 },
      f.clock.now,
    ),
  );

describe('stock alerts', () => {
  it('lists short orders per SKU with their ids', async () => {
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }]);
    await f.intake('ORD-2', [{ sku: 'TEA', qty: 1 }]);
    expect(await alerts()).toEqual([
      {
        kind: 'short',
        sku: 'TEA',
        detail: '2 paid order(s) wait for 3 unit(s); 0 available',
        at: T0,
        orderIds: ['ORD-1', 'ORD-2'],
      },
    ]);
  });

  it('flags low cover at the pace of the last velocityDays', async () => {
    await receive('CUP', 20);
    await f.intake('ORD-1', [{ sku: 'CUP', qty: 14 }]);
    // 14 sold in 7 days = 2 a day; 6 available = 3 days: not below 3. One more sold: 5 / 2.1 < 3.
    expect((await alerts()).filter((a) => a.kind === 'low')).toEqual([]);
    await f.intake('ORD-2', [{ sku: 'CUP', qty: 1 }]);
    expect((await alerts()).find((a) => a.kind === 'low')).toMatchObject({
      sku: 'CUP',
      detail: '5 available, 2.1 sold a day: 2.3 day(s) of cover (alert below 3)',
    });
  });

  it('flags oversold after a count down, and negative on hand after shipping a released short order', async () => {
    await receive('TEA', 2);
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }]);
    await count('TEA', 1);
    expect((await alerts()).find((a) => a.kind === 'oversold')).toMatchObject({
      sku: 'TEA',
      detail: 'reserved 2 of 1 on hand: 1 unit(s) promised twice',
    });
    await f.intake('ORD-2', [{ sku: 'CUP', qty: 1 }]);
    await f.store.tx((t) => releaseShortOrder(t, 'ORD-2', 'admin', f.clock.now));
    await push(
      deskEvent(
        'parcel.packed',
        {
          parcelId: 'PC-2',
          packId: 'PK-2',
          orderId: 'ORD-2',
          parcelNo: 1,
          carrier: 'SF',
          waybill: 'SF0002',
          weightG: 300,
          packaging: 'bag',
          valueFen: 1000,
          costFen: null,
          items: [{ productId: 2, sku: 'CUP', qty: 1 }],
        },
        f.clock.now,
      ),
    );
    expect((await alerts()).find((a) => a.kind === 'negative')).toMatchObject({
      sku: 'CUP',
      detail: 'on hand -1: more shipped than received',
    });
  });
});
