import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../../../src/cloud/imports/encoding.js';

const CSV = '商品编码,商品名称,重量\r\nTEA-01,西湖龙井 250克,0.25kg\r\n';

describe('decodeCsv', () => {
  it('reads plain UTF-8', () => {
    expect(decodeCsv(new TextEncoder().encode(CSV))).toEqual({ text: CSV, encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)]);
    expect(decodeCsv(bytes)).toEqual({ text: CSV, encoding: 'utf-8-bom' });
  });

  it('reads GBK, as Excel on a Chinese Windows saves it', () => {
    const bytes = Uint8Array.from(iconv.encode(CSV, 'gbk'));
    expect(bytes.length).toBe(CSV.length + 15); // 15 Chinese characters, two bytes each in GBK
    expect(decodeCsv(bytes)).toEqual({ text: CSV, encoding: 'gbk' });
  });

  it('reads the four-byte GB18030 sequences that plain GBK lacks', () => {
    const bytes = Uint8Array.from(iconv.encode('收货人\r\n𠮷野家\r\n', 'gb18030'));
    expect(decodeCsv(bytes)).toEqual({ text: '收货人\r\n𠮷野家\r\n', encoding: 'gbk' });
  });

  it('calls plain ASCII UTF-8 and decodes a subarray by its own offset', () => {
    const whole = new TextEncoder().encode('xxsku,title\n');
    expect(decodeCsv(whole.subarray(2))).toEqual({ text: 'sku,title\n', encoding: 'utf-8' });
  });
});
