// The pure rules under the ledger: reservation all or nothing, bundle availability, what each
// movement kind moves, and which channel (and pool) an order sells from.
import { describe, expect, it } from 'vitest';
import { bundleAvailable, expandLine, totalNeeds } from '../../../src/domain/stock/bundles.js';
import { decideReservation, stockHint } from '../../../src/domain/stock/reserve.js';
import { sumMovements } from '../../../src/domain/stock/effects.js';
import { orderChannel, poolOf } from '../../../src/cloud/services/stock-channels.js';
import { stockConfigSchema } from '../../../src/cloud/config-stock.js';

describe('reservation decisions', () => {
  const needs = new Map([
    ['A', 3],
    ['B', 1],
  ]);
  it('reserves every unit or none, and books only the difference to what is held', () => {
    expect(decideReservation(needs, new Map(), () => 5)).toEqual({
      ok: true,
      deltas: new Map([
        ['A', 3],
        ['B', 1],
      ]),
    });
    expect(
      decideReservation(
        needs,
        new Map([
          ['A', 3],
          ['B', 1],
        ]),
        () => 0,
      ),
    ).toEqual({ ok: true, deltas: new Map() });
    expect(decideReservation(needs, new Map([['A', 1]]), (s) => (s === 'A' ? 1 : 9))).toEqual({
      ok: false,
      shortages: [{ sku: 'A', need: 2, available: 1 }],
      releases: new Map(),
    });
  });
  it('gives back what a removed line held, short or not', () => {
    const d = decideReservation(new Map([['A', 1]]), new Map([['C', 2]]), () => 0);
    expect(d).toEqual({ ok: false, shortages: [{ sku: 'A', need: 1, available: 0 }], releases: new Map([['C', -2]]) });
  });
  it('hints the last unit and short lines', () => {
    const ok = decideReservation(new Map([['A', 2]]), new Map(), () => 2);
    expect(stockHint('A', ok, () => 0)).toBe('last_unit');
    expect(stockHint('A', ok, () => 1)).toBeUndefined();
    expect(
      stockHint(
        'A',
        decideReservation(new Map([['A', 3]]), new Map(), () => 2),
        () => 2,
      ),
    ).toBe('short');
  });
});

describe('bundles', () => {
  const gift = [
    { sku: 'TEA', qty: 2 },
    { sku: 'CUP', qty: 1 },
  ];
  it('available = min over components of ⌊available / qty⌋, never below 0', () => {
    expect(bundleAvailable(gift, (s) => (s === 'TEA' ? 7 : 5))).toBe(3);
    expect(bundleAvailable(gift, (s) => (s === 'TEA' ? 7 : -2))).toBe(0);
  });
  it('a bundle line needs its components × qty, summed with plain lines', () => {
    const parts = [...expandLine({ sku: 'GIFT', qty: 2 }, () => gift), ...expandLine({ sku: 'TEA', qty: 1 }, () => [])];
    expect(totalNeeds(parts)).toEqual(
      new Map([
        ['TEA', 5],
        ['CUP', 2],
      ]),
    );
  });
});

describe('movement effects', () => {
  it('each kind moves one figure', () => {
    const kinds = [
      ['receipt', 10],
      ['reserve', 4],
      ['release', -1],
      ['ship', -3],
      ['release', -3],
      ['return_good', 1],
      ['return_damaged', 1],
      ['adjust', -2],
      ['transfer', -5],
      ['transfer', 5],
    ] as const;
    expect(sumMovements(kinds.map(([kind, qty]) => ({ kind, qty })))).toEqual({
      onHand: 6,
      reserved: 0,
      writtenOff: 1,
    });
  });
});

describe('order channels', () => {
  const stock = stockConfigSchema.parse({
    channels: [
      { id: 'shop1', kind: 'channels_shop', shopId: 'shop1' },
      { id: 'mini1', kind: 'mini_program', appId: 'wx-mini-1' },
      { id: 'mini2', kind: 'mini_program' },
      { id: 'live', kind: 'live_room' },
      { id: 'groupbuy', kind: 'other', dedicatedPool: true },
    ],
  });
  const order = (source: 'channels' | 'intake' | 'import', channel: string, shopId: string | null, appId?: string) => ({
    source,
    channel: channel as 'mini_program',
    shopId,
    payment: appId
      ? { appId, transactionId: 't', mchid: null, outTradeNo: null, payerOpenid: 'o', combined: null }
      : null,
  });
  it('follows the shop, the stockChannel, the payment app, the kind, or falls back to default', () => {
    expect(orderChannel(stock, order('channels', 'channels_shop', 'shop1'))).toBe('shop1');
    expect(orderChannel(stock, order('channels', 'channels_shop', 'shop9'))).toBe('default');
    expect(orderChannel(stock, order('intake', 'mini_program', 'wx-mini-1', 'wx-mini-1'), 'groupbuy')).toBe('groupbuy');
    expect(orderChannel(stock, order('intake', 'mini_program', 'wx-mini-1', 'wx-mini-1'))).toBe('mini1');
    expect(orderChannel(stock, order('intake', 'mini_program', 'wx-other', 'wx-other'))).toBe('mini1');
    expect(orderChannel(stock, order('intake', 'official_account', 'wx-oa', 'wx-oa'))).toBe('default');
    expect(orderChannel(stock, order('import', 'live_room', null))).toBe('live');
    expect([poolOf(stock, 'groupbuy'), poolOf(stock, 'mini1'), poolOf(stock, 'default')]).toEqual([
      'groupbuy',
      'shared',
      'shared',
    ]);
  });
});
