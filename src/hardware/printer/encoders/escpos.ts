// A packing slip for 58/80 mm ESC/POS receipt printers: the label's content in reading order, built
// with node-thermal-printer (hardware.md C.3, C.5). Receipt printers flow text line by line, so
// positions only decide the order; text becomes lines, rules become separators, the waybill
// becomes GS k Code 128 and the QR GS ( k.
//
// Text: the slip opens with ESC @ then FS & (enter Chinese character mode), and every text byte is
// GBK from gbk.ts, written with add() so node-thermal-printer never sees a string with a character
// outside ASCII: its append() switches code page (ESC t n) on the first character the active page
// lacks, which on a Chinese printer turned the rest of the address into mojibake. ESC R (the
// international character set, 15 = "China") only swaps a dozen ASCII positions for national
// variants and selects no Chinese encoding, so it is not sent; ESC t is never sent.
//
// encode() is synchronous: the library's buffer builders (bold, printBarcode, printQR, cut,
// getBuffer) only append to an in-memory Buffer; just execute() and printImage() are async, and
// neither is used. The `interface` is an in-memory object, so constructing the printer opens no
// device (lib/interfaces/index.js returns an object interface as it is).
import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { LabelElement, LabelLayout } from '../../../contract/label.js';
import { wrapText } from '../../../domain/label/layout.js';
import type { EncodeOptions, LabelEncoder } from '../types.js';
import { assertCode128Text, dotsPerMm, qrCellDots, qrModules } from './geometry.js';
import { gbkBytes, toGbkSafe } from './gbk.js';

/** Printable width of 58 mm and 80 mm paper (384 and 576 dots at 203 dpi). */
const PRINTABLE_MM = { 58: 48, 80: 72 } as const;
/** Font A is 12 × 24 dots; a Chinese character takes two columns (24 × 24). */
const FONT_A_DOTS = 12;
const GLYPH_DOTS = 24;
/** GS w module width runs 2–6 dots, GS h height 1–255 (epson.js code128/printBarcode). */
const MIN_MODULE = 2;
const MAX_MODULE = 6;
const MAX_BAR_HEIGHT = 255;
/** node-thermal-printer ships GS ( k cell sizes 1–8 (epson-config.js QRCODE_CELLSIZE_n). */
const MAX_QR_CELL = 8;
/** FS &: Chinese character mode, in which the printer reads two-byte GBK (Xprinter, Gprinter, Epson TM-T88 China). */
export const FS_CHINESE_ON = [0x1c, 0x26] as const;
/** A label rule at least this share of the label width is a section break worth a separator. */
const SEPARATOR_SHARE = 0.5;
/** Code set C pays off for a digit run this long: one switch symbol in, one back out unless at the end. */
const RUN_FOR_C = { inner: 6, atEnd: 4 };

type Text = Extract<LabelElement, { type: 'text' }>;
type Block = { kind: 'row'; y: number; size: number; items: Text[] } | { kind: 'element'; element: LabelElement };

/** Text sorted by y then x; texts sharing a line (the 收 mark and the name beside it) merge into one row. */
function blocks(layout: LabelLayout): Block[] {
  const sorted = [...layout.elements].sort((a, b) => a.y - b.y || a.x - b.x);
  const out: Block[] = [];
  for (const el of sorted) {
    const last = out[out.length - 1];
    if (el.type !== 'text') out.push({ kind: 'element', element: el });
    else if (last?.kind === 'row' && Math.abs(last.y - el.y) < Math.min(last.size, el.size) / 2) {
      last.items.push(el);
      last.size = Math.max(last.size, el.size);
    } else out.push({ kind: 'row', y: el.y, size: el.size, items: [el] });
  }
  return out;
}

/**
 * Epson's GS k m=73 data for `text`, after the `{B` node-thermal-printer puts in front: long digit
 * runs switch to code set C (`{C`, then one byte 0–99 per digit pair) and `{` is doubled, as the
 * Epson ESC/POS reference's GS k CODE128 table requires. All-B waybills of 15+ characters are
 * wider than 58 mm paper at the narrowest module. Returns the data and its symbol count.
 */
export function epsonCode128(text: string): { data: string; symbols: number } {
  assertCode128Text(text);
  const runs = text.match(/\d+|\D+/g) ?? [];
  let data = '';
  let symbols = 0;
  let inC = false;
  runs.forEach((run, i) => {
    const digits = /^\d/.test(run);
    if (digits && run.length >= (i === runs.length - 1 ? RUN_FOR_C.atEnd : RUN_FOR_C.inner)) {
      let rest = run;
      if (rest.length % 2 === 1) {
        data += (inC ? '{B' : '') + rest.charAt(0);
        symbols += inC ? 2 : 1;
        inC = false;
        rest = rest.slice(1);
      }
      if (!inC) {
        data += '{C';
        symbols += 1;
        inC = true;
      }
      for (let p = 0; p < rest.length; p += 2) data += String.fromCharCode(Number(rest.slice(p, p + 2)));
      symbols += rest.length / 2;
      return;
    }
    if (inC) {
      data += '{B';
      symbols += 1;
      inC = false;
    }
    data += run.replaceAll('{', '{{');
    symbols += run.length;
  });
  return { data, symbols };
}

/** Horizontal rules across the label; the frame, boxes, short ticks and vertical rules have no place on a slip. */
function isSeparator(el: LabelElement, paper: Paper): boolean {
  return el.type === 'line' && el.width >= el.height && el.width >= SEPARATOR_SHARE * paper.labelWidthMm;
}

interface Paper {
  columns: number;
  printableDots: number;
  dpmm: number;
  labelWidthMm: number;
}

