import { describe, expect, it } from 'vitest';
import { insertScanned, insertsFor, type InsertRule } from '../../../src/domain/packing/inserts.js';
import { normalizeScan } from '../../../src/domain/barcode/index.js';

const order = (over: { skus?: string[]; valueFen?: number; channel?: 'channels_shop' | 'live_room' } = {}) => ({
  lines: (over.skus ?? ['TEA-01']).map((sku, i) => ({
    lineNo: i + 1,
    productId: i + 1,
    sku,
    title: sku,
    qty: 1,
    priceFen: 1,
  })),
  valueFen: over.valueFen ?? 5000,
  channel: over.channel ?? ('channels_shop' as const),
});

const RULES: InsertRule[] = [
  { id: 'MANUAL', title: '说明书', barcode: '6901234567892', skus: ['tea-01'] },
  { id: 'BIG', title: '满百赠品', minValueFen: 10000 },
  { id: 'LIVE', title: '直播券', channels: ['live_room'], minValueFen: 1000 },
  { id: 'ALL', title: '感谢卡' },
];

describe('insertsFor', () => {
  it('matches by SKU (any case), amount threshold and channel; every given condition must hold', () => {
    expect(insertsFor(RULES, order()).map((i) => i.id)).toEqual(['MANUAL', 'ALL']);
    expect(insertsFor(RULES, order({ skus: ['CUP'], valueFen: 10000 })).map((i) => i.id)).toEqual(['BIG', 'ALL']);
    expect(insertsFor(RULES, order({ skus: ['CUP'], channel: 'live_room' })).map((i) => i.id)).toEqual(['LIVE', 'ALL']);
    expect(insertsFor(RULES, order({ skus: ['CUP'], channel: 'live_room', valueFen: 999 })).map((i) => i.id)).toEqual([
      'ALL',
    ]);
  });

  it('starts every insert unconfirmed, with its barcode or null for CMD-OK', () => {
    const [manual, all] = insertsFor(RULES, order());
    expect(manual).toEqual({
      id: 'MANUAL',
      title: '说明书',
      barcode: '6901234567892',
      weightG: 0,
      confirmed: false,
      parcelNo: null,
    });
    expect(all?.barcode).toBeNull();
  });
});

describe('insertScanned', () => {
  it('finds the insert by its barcode in any form a scanner sends, unconfirmed ones only', () => {
    const inserts = insertsFor(RULES, order());
    for (const raw of ['6901234567892', ']E06901234567892', '0106901234567892'])
      expect(insertScanned(inserts, normalizeScan(raw))?.id).toBe('MANUAL');
    expect(insertScanned(inserts, normalizeScan('6901234567891'))).toBeNull();
    const done = inserts.map((i) => ({ ...i, confirmed: true }));
    expect(insertScanned(done, normalizeScan('6901234567892'))).toBeNull();
  });
});
