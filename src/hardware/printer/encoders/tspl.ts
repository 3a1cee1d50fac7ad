// TSPL/TSPL2: TSC, Xprinter 芯烨, Gprinter 佳博, HPRT 汉印, Deli 得力 and most Chinese 4" label
// printers. Command syntax, the TSS24.BF2 font and GBK content follow hardware.md C.1.
//
// TSS24.BF2 is a 24-dot bitmap font that only scales by whole multipliers: it cannot be drawn below
// 24 dots, and an x multiplier different from y stretches it. Text the layout planned at a size the
// font can honour (uniform multiplier, real glyph widths within the planned width) is sent as TEXT;
// anything else is drawn by the rasterizer at the planned size and sent as BITMAP, so no line ever
// runs past its room or the frame.
import iconv from 'iconv-lite';
import type { LabelElement, LabelLayout } from '../../../contract/label.js';
import type { Bitmap, EncodeOptions, LabelEncoder, TextRasterizer } from '../types.js';
import { createCanvasRasterizer, invertBitmap } from '../raster.js';
import { code128Modules } from '../../../domain/label/layout.js';
import { assertCode128Text, barcodeModule, dotGrid, formatMm, qrCellDots, type DotGrid } from './geometry.js';
import { toGbkSafe } from './gbk.js';

/** Simplified Chinese 24×24 bitmap font; it carries ASCII too, at half width (12×24). */
const FONT = 'TSS24.BF2';
const FONT_DOTS = 24;
const HALF_WIDTH_DOTS = 12;
/** TEXT multipliers run 1–10 (TSPL2 manual, TEXT). */
const MAX_MULTIPLIER = 10;
/** The layout sets lines 1.25 × size apart (layout.ts LINE_GAP); a taller glyph would touch the next line. */
const LINE_PITCH = 1.25;
/** QRCODE cell width runs 1–10 dots (TSPL2 manual, QRCODE). */
const MAX_QR_CELL = 10;

/** TSPL escapes a double quote inside a string as \["] (Gprinter manual; hardware.md C.1). */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '\\["]')}"`;
}

/** Width of `text` in TSS24.BF2 at multiplier 1: 12 dots per ASCII character, 24 per GBK one. */
export function fontWidth(text: string): number {
  let dots = 0;
  for (const ch of text) dots += (ch.codePointAt(0) ?? 0) < 0x80 ? HALF_WIDTH_DOTS : FONT_DOTS;
  return dots;
}

/**
 * The one multiplier (same on both axes, so glyphs keep their shape) at which TSS24.BF2 sets `text`
 * for a line planned `sizeDots` tall and `maxWidthDots` wide: the nearest multiple of 24 that stays
 * within the line pitch, or one smaller when the line would be too wide. null when the font cannot:
 * the line is under 24 dots (the font has no smaller size) or too wide even at 1.
 */
export function textMultiplier(text: string, sizeDots: number, maxWidthDots: number): number | null {
  const tallest = Math.min(MAX_MULTIPLIER, Math.floor((sizeDots * LINE_PITCH) / FONT_DOTS));
  if (tallest < 1) return null;
  const best = Math.max(1, Math.min(tallest, Math.round(sizeDots / FONT_DOTS)));
  const width = fontWidth(text);
  for (const m of best > 1 ? [best, best - 1] : [best]) if (width * m <= maxWidthDots) return m;
  return null;
}

export type TsplLine = string | { header: string; data: Uint8Array };

function mediaLine(media: EncodeOptions['media']): string {
  if (media.kind === 'continuous') return 'GAP 0,0';
  const command = media.kind === 'gap' ? 'GAP' : 'BLINE';
  return `${command} ${formatMm(media.sizeMm)} mm,${formatMm(media.offsetMm)} mm`;
}

/** BITMAP x,y,width in bytes,height,mode 0 (overwrite), then the rows raw, 1 = white (C.1). */
function bitmapLine(x: number, y: number, b: Bitmap): TsplLine {
  return { header: `BITMAP ${x},${y},${b.bytesPerRow},${b.height},0,`, data: invertBitmap(b).data };
}

