import { describe, expect, it } from 'vitest';
import {
  bitmapToHex,
  cjkFontAvailable,
  createCanvasRasterizer,
  invertBitmap,
  packBitmap,
} from '../../../../src/hardware/printer/raster.js';
import type { Bitmap } from '../../../../src/hardware/printer/types.js';

const ink = (b: Bitmap): number => b.data.reduce((n, byte) => n + byte.toString(2).replaceAll('0', '').length, 0);
const dot = (b: Bitmap, x: number, y: number): boolean =>
  ((b.data[y * b.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
function lastInkColumn(b: Bitmap): number {
  let last = -1;
  for (let y = 0; y < b.height; y++) for (let x = 0; x < b.width; x++) if (dot(b, x, y)) last = Math.max(last, x);
  return last;
}

describe('packBitmap', () => {
  it('packs gray MSB-first with 1 = black below the threshold, padding rows to whole bytes', () => {
    const gray = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 127, 128);
    expect(packBitmap(gray, 10, 2, 128)).toEqual({
      width: 10,
      height: 2,
      bytesPerRow: 2,
      data: Uint8Array.of(0xff, 0x80, 0x00, 0x80),
    });
  });

  it('lays RGBA over white: transparent is white, opaque red is dark enough to print', () => {
    const rgba = Uint8ClampedArray.of(0, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255);
    expect([...packBitmap(rgba, 3, 1).data]).toEqual([0xa0]);
  });

  it('honours the threshold', () => {
    expect([...packBitmap(Uint8Array.of(100), 1, 1, 90).data]).toEqual([0x00]);
    expect([...packBitmap(Uint8Array.of(100), 1, 1, 128).data]).toEqual([0x80]);
  });

  it('refuses a buffer that is neither gray nor RGBA for the size', () => {
    expect(() => packBitmap(new Uint8Array(7), 2, 2)).toThrow('neither gray nor RGBA');
  });
});

describe('invertBitmap and bitmapToHex', () => {
  const b: Bitmap = { width: 10, height: 1, bytesPerRow: 2, data: Uint8Array.of(0xf0, 0x40) };

  it('flips every bit for TSPL, where 1 is white', () => {
    expect([...invertBitmap(b).data]).toEqual([0x0f, 0xbf]);
    expect([...b.data]).toEqual([0xf0, 0x40]);
  });

  it('writes upper-case hex, two characters per byte', () => {
    expect(bitmapToHex(b)).toBe('F040');
  });
});

describe('canvas rasterizer', () => {
  const rasterizer = createCanvasRasterizer();

  it('renders Chinese with ink, at the requested height, trimmed to the ink plus one blank column', () => {
    const b = rasterizer.render('顺丰速运', 48);
    expect(b.height).toBe(48);
    expect(b.bytesPerRow).toBe(Math.ceil(b.width / 8));
    expect(b.data.length).toBe(b.bytesPerRow * 48);
    expect(ink(b)).toBeGreaterThan(200);
    // Four 48-dot glyphs: wider than three, no wider than four plus the margin.
    expect(b.width).toBeGreaterThan(3 * 48);
    expect(b.width).toBeLessThanOrEqual(4 * 48 + 2);
    expect(lastInkColumn(b)).toBe(b.width - 2);
  });

  it('keeps padding bits past the width blank', () => {
    const b = rasterizer.render('收', 30);
    const spare = b.bytesPerRow * 8 - b.width;
    for (let y = 0; y < b.height; y++) for (let x = b.width; x < b.width + spare; x++) expect(dot(b, x, y)).toBe(false);
  });

  it('caps the width at maxWidthDots by squeezing the line, not by cutting it off', () => {
    expect(rasterizer.render('浙江省杭州市西湖区科技路', 32, { maxWidthDots: 100 }).width).toBeLessThanOrEqual(100);
    // Cut off at 50 dots, both would show 中 and the start of 国; squeezed, the third character changes the picture.
    const three = rasterizer.render('中国人', 32, { maxWidthDots: 50 });
    const two = rasterizer.render('中国', 32, { maxWidthDots: 50 });
    expect(Buffer.from(three.data).equals(Buffer.from(two.data))).toBe(false);
  });

  it('draws bold heavier than regular', () => {
    expect(ink(rasterizer.render('寄件人', 40, { bold: true }))).toBeGreaterThan(ink(rasterizer.render('寄件人', 40)));
  });

  it('finds a CJK font here, so Chinese does not print as tofu boxes', () => {
    expect(cjkFontAvailable()).toBe(true);
  });
});
