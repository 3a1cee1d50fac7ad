// Printer languages: one label layout (src/domain/label) encoded per language, and the status
// answers parsed back. Pure: no I/O.
import type { LabelLayout } from '../../contract/label.js';
import type { PrinterFaultReason } from '../types.js';

export const PRINTER_LANGUAGES = ['tspl', 'zpl', 'escpos'] as const;
export type PrinterLanguage = (typeof PRINTER_LANGUAGES)[number];

export interface EncodeOptions {
  dpi: 203 | 300;
  /** Calibration per printer: shift everything by these millimetres, print darkness 0–15. */
  offsetXmm: number;
  offsetYmm: number;
  density: number;
  /** Media sensing (TSPL GAP/BLINE): gap or black-mark height in mm; 0 = continuous media. */
  media: { kind: 'gap' | 'bline' | 'continuous'; sizeMm: number; offsetMm: number };
  copies: number;
  /** ESC/POS paper width for packing slips. */
  paperWidthMm?: 58 | 80;
}

/** Slip printers also take an A4 page as PDF (encoders/pdf.ts); labels use the three above. */
export type PageLanguage = PrinterLanguage | 'pdf';

export interface LabelEncoder {
  language: PageLanguage;
  encode(layout: LabelLayout, options: EncodeOptions): Uint8Array;
}

/** A 1-bit image, rows of ceil(width/8) bytes, MSB = leftmost pixel, 1 = black. */
export interface Bitmap {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

/** Renders text the printer cannot (Chinese in ZPL, any text in raster mode) into a bitmap. */
export interface TextRasterizer {
  render(text: string, heightDots: number, opts?: { bold?: boolean; maxWidthDots?: number }): Bitmap;
}

export interface PrinterStatusReport {
  ready: boolean;
  fault: PrinterFaultReason | null;
  /** Every condition the answer reported, in words ("paper out", "head open", "pause"). */
  conditions: string[];
}

/** How to ask a printer for its status on a two-way link, and how to read the answer. */
export interface StatusProtocol {
  query: Uint8Array;
  /** Whether `answer` holds a complete reply yet. */
  complete(answer: Uint8Array): boolean;
  parse(answer: Uint8Array): PrinterStatusReport;
}
