import { describe, expect, it } from 'vitest';
import { epsonCode128, escposEncoder } from '../../../../src/hardware/printer/encoders/escpos.js';
import type { LabelLayout } from '../../../../src/contract/label.js';
import iconv from 'iconv-lite';
import { bytes, handLabel, indexOf, options } from './fixtures.js';

const slip58 = escposEncoder.encode(handLabel, options({ paperWidthMm: 58 }));
const GBK_SHUNFENG = bytes(0xcb, 0xb3, 0xb7, 0xe1, 0xcb, 0xd9, 0xd4, 0xcb);

describe('ESC/POS packing slip', () => {
  it('starts with ESC @ and then FS &, Chinese mode, and never sends ESC R or ESC t', () => {
    expect([...slip58.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
    expect(indexOf(slip58, bytes(0x1b, 0x52))).toBe(-1);
    expect(indexOf(slip58, bytes(0x1b, 0x74))).toBe(-1);
  });

  it('prints 顺丰速运 as GBK bytes after FS &, double size and bold', () => {
    const at = indexOf(slip58, GBK_SHUNFENG);
    expect(at).toBeGreaterThan(indexOf(slip58, bytes(0x1c, 0x26)));
    expect([...slip58.subarray(4, at)]).toEqual([0x1d, 0x21, 0x11, 0x1b, 0x45, 0x01]);
    expect([...slip58.subarray(at + 8, at + 15)]).toEqual([0x0a, 0x1b, 0x45, 0x00, 0x1d, 0x21, 0x00]);
  });

  it('replaces what GBK lacks (emoji, ®, ♥) instead of switching code page', () => {
    const layout: LabelLayout = {
      widthMm: 100,
      heightMm: 150,
      elements: [{ type: 'text', x: 5, y: 5, size: 3, text: '新疆维吾尔自治区😀Packdesk®♥乌鲁木齐' }],
    };
    const out = escposEncoder.encode(layout, options({ paperWidthMm: 80 }));
    expect(indexOf(out, bytes(0x1b, 0x74))).toBe(-1);
    const text = Buffer.from(out.subarray(4, out.length - 11));
    expect(iconv.decode(text, 'gbk')).toBe('新疆维吾尔自治区?Packdesk(R)心乌鲁木齐\n');
  });

  it('prints the waybill as GS k 73 Code 128 with the digits in code set C, HRI below, narrowed to fit 58 mm', () => {
    const expected = bytes(
      ...[0x1d, 0x48, 0x02, 0x1d, 0x66, 0x00, 0x1d, 0x77, 0x02, 0x1d, 0x68, 120],
      ...[0x1d, 0x6b, 0x49, 13, 0x7b, 0x42, 0x53, 0x46, 0x31, 0x7b, 0x43, 23, 45, 67, 89, 1, 23],
    );
    expect(indexOf(slip58, expected)).toBeGreaterThan(0);
  });

  it('keeps the 0.375 mm module (3 dots) on 80 mm paper, where the symbol fits', () => {
    const slip80 = escposEncoder.encode(handLabel, options({ paperWidthMm: 80 }));
    expect(indexOf(slip80, bytes(0x1d, 0x77, 0x03, 0x1d, 0x68, 120))).toBeGreaterThan(0);
  });

  it('prints the QR with the GS ( k sequence: model 2, 8-dot cells, level M, store, print', () => {
    const expected = bytes(
      ...[0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x08],
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31],
      ...[0x1d, 0x28, 0x6b, 18, 0x00, 0x31, 0x50, 0x30],
      ...new TextEncoder().encode('SF1234567890123'),
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
    );
    expect(indexOf(slip58, expected)).toBeGreaterThan(0);
  });

  it('counts the QR store length in UTF-8 bytes for Chinese payloads', () => {
    const layout: LabelLayout = {
      widthMm: 100,
      heightMm: 150,
      elements: [{ type: 'qr', x: 0, y: 0, size: 20, text: '顺丰' }],
    };
    const out = escposEncoder.encode(layout, options());
    // 6 UTF-8 bytes + 3 = 9.
    expect(
      indexOf(out, bytes(0x1d, 0x28, 0x6b, 9, 0x00, 0x31, 0x50, 0x30, 0xe9, 0xa1, 0xba, 0xe4, 0xb8, 0xb0)),
    ).toBeGreaterThan(0);
  });

  it('draws a label-wide rule as a separator of one line of dashes, 32 columns on 58 mm', () => {
    const dashes = bytes(...Array.from({ length: 32 }, () => 0x2d), 0x0a);
    expect(indexOf(slip58, dashes)).toBeGreaterThan(0);
    expect(indexOf(slip58, bytes(0x2d, ...dashes))).toBe(-1);
  });

  it('ends with feed, full cut and ESC @', () => {
    expect([...slip58.subarray(slip58.length - 11)]).toEqual([
      0x1b, 0x64, 0x04, 0x1b, 0x64, 0x04, 0x1d, 0x56, 0x00, 0x1b, 0x40,
    ]);
  });

  it('repeats the whole slip for each copy', () => {
    const two = escposEncoder.encode(handLabel, options({ paperWidthMm: 58, copies: 2 }));
    expect(two.length).toBe(2 * slip58.length);
    expect([...two.subarray(slip58.length)]).toEqual([...slip58]);
  });

  it('merges texts on one line and follows reading order, top to bottom then left to right', () => {
    const layout: LabelLayout = {
      widthMm: 100,
      heightMm: 150,
      elements: [
        { type: 'text', x: 30, y: 20, size: 3, text: 'B2' },
        { type: 'text', x: 5, y: 20, size: 3, text: 'B1' },
        { type: 'text', x: 5, y: 10, size: 3, text: 'A' },
        { type: 'box', x: 1, y: 1, width: 98, height: 148, thickness: 0.4 },
        { type: 'line', x: 20, y: 5, width: 0.3, height: 40 },
      ],
    };
    const out = escposEncoder.encode(layout, options({ paperWidthMm: 80 }));
    expect(Buffer.from(out.subarray(4, out.length - 11)).toString('latin1')).toBe('A\nB1 B2\n');
  });
});

describe('Epson Code 128 data', () => {
  it('switches long digit runs to code set C and pairs them into byte values', () => {
    expect(epsonCode128('SF1234567890123')).toEqual({
      data: `SF1{C${String.fromCharCode(23, 45, 67, 89, 1, 23)}`,
      symbols: 10,
    });
    expect(epsonCode128('JDV0006969983324')).toEqual({
      data: `JDV0{C${String.fromCharCode(0, 69, 69, 98, 33, 24)}`,
      symbols: 11,
    });
  });

  it('stays in code set B for short runs and doubles {', () => {
    expect(epsonCode128('AB12C{')).toEqual({ data: 'AB12C{{', symbols: 6 });
  });

  it('returns to code set B after a digit run in the middle', () => {
    expect(epsonCode128('A123456B')).toEqual({ data: `A{C${String.fromCharCode(12, 34, 56)}{BB`, symbols: 7 });
  });
});
