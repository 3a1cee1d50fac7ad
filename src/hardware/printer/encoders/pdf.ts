// A4 pages as PDF, for packing slips on an office printer: most A4 lasers print a PDF sent to their
// raw port 9100 (PDF direct print), and a PDF is what a print queue takes too. The layout (in mm) is
// drawn with Skia through @napi-rs/canvas — the same engine and CJK font as the raster path — and
// barcodes are drawn bar by bar from bwip-js's encoding, so they stay vector and sharp at any dpi.
// A layout taller than a page continues on the next page.
import { PDFDocument } from '@napi-rs/canvas';
import bwipjs from 'bwip-js';
import type { LabelElement, LabelLayout } from '../../../contract/label.js';
import type { LabelEncoder } from '../types.js';

export const A4_MM = { width: 210, height: 297 } as const;
/** Margins around the layout on the page, in mm. */
export const A4_MARGIN_MM = 15;
const PT_PER_MM = 72 / 25.4;

type PageContext = ReturnType<PDFDocument['beginPage']>;

interface SymbolRows {
  sbs?: number[];
  pixs?: number[];
  pixx?: number;
}

function drawCode128(ctx: PageContext, el: Extract<LabelElement, { type: 'code128' }>): void {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text: el.text }) as SymbolRows[];
  let x = el.x;
  // sbs: bar, space, bar, … widths in modules, starting with a bar.
  (symbol?.sbs ?? []).forEach((modules, i) => {
    if (i % 2 === 0) ctx.fillRect(x, el.y, modules * el.moduleWidth, el.height);
    x += modules * el.moduleWidth;
  });
}

function drawQr(ctx: PageContext, el: Extract<LabelElement, { type: 'qr' }>): void {
  const [symbol] = bwipjs.raw({ bcid: 'qrcode', text: el.text }) as SymbolRows[];
  const side = symbol?.pixx ?? 0;
  const pixs = symbol?.pixs ?? [];
  if (side === 0) return;
  const cell = el.size / side;
  pixs.forEach((on, i) => {
    if (on) ctx.fillRect(el.x + (i % side) * cell, el.y + Math.floor(i / side) * cell, cell, cell);
  });
}

function drawElement(ctx: PageContext, el: LabelElement, fontFamily: string): void {
  switch (el.type) {
    case 'text':
      ctx.font = `${el.bold ? 'bold ' : ''}${el.size}px ${fontFamily}`;
      ctx.fillText(el.text, el.x, el.y, el.maxWidth);
      return;
    case 'code128':
      drawCode128(ctx, el);
      return;
    case 'qr':
      drawQr(ctx, el);
      return;
    case 'line':
      ctx.fillRect(el.x, el.y, el.width, el.height);
      return;
    case 'box':
      ctx.lineWidth = el.thickness;
      ctx.strokeRect(el.x, el.y, el.width, el.height);
      return;
  }
}

/** Which page an element starts on, when the layout is cut into pages of `pageMm` height. */
function pageOf(el: LabelElement, pageMm: number): number {
  return Math.max(0, Math.floor(el.y / pageMm));
}

export function createPdfEncoder(fontFamily = 'sans-serif'): LabelEncoder {
  return {
    language: 'pdf',
    encode(layout: LabelLayout, options): Uint8Array {
      const pageMm = A4_MM.height - 2 * A4_MARGIN_MM;
      const pages = Math.max(1, ...layout.elements.map((el) => pageOf(el, pageMm) + 1));
      const doc = new PDFDocument({ title: 'Packdesk', creator: 'Packdesk' });
      for (let copy = 0; copy < Math.max(1, options.copies); copy++) {
        for (let page = 0; page < pages; page++) {
          const ctx = doc.beginPage(A4_MM.width * PT_PER_MM, A4_MM.height * PT_PER_MM);
          // Draw in millimetres from the printable area's corner (plus the printer's calibration).
          ctx.scale(PT_PER_MM, PT_PER_MM);
          ctx.translate(A4_MARGIN_MM + options.offsetXmm, A4_MARGIN_MM + options.offsetYmm - page * pageMm);
          ctx.fillStyle = '#000';
          ctx.strokeStyle = '#000';
          ctx.textBaseline = 'top';
          for (const el of layout.elements) if (pageOf(el, pageMm) === page) drawElement(ctx, el, fontFamily);
          doc.endPage();
        }
      }
      return new Uint8Array(doc.close());
    },
  };
}
