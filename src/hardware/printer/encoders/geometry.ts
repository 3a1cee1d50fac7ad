// Millimetres to printer dots, and the measurements TSPL, ZPL and ESC/POS share. The layout
// (src/domain/label) is in millimetres from the top-left corner; label printers address dots.
import type { EncodeOptions } from '../types.js';

/** 203 dpi = 8 dots/mm, 300 dpi = 11.81 dots/mm (hardware.md C.1). */
export function dotsPerMm(dpi: EncodeOptions['dpi']): number {
  return dpi === 203 ? 8 : 11.81;
}

export interface DotGrid {
  dpmm: number;
  widthDots: number;
  heightDots: number;
  /** The positive part of the calibration offset, sent as the printer's own origin (TSPL REFERENCE, ZPL ^LH). */
  home: { x: number; y: number };
  /** A horizontal label position in dots, with any negative offset applied. */
  x(mm: number): number;
  y(mm: number): number;
  /** Length in dots of a span starting at `startMm`: end and start are rounded separately so spans that meet in mm meet in dots. */
  spanX(startMm: number, lengthMm: number): number;
  spanY(startMm: number, lengthMm: number): number;
  dots(mm: number): number;
}

/**
 * Calibration offsets move the whole print. A positive offset goes into the printer's origin
 * command. ZPL ^LH accepts 0 to 32000 only (ZPL II guide) and TSPL REFERENCE documents no negative
 * values either, so a negative offset is subtracted from every coordinate instead, stopping at the
 * label's edge.
 */
export function dotGrid(layout: { widthMm: number; heightMm: number }, options: EncodeOptions): DotGrid {
  const dpmm = dotsPerMm(options.dpi);
  const dots = (mm: number): number => Math.round(mm * dpmm);
  const offX = dots(options.offsetXmm);
  const offY = dots(options.offsetYmm);
  const shiftX = Math.min(0, offX);
  const shiftY = Math.min(0, offY);
  const x = (mm: number): number => Math.max(0, dots(mm) + shiftX);
  const y = (mm: number): number => Math.max(0, dots(mm) + shiftY);
  return {
    dpmm,
    widthDots: dots(layout.widthMm),
    heightDots: dots(layout.heightMm),
    home: { x: Math.max(0, offX), y: Math.max(0, offY) },
    x,
    y,
    spanX: (start, length) => Math.max(1, x(start + length) - x(start)),
    spanY: (start, length) => Math.max(1, y(start + length) - y(start)),
    dots,
  };
}

/** Millimetres as a printer command writes them: at most two decimals, no trailing zeros. */
export function formatMm(mm: number): string {
  return String(Number(mm.toFixed(2)));
}

export function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/**
 * A barcode module in whole dots that never makes the symbol wider than the layout planned: 0.25 mm
 * is 2 dots at 203 dpi but 2.95 at 300, and rounding that up to 3 widened a 16-character waybill by
 * a millimetre into its quiet zone. `offset` centres the narrower symbol in the planned width.
 */
export function barcodeModule(moduleMm: number, modules: number, dpmm: number): { dots: number; offset: number } {
  const dots = Math.max(1, Math.floor(moduleMm * dpmm + 1e-6));
  return { dots, offset: Math.max(0, Math.floor((Math.round(modules * moduleMm * dpmm) - modules * dots) / 2)) };
}

/** Code 128 carries ASCII; every label language here would silently mangle anything else. */
export function assertCode128Text(text: string): void {
  if (!isPrintableAscii(text)) throw new Error(`Code 128 data must be printable ASCII: ${JSON.stringify(text)}`);
}

/**
 * Byte capacity of QR versions 1–40 at error level M (ISO/IEC 18004 table 7). The printers pick
 * the encoding mode themselves ("A" automatic in TSPL, `QA,` in ZPL); byte mode needs the most room,
 * so sizing for it keeps the printed symbol within the layout's square.
 */
const QR_BYTES_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
  997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

/** Modules per side of the smallest QR symbol (level M) that holds `text` as UTF-8 bytes. */
export function qrModules(text: string): number {
  const bytes = new TextEncoder().encode(text).length;
  const index = QR_BYTES_M.findIndex((capacity) => capacity >= bytes);
  const version = index === -1 ? QR_BYTES_M.length : index + 1;
  return 17 + 4 * version;
}

/** The largest whole-dot module that keeps the symbol inside `sizeMm`, between 1 and `maxCell`. */
export function qrCellDots(text: string, sizeMm: number, dpmm: number, maxCell: number): number {
  const cell = Math.floor(Math.round(sizeMm * dpmm) / qrModules(text));
  return Math.min(maxCell, Math.max(1, cell));
}
