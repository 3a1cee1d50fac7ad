// ZPL II: Zebra printers and the many Chinese printers with a ZPL emulation (hardware.md C.2).
// Stock Zebras carry no CJK font, so Chinese text is drawn by the TextRasterizer and sent as ^GFA;
// everything else uses the printer's own fonts and symbologies. The output is plain ASCII.
import type { LabelElement, LabelLayout } from '../../../contract/label.js';
import type { EncodeOptions, LabelEncoder, TextRasterizer } from '../types.js';
import { bitmapToHex } from '../raster.js';
import { code128Modules } from '../../../domain/label/layout.js';
import { assertCode128Text, barcodeModule, dotGrid, isPrintableAscii, qrCellDots, type DotGrid } from './geometry.js';

/** ^A0 and ^BY refuse smaller values (ZPL II guide: ^A heights 10–32000, ^BY module 1–10). */
const MIN_FONT_DOTS = 10;
const MAX_MODULE_DOTS = 10;
/** ^BQ magnification runs 1–10. */
const MAX_QR_MAGNIFICATION = 10;
/** ^BY bar height before a ^BQ: the minimum ^BY takes (ZPL II guide: 10 to 32000), which ^BQ adds to its origin. */
export const QR_BY_HEIGHT = 10;
/** ~SD darkness runs 00–30, twice the TSPL DENSITY range the settings use. */
const MAX_DARKNESS = 30;

/**
 * Field data as ^FD takes it. `^` and `~` would start a command and only printable ASCII is sent,
 * so any other character goes through ^FH: `_` plus two hex digits per UTF-8 byte, which ^CI28
 * then reads as UTF-8 (ZPL II guide, ^FH and ^CI).
 */
export function fieldData(text: string): string {
  if (isPrintableAscii(text) && !/[\^~]/.test(text)) return `^FD${text}`;
  let out = '';
  for (const ch of text) {
    if (isPrintableAscii(ch) && !/[\^~_]/.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `^FH_^FD${out}`;
}

/**
 * ^BC reads `>` as the start of an invocation code; a literal `>`, `^` or `~` in subset B is the
 * code with Code 128 value 30, 62 or 94 (ZPL II guide, ^BC "Code 128 Invocation Characters").
 */
export function code128FieldData(text: string): string {
  assertCode128Text(text);
  return `^FD${text.replace(/[>^~]/g, (ch) => (ch === '>' ? '>0' : ch === '^' ? '><' : '>='))}`;
}

function textField(el: Extract<LabelElement, { type: 'text' }>, g: DotGrid, rasterizer: TextRasterizer): string | null {
  const x = g.x(el.x);
  const y = g.y(el.y);
  const height = Math.max(MIN_FONT_DOTS, g.dots(el.size));
  if (isPrintableAscii(el.text)) {
    // Scalable font 0 with width = height keeps the face's own proportions; it is a condensed face,
    // so its advance stays near the 0.55 em that layout.ts measures ASCII with.
    return `^FO${x},${y}^A0N,${height},${height}${fieldData(el.text)}^FS`;
  }
  const room = g.widthDots - x;
  const maxWidthDots = el.maxWidth === undefined ? room : Math.min(room, g.dots(el.maxWidth));
  const bitmap = rasterizer.render(el.text, g.dots(el.size), { bold: el.bold ?? false, maxWidthDots });
  const total = bitmap.bytesPerRow * bitmap.height;
  if (total === 0) return null;
  return `^FO${x},${y}^GFA,${total},${total},${bitmap.bytesPerRow},${bitmapToHex(bitmap)}^FS`;
}

function field(el: LabelElement, g: DotGrid, rasterizer: TextRasterizer): string | null {
  const x = g.x(el.x);
  const y = g.y(el.y);
  switch (el.type) {
    case 'text':
      return textField(el, g, rasterizer);
    case 'code128': {
      const fit = barcodeModule(el.moduleWidth, code128Modules(el.text), g.dpmm);
      const module = Math.min(MAX_MODULE_DOTS, fit.dots);
      const h = g.spanY(el.y, el.height);
      // No start code in the data: the printer starts in subset B, the width layout.ts plans for.
      return `^BY${module},3,${h}^FO${x + fit.offset},${y}^BCN,${h},${el.showText ? 'Y' : 'N'},N,N${code128FieldData(el.text)}^FS`;
    }
    case 'qr': {
      const magnification = qrCellDots(el.text, el.size, g.dpmm, MAX_QR_MAGNIFICATION);
      // Zebra firmware starts a ^BQ symbol the current ^BY bar height below its ^FO (Labelary and
      // zebrash reproduce it): after the waybill's ^BY…,h the QR slid h dots down and off the label.
      // Reset the height to the smallest ^BY accepts and lift the origin by the same amount.
      const top = Math.max(0, y - QR_BY_HEIGHT);
      // ^BQ field data opens with the error level and input mode: M (what qrModules sizes for), A = automatic (C.2).
      return `^BY2,3,${QR_BY_HEIGHT}^FO${x},${top}^BQN,2,${magnification}${fieldData(`MA,${el.text}`)}^FS`;
    }
    case 'line': {
      const w = g.spanX(el.x, el.width);
      const h = g.spanY(el.y, el.height);
      // A ^GB box is solid when its border is as thick as its short side; a border thicker than
      // the width would widen the box instead (^GB: width "t to 32000").
      return `^FO${x},${y}^GB${w},${h},${Math.min(w, h)}^FS`;
    }
    case 'box': {
      const w = g.spanX(el.x, el.width);
      const h = g.spanY(el.y, el.height);
      return `^FO${x},${y}^GB${w},${h},${Math.min(w, h, Math.max(1, g.dots(el.thickness)))}^FS`;
    }
  }
}

export function zplCommands(layout: LabelLayout, options: EncodeOptions, rasterizer: TextRasterizer): string[] {
  const g = dotGrid(layout, options);
  const darkness = Math.min(MAX_DARKNESS, Math.max(0, Math.round(options.density * 2)));
  const fields = layout.elements.map((el) => field(el, g, rasterizer)).filter((f): f is string => f !== null);
  return [
    '^XA',
    // ~SD sets the darkness outright; ^MD would only add to whatever the printer was left at.
    `~SD${String(darkness).padStart(2, '0')}`,
    '^CI28',
    `^PW${g.widthDots}`,
    `^LL${g.heightDots}`,
    `^LH${g.home.x},${g.home.y}`,
    ...fields,
    `^PQ${Math.max(1, Math.floor(options.copies))}`,
    '^XZ',
  ];
}

export function createZplEncoder(rasterizer: TextRasterizer): LabelEncoder {
  return {
    language: 'zpl',
    encode(layout, options) {
      // Line breaks between commands are ignored by the printer and keep dumps readable.
      return new TextEncoder().encode(`${zplCommands(layout, options, rasterizer).join('\n')}\n`);
    },
  };
}
