// Split rules at the desk (wechat-api-2.md §5): one SKU in one package for Channels orders shipped
// as separate waybills, a quantity-1 line never under two waybills (子母单 instead), ≤15 parcels
// for a mini-program payment. A 子母单 is one package for WeChat, so the SKU rules leave it alone.
import { describe, expect, it } from 'vitest';
import { refuseExtraBox, refuseItem, refuseNext, type SplitPack } from '../../../src/domain/packing/split.js';
import { SUBORDER_CARRIERS } from '../../../src/contract/multi-parcel.js';

const pack = (over: Partial<SplitPack> = {}): SplitPack => ({
  channel: 'channels_shop',
  mode: 'split',
  parcelNo: 2,
  lines: [
    { productId: 1, sku: 'TEE', expected: 3, scanned: 2 },
    { productId: 2, sku: 'BUDS', expected: 1, scanned: 0 },
  ],
  parceled: new Map([[1, 2]]),
  ...over,
});

describe('the same SKU stays in one parcel', () => {
  it('refuses a unit of a SKU sealed in an earlier parcel, naming the SKU', () => {
    expect(refuseItem(pack(), 1)).toEqual({ code: 'split_sku_closed', sku: 'TEE' });
    expect(refuseItem(pack(), 2)).toBeNull();
  });

  it('refuses to close a parcel holding part of a SKU', () => {
    const p = pack({
      parcelNo: 1,
      parceled: new Map(),
      lines: [{ productId: 1, sku: 'TEE', expected: 3, scanned: 2 }],
    });
    expect(refuseNext(p)).toEqual({ code: 'split_sku_partial', sku: 'TEE', inParcel: 2, expected: 3 });
    expect(refuseNext({ ...p, lines: [{ productId: 1, sku: 'TEE', expected: 3, scanned: 3 }] })).toBeNull();
  });

  it('does not bind a 子母单 (one package for WeChat) nor a mini-program order', () => {
    expect(refuseItem(pack({ mode: 'suborder' }), 1)).toBeNull();
    expect(refuseItem(pack({ channel: 'mini_program' }), 1)).toBeNull();
    const partial = pack({ parcelNo: 1, parceled: new Map() });
    expect(refuseNext({ ...partial, mode: 'suborder' })).toBeNull();
    expect(refuseNext({ ...partial, channel: 'official_account' })).toBeNull();
  });
});

describe('a quantity-1 line cannot be split', () => {
  it('refuses one more box under separate waybills and names the 子母单 carriers', () => {
    const p = pack({
      parcelNo: 1,
      parceled: new Map(),
      lines: [{ productId: 9, sku: 'SOFA', expected: 1, scanned: 1 }],
    });
    expect(refuseExtraBox(p, SUBORDER_CARRIERS)).toEqual({
      code: 'split_qty1',
      sku: 'SOFA',
      carriers: 'SF, DBKD, JD, SXJD, YDKY, ANEKY',
    });
    expect(refuseExtraBox({ ...p, mode: 'suborder' }, SUBORDER_CARRIERS)).toBeNull();
  });
});

describe('mini-program shipping_list limit', () => {
  it('refuses the 16th parcel', () => {
    const mini = pack({
      channel: 'mini_program',
      parceled: new Map(),
      lines: [{ productId: 1, sku: 'TEE', expected: 30, scanned: 15 }],
    });
    expect(refuseNext({ ...mini, parcelNo: 14 })).toBeNull();
    expect(refuseNext({ ...mini, parcelNo: 15 })).toEqual({ code: 'split_parcel_limit', max: 15 });
    expect(refuseExtraBox({ ...mini, parcelNo: 15 }, SUBORDER_CARRIERS)).toEqual({
      code: 'split_parcel_limit',
      max: 15,
    });
  });
});
