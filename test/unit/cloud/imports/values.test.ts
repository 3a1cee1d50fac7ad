import { describe, expect, it } from 'vitest';
import {
  checkBarcode,
  parseCategory,
  parseComponents,
  parseDate,
  parseOrderNo,
  parsePhone,
  parsePriceFen,
  parseQty,
  parseWeightG,
  splitBarcodes,
} from '../../../../src/cloud/imports/values.js';

const value = <T>(v: T) => ({ ok: true, value: v });
const expected = (e: string) => ({ ok: false, expected: e });

describe('parseWeightG', () => {
  it('reads grams and kilograms in English and Chinese units', () => {
    expect(
      ['250', '250g', '250 G', '250克', '0.25kg', '0.25 KG', '0.25千克', '0.25公斤', '1.5kg', '0kg'].map(parseWeightG),
    ).toEqual([250, 250, 250, 250, 250, 250, 250, 250, 1500, 0].map(value));
  });

  it('rounds to the nearest gram from decimal text, not floats', () => {
    expect(parseWeightG('0.0285kg')).toEqual(value(29)); // 28.5 g; 0.0285 × 1000 is 28.4999… as a float
    expect(parseWeightG('12.4g')).toEqual(value(12));
  });

  it('refuses text, negative numbers and a bare fraction that is probably kilograms', () => {
    for (const text of ['abc', '', '-250', '0.25', '250 lb', '1,000'])
      expect(parseWeightG(text)).toEqual(expected('grams like 250 or 0.25kg'));
  });
});

describe('parsePriceFen', () => {
  it('reads yuan with up to two decimals, with or without ¥ or 元', () => {
    expect(
      ['12', '12.5', '0.29', '¥12.50', '￥ 12.50', '12.5元', '1,299.00'].map((t) => parsePriceFen(t, 'yuan')),
    ).toEqual([1200, 1250, 29, 1250, 1250, 1250, 129900].map(value));
  });

  it('reads fen when the mapping says so or the cell ends in 分, and yuan when the cell says 元', () => {
    expect(parsePriceFen('1250', 'fen')).toEqual(value(1250));
    expect(parsePriceFen('1250分', 'yuan')).toEqual(value(1250));
    expect(parsePriceFen('12.5元', 'fen')).toEqual(value(1250));
  });

  it('refuses fractions of a fen and text', () => {
    expect(parsePriceFen('12.505', 'yuan')).toEqual(expected('a price in yuan like 12.50'));
    expect(parsePriceFen('-3', 'yuan')).toEqual(expected('a price in yuan like 12.50'));
    expect(parsePriceFen('12.5', 'fen')).toEqual(expected('a whole number of fen like 1250'));
    expect(parsePriceFen('免费', 'yuan')).toEqual(expected('a price in yuan like 12.50'));
  });
});