function printRow(printer: ThermalPrinter, row: Extract<Block, { kind: 'row' }>, paper: Paper): void {
  // Sizes a glyph half again the printer's own 24 dots print double; a slip has no room for more.
  const magnify = row.size * paper.dpmm >= 1.5 * GLYPH_DOTS ? 2 : 1;
  const bold = row.items.some((t) => t.bold === true);
  const text = toGbkSafe(row.items.map((t) => t.text).join(' '));
  if (magnify === 2) printer.setTextSize(1, 1);
  if (bold) printer.bold(true);
  // wrapText measures a Chinese character as 1 and ASCII as 0.55: two and one columns, conservatively.
  for (const line of wrapText(text, 1, paper.columns / magnify / 2)) printer.add(gbkBytes(`${line}\n`));
  if (bold) printer.bold(false);
  if (magnify === 2) printer.setTextSize(0, 0);
}

function printBarcode(printer: ThermalPrinter, el: Extract<LabelElement, { type: 'code128' }>, paper: Paper): void {
  const { data, symbols } = epsonCode128(el.text);
  const modules = 11 * symbols + 35;
  let width = Math.min(MAX_MODULE, Math.max(MIN_MODULE, Math.round(el.moduleWidth * paper.dpmm)));
  while (width > MIN_MODULE && modules * width > paper.printableDots) width -= 1;
  if (modules * width > paper.printableDots) {
    // Too long for the paper even at the narrowest module GS w takes (long JD child waybills on
    // 58 mm): a QR carries it instead, with the number in large readable type under it.
    printQr(printer, { type: 'qr', x: el.x, y: el.y, size: el.height, text: el.text }, paper);
    printer.alignCenter();
    printer.setTextSize(1, 1);
    for (const line of wrapText(el.text, 1, paper.columns / 2 / 2)) printer.add(gbkBytes(`${line}\n`));
    printer.setTextSize(0, 0);
    printer.alignLeft();
    return;
  }
  printer.alignCenter();
  // printBarcode(…, 73) emits the same GS H/f/w/h + GS k 73 n {B … as code128(), whose typings
  // (width: "SMALL"|…) do not match the numeric width the code reads.
  printer.printBarcode(data, 73, {
    hriPos: el.showText ? 2 : 0,
    hriFont: 0,
    width,
    height: Math.min(MAX_BAR_HEIGHT, Math.max(1, Math.round(el.height * paper.dpmm))),
  });
  printer.newLine();
  printer.alignLeft();
}

function printQr(printer: ThermalPrinter, el: Extract<LabelElement, { type: 'qr' }>, paper: Paper): void {
  const widest = Math.max(1, Math.floor(paper.printableDots / qrModules(el.text)));
  const cell = Math.min(qrCellDots(el.text, el.size, paper.dpmm, MAX_QR_CELL), widest);
  printer.alignCenter();
  // eslint-disable-next-line no-control-regex -- the printer's QR command takes 7-bit ASCII only, control bytes included
  if (/^[\x00-\x7f]*$/.test(el.text)) printer.printQR(el.text, { cellSize: cell, correction: 'M', model: 2 });
  else {
    // printQR sizes the store command by UTF-16 length but sends UTF-8 bytes, which cuts Chinese
    // payloads short; the same GS ( k sequence (model 2, cell, level M, store, print) with the byte count.
    const payload = Buffer.from(el.text, 'utf8');
    const n = payload.length + 3;
    printer.add(
      Buffer.concat([
        Buffer.from([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]),
        Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, cell]),
        Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]),
        Buffer.from([0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30]),
        payload,
        Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]),
      ]),
    );
  }
  printer.newLine();
  printer.alignLeft();
}

export function escposSlip(layout: LabelLayout, options: EncodeOptions): Uint8Array {
  const dpmm = dotsPerMm(options.dpi);
  const printableDots = Math.round(PRINTABLE_MM[options.paperWidthMm ?? 80] * dpmm);
  const paper: Paper = {
    columns: Math.floor(printableDots / FONT_A_DOTS),
    printableDots,
    dpmm,
    labelWidthMm: layout.widthMm,
  };
  const memory = { execute: async (buffer: Buffer) => buffer, isPrinterConnected: async () => false };
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    // The typings say string; an object with execute/isPrinterConnected is accepted (hardware.md C.5).
    interface: memory as unknown as string,
    // No characterSet: the constructor would append ESC R, and text never goes through its code pages.
    breakLine: BreakLine.NONE,
    width: paper.columns,
  });
  // ESC @ (initHardware() would append the same but is missing from the package's typings), then
  // Chinese mode for the whole job.
  printer.setBuffer(Buffer.alloc(0));
  printer.add(Buffer.from([0x1b, 0x40, ...FS_CHINESE_ON]));

  // Starts true so the slip never opens with a separator, and two rules in a row print one.
  let separated = true;
  for (const block of blocks(layout)) {
    const el = block.kind === 'element' ? block.element : null;
    if (block.kind === 'row') printRow(printer, block, paper);
    else if (el?.type === 'code128') printBarcode(printer, el, paper);
    else if (el?.type === 'qr') printQr(printer, el, paper);
    else if (el !== null && isSeparator(el, paper) && !separated) printer.drawLine();
    else continue;
    separated = el?.type === 'line';
  }
  printer.cut();
  const slip = printer.getBuffer();
  const copies = Math.max(1, Math.floor(options.copies));
  return Uint8Array.from(Buffer.concat(Array.from({ length: copies }, () => slip)));
}

export const escposEncoder: LabelEncoder = { language: 'escpos', encode: escposSlip };
