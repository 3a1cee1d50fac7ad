// TSPL/TSPL2: TSC, Xprinter 芯烨, Gprinter 佳博, HPRT 汉印, Deli 得力 and most Chinese 4" label
// printers. Command syntax, the TSS24.BF2 font and GBK content follow hardware.md C.1.
import iconv from 'iconv-lite';
import type { LabelElement, LabelLayout } from '../../../contract/label.js';
import type { EncodeOptions, LabelEncoder } from '../types.js';
import { assertCode128Text, dotGrid, formatMm, qrCellDots, type DotGrid } from './geometry.js';

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

function widthAtOne(text: string): number {
  let dots = 0;
  for (const ch of text) dots += (ch.codePointAt(0) ?? 0) < 0x80 ? HALF_WIDTH_DOTS : FONT_DOTS;
  return dots;
}

/**
 * The 24-dot font only scales by whole multipliers, so a glyph `sizeDots` tall gets the nearest
 * multiple of 24 that does not pass the layout's line pitch (never below 1). The horizontal
 * multiplier then shrinks, down to 1, until the line fits `maxWidthDots`.
 */
export function textMultipliers(text: string, sizeDots: number, maxWidthDots: number): { x: number; y: number } {
  const nearest = Math.round(sizeDots / FONT_DOTS);
  const tallest = Math.floor((sizeDots * LINE_PITCH) / FONT_DOTS);
  const y = Math.max(1, Math.min(nearest, tallest, MAX_MULTIPLIER));
  let x = y;
  const width = widthAtOne(text);
  while (x > 1 && width * x > maxWidthDots) x -= 1;
  return { x, y };
}

function mediaLine(media: EncodeOptions['media']): string {
  if (media.kind === 'continuous') return 'GAP 0,0';
  const command = media.kind === 'gap' ? 'GAP' : 'BLINE';
  return `${command} ${formatMm(media.sizeMm)} mm,${formatMm(media.offsetMm)} mm`;
}

function elementLine(el: LabelElement, g: DotGrid): string {
  const x = g.x(el.x);
  const y = g.y(el.y);
  switch (el.type) {
    case 'text': {
      const room = g.widthDots - x;
      const maxWidth = el.maxWidth === undefined ? room : Math.min(room, g.dots(el.maxWidth));
      const mul = textMultipliers(el.text, g.dots(el.size), maxWidth);
      return `TEXT ${x},${y},"${FONT}",0,${mul.x},${mul.y},${quoted(el.text)}`;
    }
    case 'code128': {
      assertCode128Text(el.text);
      const narrow = Math.max(1, g.dots(el.moduleWidth));
      // Code 128 has no wide bars; the printer ignores `wide`, but the syntax requires it (C.1 skeleton: 3,6).
      return `BARCODE ${x},${y},"128",${g.spanY(el.y, el.height)},${el.showText ? 1 : 0},0,${narrow},${2 * narrow},${quoted(el.text)}`;
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

export function tsplCommands(layout: LabelLayout, options: EncodeOptions): string[] {
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
    ...layout.elements.map((el) => elementLine(el, g)),
    `PRINT ${Math.max(1, Math.floor(options.copies))},1`,
  ];
}

export const tsplEncoder: LabelEncoder = {
  language: 'tspl',
  encode(layout, options) {
    // GBK is a superset of ASCII, so one pass encodes commands and Chinese content alike (C.1: 顺丰速运 = CB B3 B7 E1 CB D9 D4 CB).
    const text = tsplCommands(layout, options)
      .map((line) => `${line}\r\n`)
      .join('');
    return Uint8Array.from(iconv.encode(text, 'gbk'));
  },
};
