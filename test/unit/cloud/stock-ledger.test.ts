// The stock ledger at the hub: every movement kind, levels that are the sum of their movements,
// bundles drawing their components, exactly-once by cause key, short orders held and retried,
// cancel → release.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STOCK_SHORT_REASON } from '../../../src/contract/stock-ledger.js';
import { sumMovements } from '../../../src/domain/stock/effects.js';
import { readLevels } from '../../../src/cloud/services/stock-levels.js';
import {
  releaseShortOrder,
  retryShortOrders,
  settleUnsettledOrders,
} from '../../../src/cloud/services/stock-orders.js';
import { bookManualMovement } from '../../../src/cloud/services/stock-admin.js';
import { stockMovementRequest } from '../../../src/contract/stock-ledger.js';
import { stockFixture, T0, type StockFixture } from '../../helpers/stock-ledger.js';

let f: StockFixture;
beforeEach(async () => {
  f = await stockFixture({ channels: [{ id: 'mini1', kind: 'mini_program', appId: 'wx-mini-1' }] });
});
afterEach(() => f.close());

const level = async (sku: string) => (await f.store.tx((t) => readLevels(t, [sku])))[0];
const movements = (filter: { sku?: string; orderId?: string } = {}) =>
  f.store.tx((t) => t.stock.movements({ ...filter, limit: 1000 }));
const order = (id: string) => f.store.tx((t) => t.orders.get(id));
const manual = (body: Record<string, unknown>) =>
  f.store.tx((t) => bookManualMovement(t, f.ctx.config.stock, stockMovementRequest.parse(body), f.clock.now));

async function receive(sku: string, qty: number, key = `r-${sku}-${qty}`) {
  const res = await manual({ kind: 'receipt', sku, qty, key });
  expect(res.ok).toBe(true);
}

