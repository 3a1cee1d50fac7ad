import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../src/contract/entities.js';
import { parseColumnMapping } from '../../../../src/cloud/imports/mapping.js';
import { importProducts, PRODUCT_FIELDS } from '../../../../src/cloud/imports/products.js';
import { formatImportError } from '../../../../src/cloud/imports/table.js';

const utf8 = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\r\n') + '\r\n');
const HEADER = '商品编码,商品名称,条码,重量,类目,售价,组合明细';

const CATALOGUE = [
  HEADER,
  'TEA-01,西湖龙井 250克,6901234567892|6920000000012,0.25kg,食品,¥128.00,',
  'CUP-01,"玻璃茶杯\n（两只装）",6920000000029,300g,易碎,39.9,',
  'GIFT-01,龙井礼盒,6920000000036,,贵重,199,TEA-01*2|CUP-01*1',
];

const TEA: Product = {
  id: 1,
  sku: 'TEA-01',
  title: '西湖龙井 250克',
  category: 'food',
  unitWeightG: 250,
  priceFen: 12800,
  barcodes: ['6901234567892', '6920000000012'],
  components: [],
};
const CUP: Product = {
  id: 2,
  sku: 'CUP-01',
  title: '玻璃茶杯\n（两只装）',
  category: 'fragile',
  unitWeightG: 300,
  priceFen: 3990,
  barcodes: ['6920000000029'],
  components: [],
};
const GIFT: Product = {
  id: 3,
  sku: 'GIFT-01',
  title: '龙井礼盒',
  category: 'valuable',
  unitWeightG: 800, // 2 × 250 + 300: a bundle without a weight weighs its components
  priceFen: 19900,
  barcodes: ['6920000000036'],
  components: [
    { productId: 1, qty: 2 },
    { productId: 2, qty: 1 },
  ],
};

