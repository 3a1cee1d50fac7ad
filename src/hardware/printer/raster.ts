// Text the printer cannot set itself (Chinese on a stock Zebra, hardware.md C.2) drawn with Skia
// through @napi-rs/canvas and reduced to 1-bit rows: MSB = leftmost dot, 1 = black, as ZPL ^GF and
// ESC/POS GS v 0 want. TSPL BITMAP wants the opposite polarity (invertBitmap).
import { createCanvas } from '@napi-rs/canvas';
import type { Bitmap, TextRasterizer } from './types.js';

/** Half of full scale: a dot at least half-dark prints. */
const HALF = 128;

/**
 * One bit per pixel from 8-bit gray (width × height bytes) or RGBA (× 4). RGBA is laid over white
 * first, so a transparent pixel prints nothing; luma weights are ITU-R BT.601.
 */
export function packBitmap(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  threshold = HALF,
): Bitmap {
  const channels = pixels.length === width * height * 4 ? 4 : pixels.length === width * height ? 1 : 0;
  if (channels === 0)
    throw new Error(`packBitmap: ${pixels.length} bytes is neither gray nor RGBA for ${width}×${height}`);
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      let gray: number;
      if (channels === 1) gray = pixels[i] ?? 255;
      else {
        const luma = 0.299 * (pixels[i] ?? 0) + 0.587 * (pixels[i + 1] ?? 0) + 0.114 * (pixels[i + 2] ?? 0);
        const alpha = (pixels[i + 3] ?? 0) / 255;
        gray = 255 - alpha * (255 - luma);
      }
      if (gray < threshold) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, bytesPerRow, data };
}

/**
 * Flips every bit for TSPL BITMAP, where 1 is white (C.1). The padding bits past `width` were 0
 * (white in the 1 = black convention) and become 1, which is white again in TSPL's.
 */
export function invertBitmap(b: Bitmap): Bitmap {
  return { ...b, data: b.data.map((byte) => ~byte & 0xff) };
}

/** Upper-case hex, two characters per byte, as ^GFA's ASCII-hex data field takes it. */
export function bitmapToHex(b: Bitmap): string {
  return Buffer.from(b.data).toString('hex').toUpperCase();
}

/** Rightmost column holding a black dot, or -1 for a blank bitmap. */
function lastInkColumn(b: Bitmap): number {
  let last = -1;
  for (let y = 0; y < b.height; y++) {
    for (let byteIndex = b.bytesPerRow - 1; byteIndex >= 0; byteIndex--) {
      const byte = b.data[y * b.bytesPerRow + byteIndex] ?? 0;
      if (byte === 0) continue;
      last = Math.max(last, byteIndex * 8 + 7 - trailingZeros(byte));
      break;
    }
  }
  return last;
}

function trailingZeros(byte: number): number {
  let n = 0;
  while (n < 8 && (byte & (1 << n)) === 0) n += 1;
  return n;
}

/** Keeps the left `width` columns; the left edge stays put so the glyph box keeps its position. */
function cropWidth(b: Bitmap, width: number): Bitmap {
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * b.height);
  const tailMask = width % 8 === 0 ? 0xff : (0xff << (8 - (width % 8))) & 0xff;
  for (let y = 0; y < b.height; y++) {
    data.set(b.data.subarray(y * b.bytesPerRow, y * b.bytesPerRow + bytesPerRow), y * bytesPerRow);
    data[y * bytesPerRow + bytesPerRow - 1]! &= tailMask;
  }
  return { width, height: b.height, bytesPerRow, data };
}

export function createCanvasRasterizer(fontFamily = 'sans-serif'): TextRasterizer {
  return {
    render(text, heightDots, opts = {}) {
      const height = Math.max(1, Math.round(heightDots));
      const font = `${opts.bold ? 'bold ' : ''}${height}px ${fontFamily}`;
      const measure = createCanvas(1, 1).getContext('2d');
      measure.font = font;
      const natural = Math.ceil(measure.measureText(text).width) + 2;
      const width = Math.max(1, Math.min(natural, opts.maxWidthDots ?? natural));

      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = '#000000';
      ctx.font = font;
      // 'top' puts the em square's top at y = 0, so the glyph box matches the layout's (x, y, size).
      ctx.textBaseline = 'top';
      // Too long for its room, the line is squeezed sideways rather than cut: every character still prints.
      if (natural > width) ctx.scale(width / natural, 1);
      ctx.fillText(text, 0, 0);
      const full = packBitmap(ctx.getImageData(0, 0, width, height).data, width, height);
      return cropWidth(full, Math.min(width, Math.max(1, lastInkColumn(full) + 2)));
    },
  };
}

/**
 * Without a CJK font Skia draws every Chinese character as the same tofu box (or nothing). Two
 * different characters rendering identically, or blank, means Chinese text would print as boxes.
 */
export function cjkFontAvailable(fontFamily = 'sans-serif'): boolean {
  const rasterizer = createCanvasRasterizer(fontFamily);
  const a = rasterizer.render('中', 32);
  const b = rasterizer.render('国', 32);
  const inked = (bm: Bitmap): boolean => bm.data.some((byte) => byte !== 0);
  const same = a.width === b.width && a.data.every((byte, i) => byte === b.data[i]);
  return inked(a) && inked(b) && !same;
}