function elementLine(el: LabelElement, g: DotGrid, rasterizer: TextRasterizer): TsplLine | null {
  const x = g.x(el.x);
  const y = g.y(el.y);
  switch (el.type) {
    case 'text': {
      const text = toGbkSafe(el.text);
      if (text === '') return null;
      const room = g.widthDots - x;
      const maxWidth = el.maxWidth === undefined ? room : Math.min(room, g.dots(el.maxWidth));
      const sizeDots = g.dots(el.size);
      const mul = textMultiplier(text, sizeDots, maxWidth);
      if (mul !== null) return `TEXT ${x},${y},"${FONT}",0,${mul},${mul},${quoted(text)}`;
      const bitmap = rasterizer.render(text, sizeDots, { bold: el.bold ?? false, maxWidthDots: maxWidth });
      return bitmap.bytesPerRow * bitmap.height === 0 ? null : bitmapLine(x, y, bitmap);
    }
    case 'code128': {
      assertCode128Text(el.text);
      const { dots: narrow, offset } = barcodeModule(el.moduleWidth, code128Modules(el.text), g.dpmm);
      // Code 128 has no wide bars; the printer ignores `wide`, but the syntax requires it (C.1 skeleton: 3,6).
      return `BARCODE ${x + offset},${y},"128",${g.spanY(el.y, el.height)},${el.showText ? 1 : 0},0,${narrow},${2 * narrow},${quoted(el.text)}`;
    }
    case 'qr':
      return `QRCODE ${x},${y},M,${qrCellDots(el.text, el.size, g.dpmm, MAX_QR_CELL)},A,0,${quoted(el.text)}`;
    case 'line':
      return `BAR ${x},${y},${g.spanX(el.x, el.width)},${g.spanY(el.y, el.height)}`;
    case 'box': {
      const x2 = x + g.spanX(el.x, el.width);
      const y2 = y + g.spanY(el.y, el.height);
      return `BOX ${x},${y},${x2},${y2},${Math.max(1, g.dots(el.thickness))}`;
    }
  }
}

export function tsplProgram(layout: LabelLayout, options: EncodeOptions, rasterizer: TextRasterizer): TsplLine[] {
  const g = dotGrid(layout, options);
  const density = Math.min(15, Math.max(0, Math.round(options.density)));
  return [
    `SIZE ${formatMm(layout.widthMm)} mm,${formatMm(layout.heightMm)} mm`,
    mediaLine(options.media),
    'DIRECTION 1,0',
    `REFERENCE ${g.home.x},${g.home.y}`,
    `DENSITY ${density}`,
    // CLS after SIZE/GAP, or the printer clears a buffer of the old size (C.1).
    'CLS',
    ...layout.elements.map((el) => elementLine(el, g, rasterizer)).filter((l): l is TsplLine => l !== null),
    `PRINT ${Math.max(1, Math.floor(options.copies))},1`,
  ];
}

const defaultRasterizer = createCanvasRasterizer();

/** The program as text, for dumps and tests: a BITMAP line shows its header and the byte count. */
export function tsplCommands(
  layout: LabelLayout,
  options: EncodeOptions,
  rasterizer: TextRasterizer = defaultRasterizer,
): string[] {
  return tsplProgram(layout, options, rasterizer).map((l) =>
    typeof l === 'string' ? l : `${l.header}<${l.data.length} bytes>`,
  );
}

export function createTsplEncoder(rasterizer: TextRasterizer): LabelEncoder {
  return {
    language: 'tspl',
    encode(layout, options) {
      // GBK is a superset of ASCII, so one pass encodes commands and Chinese content alike (C.1:
      // 顺丰速运 = CB B3 B7 E1 CB D9 D4 CB); BITMAP rows go out as raw bytes.
      const parts = tsplProgram(layout, options, rasterizer).flatMap((l) =>
        typeof l === 'string'
          ? [iconv.encode(`${l}\r\n`, 'gbk')]
          : [Buffer.from(l.header, 'ascii'), Buffer.from(l.data), Buffer.from('\r\n', 'ascii')],
      );
      return Uint8Array.from(Buffer.concat(parts));
    },
  };
}

export const tsplEncoder: LabelEncoder = createTsplEncoder(defaultRasterizer);