describe('importProducts', () => {
  it('imports a GBK catalogue saved by Excel, with a multi-line title and a bundle', () => {
    // GBK has the full-width ￥ that Chinese input methods type, not the half-width ¥.
    const bytes = Uint8Array.from(iconv.encode(CATALOGUE.join('\r\n').replace('¥', '￥'), 'gbk'));
    expect(importProducts(bytes)).toEqual({ rows: 3, items: [TEA, CUP, GIFT], errors: [], encoding: 'gbk' });
  });

  it('reads alternative headers from a mapping, with prices in fen and a default category', () => {
    const mapping = parseColumnMapping(
      {
        columns: {
          sku: ['Item Code', '货号'],
          title: 'Name',
          barcodes: 'EAN',
          weight: 'Net Wt',
          price: 'Price (fen)',
          category: 'Cat',
        },
        defaults: { category: 'apparel' },
        priceUnit: 'fen',
      },
      PRODUCT_FIELDS,
    );
    const bytes = utf8([
      '货号,NAME,ean,net wt,Price (FEN),cat',
      'TS-01,T恤 白 L,036000291452 0036000291452,180,5900,',
      'TS-02,围巾,,0.2kg,8800,普通',
    ]);
    expect(importProducts(bytes, mapping)).toEqual({
      rows: 2,
      // UPC-A and its EAN-13 form are one barcode, kept as first written.
      items: [
        {
          id: 1,
          sku: 'TS-01',
          title: 'T恤 白 L',
          category: 'apparel',
          unitWeightG: 180,
          priceFen: 5900,
          barcodes: ['036000291452'],
          components: [],
        },
        {
          id: 2,
          sku: 'TS-02',
          title: '围巾',
          category: 'general',
          unitWeightG: 200,
          priceFen: 8800,
          barcodes: [],
          components: [],
        },
      ],
      errors: [],
      encoding: 'utf-8',
    });
  });

  it('reports every bad row with its physical line, and still imports the good ones', () => {
    const bytes = utf8([
      HEADER, // 1
      'OK-01,好商品,6920000000043,100,,10,', // 2
      'BAD SKU,空格,,100,,10,', // 3
      'T-02,,,100,,10,', // 4
      'T-03,"说明',
      '两行",,abc,电子,免费,', // 5–6: three problems on one row
      'T-04,校验位错,6901234567890,100,,10,', // 7
      'OK-01,重复,,100,,10,', // 8
      'T-05,条码重复,6920000000043,100,,10,', // 9
      'B-01,礼盒,,,,10,NOPE*1|OK-01*1', // 10
      'B-02,礼盒,,,,10,T-04*1', // 11
      'B-03,套娃,,,,10,B-04*1', // 12
      'B-04,礼盒,,,,10,OK-01*2', // 13
      'B-05,自己,,,,10,B-05*1', // 14
      'B-06,格式,,,,10,OK-01*0', // 15
      'T-06,无重量,,,,10,', // 16
    ]);
    const result = importProducts(bytes);
    expect(result.rows).toBe(14); // 16 lines: the header and 15 lines of data, two of them one row
    expect(result.items.map((p) => [p.sku, p.id, p.unitWeightG])).toEqual([
      ['OK-01', 1, 100],
      ['B-04', 2, 200],
    ]);
    expect(result.errors.map(formatImportError)).toEqual([
      'line 3, sku: expected a sku of up to 64 characters without spaces or | ; , *, got "BAD SKU"',
      'line 4, title: expected a product title, got an empty cell',
      'line 5, weight: expected grams like 250 or 0.25kg, got "abc"',
      'line 5, category: expected a category (fragile, apparel, food, fresh, valuable, general or 易碎, 服装, 食品, 生鲜, 贵重, 普通), got "电子"',
      'line 5, price: expected a price in yuan like 12.50, got "免费"',
      'line 7, barcodes: expected a GTIN-8, -12, -13 or -14 with a valid check digit, got "6901234567890"',
      'line 8, sku: expected each sku once in the file, got "OK-01" again (first on line 2)',
      'line 9, barcodes: expected a barcode no other product has, got "6920000000043" (already on OK-01, line 2)',
      'line 10, components: expected the sku of a product in this file or on the hub, got "NOPE"',
      'line 11, components: expected the sku of a product in this file or on the hub, got "T-04" (its row, line 7, did not import)',
      'line 12, components: expected a plain product as component, got "B-04", which is a bundle itself',
      'line 14, components: expected components other than the bundle itself, got "B-05"',
      'line 15, components: expected components like SKU-A*2|SKU-B*1, got "OK-01*0"',
      'line 16, weight: expected grams like 250 or 0.25kg, got an empty cell',
    ]);
    expect(result.errors[2]).toEqual({
      line: 5,
      field: 'weight',
      message: 'expected grams like 250 or 0.25kg, got "abc"',
    });
  });

  it('keeps hub ids for known skus and asks idFor only for rows that import, in file order', () => {
    const existing: Product[] = [
      { ...TEA, id: 41 },
      { ...CUP, id: 42, barcodes: ['6920000000029'] },
    ];
    const asked: string[] = [];
    const idFor = (sku: string): number => {
      asked.push(sku);
      return existing.find((p) => p.sku === sku)?.id ?? 100 + asked.length;
    };
    const bytes = utf8([
      HEADER,
      'NEW-01,新品,,100,,1,',
      'BAD-01,坏,,x,,1,',
      'GIFT-01,礼盒,,,,199,TEA-01*2|CUP-01*1',
      'TEA-01,西湖龙井 新包装,6901234567892,260,食品,138,',
    ]);
    const result = importProducts(bytes, undefined, { existing, idFor });
    expect(asked).toEqual(['NEW-01', 'GIFT-01', 'TEA-01']);
    expect(result.items).toEqual([
      {
        id: 101,
        sku: 'NEW-01',
        title: '新品',
        category: 'general',
        unitWeightG: 100,
        priceFen: 100,
        barcodes: [],
        components: [],
      },
      // TEA-01 comes from this file (260 g), CUP-01 from the hub (300 g).
      {
        ...GIFT,
        id: 102,
        title: '礼盒',
        category: 'general',
        barcodes: [],
        unitWeightG: 820,
        components: [
          { productId: 41, qty: 2 },
          { productId: 42, qty: 1 },
        ],
      },
      { ...TEA, id: 41, title: '西湖龙井 新包装', unitWeightG: 260, priceFen: 13800, barcodes: ['6901234567892'] },
    ]);
  });

  it('gives the same ids on a second import when the hub passes what the first one stored', () => {
    const first = importProducts(utf8(CATALOGUE));
    const again = importProducts(utf8(CATALOGUE), undefined, { existing: first.items });
    expect(again.items).toEqual(first.items);
    expect(again.errors).toEqual([]);
  });

  it('lets a barcode move between products only when the file replaces its current owner', () => {
    const existing: Product[] = [{ ...TEA, id: 7, barcodes: ['6920000000012'] }];
    // TEA-01 is in the file without the barcode, so CUP-01 may take it.
    const moved = importProducts(utf8([HEADER, 'CUP-01,杯,6920000000012,300,,10,', 'TEA-01,茶,,250,,10,']), undefined, {
      existing,
    });
    expect(moved.errors).toEqual([]);
    expect(moved.items.map((p) => [p.sku, p.barcodes])).toEqual([
      ['CUP-01', ['6920000000012']],
      ['TEA-01', []],
    ]);
    // TEA-01's row fails, so the hub's TEA-01 keeps the barcode and CUP-01 cannot have it.
    const kept = importProducts(
      utf8([
        HEADER,
        'X-01,新,6920000000029,100,,1,',
        'TEA-01,茶,6920000000029,250,,10,',
        'CUP-01,杯,6920000000012,300,,10,',
      ]),
      undefined,
      { existing },
    );
    expect(kept.items.map((p) => p.sku)).toEqual(['X-01']);
    expect(kept.errors.map(formatImportError)).toEqual([
      'line 3, barcodes: expected a barcode no other product has, got "6920000000029" (already on X-01, line 2)',
      'line 4, barcodes: expected a barcode no other product has, got "6920000000012" (already on TEA-01, on the hub)',
    ]);
  });

  it('stops with the headers it found when a required column is missing', () => {
    const result = importProducts(utf8(['编码,名称,重量,售价', 'A,甲,1,1']));
    expect(result).toEqual({
      rows: 1,
      items: [],
      errors: [
        {
          line: 1,
          field: 'sku',
          message:
            'expected a column headed "sku", "商品编码", "商家编码", "SKU编码" or "货号", got headers "编码", "名称", "重量", "售价"',
        },
      ],
      encoding: 'utf-8',
    });
  });
});