describe('small fields', () => {
  it('parseQty takes whole numbers from 1', () => {
    expect(parseQty('3')).toEqual(value(3));
    for (const t of ['0', '1.5', '-1', '', '两']) expect(parseQty(t)).toEqual(expected('a whole number of at least 1'));
  });

  it('parseCategory takes ids and Chinese names; empty is general', () => {
    expect(['fragile', 'Apparel', '食品', '生鲜', '贵重', '普通', '易碎品', ''].map(parseCategory)).toEqual(
      ['fragile', 'apparel', 'food', 'fresh', 'valuable', 'general', 'fragile', 'general'].map(value),
    );
    expect(parseCategory('电子')).toEqual(
      expected('a category (fragile, apparel, food, fresh, valuable, general or 易碎, 服装, 食品, 生鲜, 贵重, 普通)'),
    );
  });

  it('checkBarcode needs a correct GTIN check digit for digits, printable ASCII otherwise', () => {
    expect(['6901234567892', '036000291452', '96385074', 'ABC-123'].map(checkBarcode)).toEqual(
      ['6901234567892', '036000291452', '96385074', 'ABC-123'].map(value),
    );
    expect(checkBarcode('6901234567890')).toEqual(expected('a GTIN-8, -12, -13 or -14 with a valid check digit'));
    expect(checkBarcode('12345')).toEqual(expected('a GTIN-8, -12, -13 or -14 with a valid check digit'));
    expect(checkBarcode('6.90123E+12')).toEqual(
      expected("the barcode's full digits (Excel shortened it: format the column as text and export again)"),
    );
    expect(checkBarcode('条码A')).toEqual(expected('a barcode of digits, letters and symbols without spaces'));
    expect(splitBarcodes(' 6901234567892|96385074; ABC-1  ABC-2；X ')).toEqual([
      '6901234567892',
      '96385074',
      'ABC-1',
      'ABC-2',
      'X',
    ]);
  });

  it('parseComponents reads sku*qty lists and adds up repeats', () => {
    expect(parseComponents('SKU-A*2|SKU-B*1')).toEqual(
      value([
        { sku: 'SKU-A', qty: 2 },
        { sku: 'SKU-B', qty: 1 },
      ]),
    );
    expect(parseComponents('BOX-X2; TEA×3 ; BOX-X2*2')).toEqual(
      value([
        { sku: 'BOX-X2', qty: 3 },
        { sku: 'TEA', qty: 3 },
      ]),
    );
    expect(parseComponents('')).toEqual(value([]));
    for (const t of ['A*0', 'A*x', 'A**2'])
      expect(parseComponents(t)).toEqual(expected('components like SKU-A*2|SKU-B*1'));
  });

  it('parseOrderNo strips the guards exports put around long numbers', () => {
    expect(
      ['4934561287654321098', "'4934561287654321098", '\t4934561287654321098', '="4934561287654321098"'].map(
        parseOrderNo,
      ),
    ).toEqual(Array(4).fill(value('4934561287654321098')));
    expect(parseOrderNo('4.93456E+18')).toEqual(
      expected('the full order number (Excel shortened it: format the column as text and export again)'),
    );
    expect(parseOrderNo('订单1')).toEqual(expected('an order number of letters, digits, _ or -'));
  });

  it('parsePhone takes mobiles, landlines and masked or virtual numbers', () => {
    expect(
      ['13800138000', '+86 138 0013 8000', '021-5555-0100', '138****8000', '18400001234转5678']
        .map(parsePhone)
        .every((p) => p.ok),
    ).toBe(true);
    expect(parsePhone('无')).toEqual(expected('a phone number like 13800138000'));
  });

  it('parseDate reads Beijing time and Unix times', () => {
    const tenAmBeijing = Date.UTC(2026, 10, 25, 2, 0, 0);
    expect(
      ['2026-11-25 10:00:00', '2026/11/25 10:00', '2026-11-25T10:00'].map((t) => parseDate(t, 'YYYY-MM-DD HH:mm:ss')),
    ).toEqual(Array(3).fill(value(tenAmBeijing)));
    expect(parseDate('2026-11-25', 'YYYY-MM-DD HH:mm:ss')).toEqual(value(Date.UTC(2026, 10, 24, 16, 0, 0)));
    expect(parseDate(String(tenAmBeijing / 1000), 'unix_s')).toEqual(value(tenAmBeijing));
    expect(parseDate(String(tenAmBeijing), 'unix_ms')).toEqual(value(tenAmBeijing));
    expect(parseDate('2026-02-30 10:00', 'YYYY-MM-DD HH:mm:ss')).toEqual(expected('a date like 2026-11-25 10:00:00'));
    expect(parseDate('2026-11-25 24:00', 'YYYY-MM-DD HH:mm:ss')).toEqual(expected('a date like 2026-11-25 10:00:00'));
    expect(parseDate('yesterday', 'unix_s')).toEqual(expected('a Unix time in seconds'));
  });
});
