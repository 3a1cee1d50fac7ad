// `packdesk cloud import stock`: opening stock and receipts from CSV (UTF-8 or GBK), errors by
// line number, and the same file imported twice books once.
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importStock } from '../../../src/cloud/imports/stock.js';
import { importStockCsv } from '../../../src/cloud/services/stock-import.js';
import { readLevels } from '../../../src/cloud/services/stock-levels.js';
import { stockFixture, type StockFixture } from '../../helpers/stock-ledger.js';

const products = new Map([
  ['TEA', { bundle: false }],
  ['CUP', { bundle: false }],
  ['GIFT', { bundle: true }],
]);
const utf8 = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

describe('stock CSV parsing', () => {
  it('reads English or Chinese headers, UTF-8 or GBK, and names each bad line and field', () => {
    const csv = ['商品编码,数量,库位,入库单号', 'TEA,10,A-01,PO-1', 'NOPE,1,,', 'GIFT,2,,', 'CUP,-3,,', 'CUP,4,,备货'];
    const res = importStock(iconv.encode(csv.join('\r\n'), 'gbk'), undefined, {
      mode: 'receipt',
      defaultLocation: 'MAIN',
      products,
    });
    expect(res.encoding).toBe('gbk');
    expect(res.items).toEqual([
      { line: 2, sku: 'TEA', qty: 10, location: 'A-01', reference: 'PO-1' },
      { line: 6, sku: 'CUP', qty: 4, location: 'MAIN', reference: '备货' },
    ]);
    expect(res.errors.map((e) => `line ${e.line}, ${e.field}: ${e.message}`)).toEqual([
      'line 3, sku: expected the SKU of a product on the hub (import products first), got "NOPE"',
      'line 4, sku: expected a plain product (a bundle holds no stock: give its components), got "GIFT"',
      'line 5, qty: expected a whole number of at least 1, got "-3"',
    ]);
  });

  it('opening stock allows 0 and refuses the same SKU and location twice', () => {
    const res = importStock(utf8(['sku,qty,location', 'TEA,0,MAIN', 'TEA,5,MAIN', 'TEA,5,B-02']), undefined, {
      mode: 'opening',
      defaultLocation: 'MAIN',
      products,
    });
    expect(res.items.map((i) => [i.line, i.qty, i.location])).toEqual([
      [2, 0, 'MAIN'],
      [4, 5, 'B-02'],
    ]);
    expect(res.errors).toEqual([
      {
        line: 3,
        field: 'sku',
        message: 'expected each sku and location once in opening stock, got "TEA" at MAIN again (first on line 2)',
      },
    ]);
  });

  it('a file without the qty column says which headers it looked for', () => {
    const res = importStock(utf8(['sku,amount', 'TEA,1']), undefined, {
      mode: 'receipt',
      defaultLocation: 'MAIN',
      products,
    });
    expect(res.items).toEqual([]);
    expect(res.errors[0]).toMatchObject({ line: 1, field: 'qty' });
  });
});

describe('stock import at the hub', () => {
  let f: StockFixture;
  beforeEach(async () => {
    f = await stockFixture();
  });
  afterEach(() => f.close());
  const level = async (sku: string, location: string | null = null) =>
    (await f.store.tx((t) => readLevels(t, [sku], location)))[0];

  it('receipts add to on hand once per file line; importing the file again books nothing', async () => {
    const file = utf8(['sku,qty,location,reference', 'TEA,10,,PO-1', 'TEA,5,B-02,PO-1', 'CUP,x,,']);
    const first = await importStockCsv(f.ctx, file, 'receipt');
    expect(first).toMatchObject({ encoding: 'utf-8', rows: 3, imported: 2, changed: 2 });
    expect(first.errors).toEqual(['line 4, qty: expected a whole number of at least 1, got "x"']);
    const again = await importStockCsv(f.ctx, file, 'receipt');
    expect(again).toMatchObject({ imported: 2, changed: 0 });
    expect(await level('TEA')).toMatchObject({ onHand: 15 });
    expect(await level('TEA', 'B-02')).toMatchObject({ onHand: 5 });
  });

  it('opening stock sets on hand at the location, and a re-import after later movements changes nothing', async () => {
    await importStockCsv(f.ctx, utf8(['sku,qty', 'TEA,3']), 'receipt');
    const opening = utf8(['sku,qty,location', 'TEA,8,MAIN', 'CUP,0,MAIN']);
    expect(await importStockCsv(f.ctx, opening, 'opening')).toMatchObject({ imported: 2, errors: [] });
    expect(await level('TEA')).toMatchObject({ onHand: 8 });
    await importStockCsv(f.ctx, utf8(['sku,qty', 'CUP,2']), 'receipt');
    await importStockCsv(f.ctx, opening, 'opening');
    expect(await level('TEA')).toMatchObject({ onHand: 8 });
    expect(await level('CUP')).toMatchObject({ onHand: 2 });
    const [m] = await f.store.tx((t) => t.stock.movements({ sku: 'TEA', kind: 'adjust', limit: 5 }));
    expect(m).toMatchObject({ qty: 5, ref: 'opening', by: 'import' });
  });

  it('arriving stock releases short orders', async () => {
    await f.intake('ORD-1', [{ sku: 'CUP', qty: 1 }]);
    await importStockCsv(f.ctx, utf8(['sku,qty', 'CUP,1']), 'receipt');
    expect((await f.store.tx((t) => t.orders.get('ORD-1')))?.status).toBe('open');
  });
});