describe('stock ledger', () => {
  it('derives on hand, reserved and available from the movements, and lists them to explain each figure', async () => {
    await receive('TEA', 10);
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 3 }]);
    await manual({ kind: 'adjust', sku: 'TEA', qty: -1, key: 'broken-1', ref: 'dropped' });
    expect(await level('TEA')).toEqual({ sku: 'TEA', onHand: 9, reserved: 3, available: 6, pools: {} });
    const listed = await movements({ sku: 'TEA' });
    expect(listed.map((m) => [m.kind, m.qty])).toEqual([
      ['adjust', -1],
      ['reserve', 3],
      ['receipt', 10],
    ]);
    expect(sumMovements(listed)).toMatchObject({ onHand: 9, reserved: 3 });
    expect(listed[1]).toMatchObject({ orderId: 'ORD-1', channel: 'mini1', pool: 'shared', location: 'MAIN' });
    // The publisher is told after each commit, with the SKUs that moved.
    expect(f.changed).toEqual([['TEA'], ['TEA'], ['TEA']]);
  });

  it('reserves a paid order once however often it is posted, and releases it when cancelled', async () => {
    await receive('TEA', 5);
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }]);
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }]);
    expect(await level('TEA')).toMatchObject({ reserved: 2, available: 3 });
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }], { cancelled: true });
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }], { cancelled: true });
    expect(await level('TEA')).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect((await movements({ orderId: 'ORD-1' })).map((m) => [m.kind, m.qty, m.ref])).toEqual([
      ['release', -2, 'cancelled'],
      ['reserve', 2, null],
    ]);
  });

  it('a changed line reserves or gives back only the difference', async () => {
    await receive('TEA', 5);
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }]);
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 4 }]);
    expect(await level('TEA')).toMatchObject({ reserved: 4 });
    await f.intake('ORD-1', [{ sku: 'CUP', qty: 1 }]);
    expect(await level('TEA')).toMatchObject({ reserved: 0 });
  });

  it('bundles draw their components; a bundle is as available as its scarcest component allows', async () => {
    await receive('TEA', 7);
    await receive('CUP', 5);
    expect(await level('GIFT')).toMatchObject({ available: 3 });
    await f.intake('ORD-1', [{ sku: 'GIFT', qty: 2 }]);
    expect(await level('TEA')).toMatchObject({ reserved: 4, available: 3 });
    expect(await level('CUP')).toMatchObject({ reserved: 2, available: 3 });
    expect(await level('GIFT')).toMatchObject({ available: 1 });
    // Every bundle is listed with the SKUs when asking for all.
    const all = await f.store.tx((t) => readLevels(t, null));
    expect(all.map((l) => [l.sku, l.available])).toEqual([
      ['CUP', 3],
      ['GIFT', 1],
      ['TEA', 3],
    ]);
  });

  it('a paid order short of stock is held RSN-STOCK-SHORT, reserves nothing, and goes ahead when stock arrives', async () => {
    await receive('TEA', 1);
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 1 }]);
    expect((await order('ORD-1'))?.lines[0]?.stockHint).toBe('last_unit');
    await f.intake('ORD-2', [
      { sku: 'TEA', qty: 2 },
      { sku: 'CUP', qty: 1 },
    ]);
    expect(await order('ORD-2')).toMatchObject({ status: 'held', holdReason: STOCK_SHORT_REASON });
    expect((await order('ORD-2'))?.lines.map((l) => l.stockHint)).toEqual(['short', 'short']);
    expect(await level('TEA')).toMatchObject({ reserved: 1, available: 0 });
    // A re-post of the same order changes nothing: still short, still held.
    await f.intake('ORD-2', [
      { sku: 'TEA', qty: 2 },
      { sku: 'CUP', qty: 1 },
    ]);
    expect(await order('ORD-2')).toMatchObject({ status: 'held' });
    await receive('TEA', 2);
    expect(await order('ORD-2')).toMatchObject({ status: 'held' });
    await receive('CUP', 5);
    expect(await order('ORD-2')).toMatchObject({ status: 'open', holdReason: null });
    expect((await order('ORD-2'))?.lines.map((l) => l.stockHint)).toEqual(['last_unit', undefined]);
    expect(await level('TEA')).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
    expect((await f.store.tx((t) => t.stock.order('ORD-2')))?.state).toBe('reserved');
  });

  it('short orders are served oldest first when stock arrives', async () => {
    f.clock.now = T0;
    await f.intake('ORD-A', [{ sku: 'TEA', qty: 1 }]);
    f.clock.now = T0 + 1000;
    await f.intake('ORD-B', [{ sku: 'TEA', qty: 1 }]);
    f.clock.now = T0 + 2000;
    await receive('TEA', 1);
    expect((await order('ORD-A'))?.status).toBe('open');
    expect((await order('ORD-B'))?.status).toBe('held');
  });

  it('a supervisor releases a short order: open without stock, and never held short again', async () => {
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 1 }]);
    expect((await order('ORD-1'))?.status).toBe('held');
    expect(await f.store.tx((t) => releaseShortOrder(t, 'ORD-1', 'admin', f.clock.now))).toMatchObject({
      state: 'released',
    });
    expect(await order('ORD-1')).toMatchObject({ status: 'open', holdReason: null });
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 1 }], { remark: 'changed' });
    expect((await order('ORD-1'))?.status).toBe('open');
    expect(await f.store.tx((t) => releaseShortOrder(t, 'ORD-1', 'admin', f.clock.now))).toBeNull();
    expect(await f.store.tx((t) => retryShortOrders(t, f.ctx.config.stock, null, f.clock.now))).toBe(0);
  });

  it('manual movements are idempotent by key; transfers move units into a dedicated pool', async () => {
    const g = await stockFixture({
      channels: [
        { id: 'shop1', kind: 'channels_shop', shopId: 'shop1' },
        { id: 'groupbuy', kind: 'other', dedicatedPool: true },
      ],
    });
    try {
      const post = (body: Record<string, unknown>) =>
        g.store.tx((t) => bookManualMovement(t, g.ctx.config.stock, stockMovementRequest.parse(body), g.clock.now));
      expect(await post({ kind: 'receipt', sku: 'TEA', qty: 10, key: 'PO-1' })).toMatchObject({ booked: true });
      expect(await post({ kind: 'receipt', sku: 'TEA', qty: 10, key: 'PO-1' })).toMatchObject({ booked: false });
      expect(await post({ kind: 'transfer', sku: 'TEA', qty: 4, toPool: 'groupbuy', key: 'T-1' })).toMatchObject({
        booked: true,
        level: { onHand: 10, available: 10, pools: { groupbuy: 4 } },
      });
      expect(await post({ kind: 'transfer', sku: 'TEA', qty: 4, toPool: 'groupbuy', key: 'T-1' })).toMatchObject({
        booked: false,
      });
      expect(await post({ kind: 'transfer', sku: 'TEA', qty: 7, toPool: 'groupbuy', key: 'T-2' })).toEqual({
        ok: false,
        status: 409,
        message: 'qty: expected at most 6 (free in pool shared at MAIN), got 7',
      });
      expect(await post({ kind: 'receipt', sku: 'TEA', qty: 1, toPool: 'nope', key: 'X' })).toMatchObject({
        ok: false,
        message: 'toPool: expected one of shared, groupbuy (shared, or a channel with dedicatedPool), got "nope"',
      });
      expect(await post({ kind: 'receipt', sku: 'GIFT', qty: 1, key: 'X' })).toMatchObject({ ok: false, status: 400 });
      // A group-buy order draws only from its own pool; a retail order only from the shared one.
      await g.intake('GBUY-1', [{ sku: 'TEA', qty: 5 }], { stockChannel: 'groupbuy' });
      expect((await g.store.tx((t) => t.orders.get('GBUY-1')))?.status).toBe('held');
      await g.intake('GBUY-2', [{ sku: 'TEA', qty: 4 }], { stockChannel: 'groupbuy' });
      expect((await g.store.tx((t) => t.orders.get('GBUY-2')))?.status).toBe('open');
      expect((await g.store.tx((t) => readLevels(t, ['TEA'])))[0]).toMatchObject({
        available: 6,
        pools: { groupbuy: 0 },
      });
      expect(await post({ kind: 'return_damaged', sku: 'CUP', qty: 1, key: 'D-1' })).toMatchObject({
        level: { onHand: 0 },
      });
      expect(sumMovements(await g.store.tx((t) => t.stock.movements({ sku: 'CUP', limit: 10 })))).toEqual({
        onHand: 0,
        reserved: 0,
        writtenOff: 1,
      });
    } finally {
      await g.close();
    }
  });

  it('orders stored before stock was turned on are settled once, in batches', async () => {
    const off = { ...f.ctx.config.stock, enabled: false };
    const on = f.ctx.config.stock;
    f.ctx.config.stock = off;
    await f.intake('OLD-1', [{ sku: 'TEA', qty: 1 }]);
    await f.intake('OLD-2', [{ sku: 'TEA', qty: 1 }]);
    await f.intake('OLD-3', [{ sku: 'CUP', qty: 1 }], { cancelled: true });
    f.ctx.config.stock = on;
    await receive('TEA', 1);
    const settle = (after: string) => f.store.tx((t) => settleUnsettledOrders(t, on, after, f.clock.now, 1));
    expect(await settle('')).toBe('OLD-1');
    expect(await settle('OLD-1')).toBe('OLD-2');
    expect(await settle('OLD-2')).toBeNull();
    expect(await settle('')).toBeNull();
    expect((await order('OLD-1'))?.status).toBe('open');
    expect(await order('OLD-2')).toMatchObject({ status: 'held', holdReason: STOCK_SHORT_REASON });
    expect(await level('TEA')).toMatchObject({ reserved: 1, available: 0 });
  });

  it('with stock off, orders move no stock', async () => {
    const g = await stockFixture({ enabled: false });
    try {
      await g.intake('ORD-1', [{ sku: 'TEA', qty: 1 }]);
      expect((await g.store.tx((t) => t.orders.get('ORD-1')))?.status).toBe('open');
      expect(await g.store.tx((t) => t.stock.movements({ limit: 10 }))).toEqual([]);
    } finally {
      await g.close();
    }
  });
});
