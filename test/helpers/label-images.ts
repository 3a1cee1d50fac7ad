// Third-party eyes on a label: zpl-renderer-js (zebrash, a Go ZPL renderer compiled to wasm and
// shipped inside the npm package) turns ZPL into a PNG, and zxing-wasm (ZXing C++ in wasm, the
// .wasm file inside the npm package) reads barcodes from pixels. Both load from node_modules, so the
// tests run offline; prepareZXingModule gets the wasm bytes directly instead of its default CDN URL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { ready as zplReady } from 'zpl-renderer-js';

const require = createRequire(import.meta.url);
let zxingReady = false;

function ensureZxing(): void {
  if (zxingReady) return;
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
  });
  zxingReady = true;
}

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Decodes a PNG or SVG into RGBA; SVG is drawn at `scale` pixels per user unit (millimetres for LabelSvg). */
export async function imageData(source: Buffer, scale = 1): Promise<Rgba> {
  const img = await loadImage(source);
  const width = Math.round(img.width * scale);
  const height = Math.round(img.height * scale);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}

/**
 * The label's ZPL drawn by zebrash, one pixel per printer dot. zebrash takes whole dots per mm
 * (11.81 would become 11) and centres a ^PW narrower than its canvas, so the canvas is asked for
 * in millimetres of 12 dots that make exactly the label's dots.
 */
export async function renderZpl(zpl: string, widthDots: number, heightDots: number): Promise<Rgba> {
  const { api } = await zplReady;
  const dpmm = 12;
  const b64 = await api.zplToBase64Async(zpl, widthDots / dpmm, heightDots / dpmm, dpmm);
  const image = await imageData(Buffer.from(b64, 'base64'));
  if (image.width !== widthDots || image.height !== heightDots)
    throw new Error(`zebrash drew ${image.width}×${image.height}, the label is ${widthDots}×${heightDots} dots`);
  return image;
}

export async function decodeBarcodes(image: Rgba): Promise<ReadResult[]> {
  ensureZxing();
  return readBarcodes(
    // zxing reads an ImageData-shaped object; Node has no ImageData class.
    {
      data: image.data as Uint8ClampedArray<ArrayBuffer>,
      width: image.width,
      height: image.height,
      colorSpace: 'srgb',
    },
    { formats: ['Code128', 'QRCode'], tryHarder: true, maxNumberOfSymbols: 8 },
  );
}

/** Pixels darker than half, as (x, y) pairs, for "is every dot where the layout put something" checks. */
export function inkPixels(image: Rgba): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) if ((image.data[(y * image.width + x) * 4] ?? 255) < 128) out.push({ x, y });
  }
  return out;
}
