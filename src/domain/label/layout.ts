// Shipping label (电子面单) layout in millimetres. Printer encoders and the UI preview both draw this
// result and measure text with the same estimate, so the preview shows what the printer will print.
// Pure: no Node, DOM or Electron.
import type { LabelElement, LabelLayout, LabelModel, LabelSize } from '../../contract/label.js';

/** Advance of an ASCII glyph relative to the font size; CJK and every other glyph take the full size. */
const ASCII_ADVANCE = 0.55;
const LINE_GAP = 1.25;
const RULE = 0.3;
const FRAME = 0.4;
/** One printer dot at 203 dpi: module widths snap to whole dots so every bar prints at the same width. */
const DOT_MM = 0.125;
/** Waybill length the barcode width is planned for; longer waybills get thinner modules. */
const PLANNED_WAYBILL_CHARS = 16;
/** Code 128 wants ten modules of blank space on each side for scanners to find the symbol. */
const QUIET_MODULES = 10;
/** Font scales tried from large to small, in hundredths; the first one whose content fits wins. */
const MAX_SCALE = 115;
const MIN_SCALE = 60;
const SCALE_STEP = 5;
const EPS = 1e-9;

export const REPRINT_MARK = '补打 REPRINT';

export function estimateTextWidth(text: string, sizeMm: number): number {
  let advance = 0;
  for (const ch of text) advance += (ch.codePointAt(0) ?? 0) < 0x80 ? ASCII_ADVANCE : 1;
  return advance * sizeMm;
}

// ASCII runs stay whole so waybills, phone numbers and words only break when longer than a line.
const TOKEN = /[!-~]+|\s+|[^]/gu;

/** Greedy wrap by estimated width; honours '\n' and drops the spaces a line breaks at. */
export function wrapText(text: string, sizeMm: number, maxWidthMm: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0;
    const flush = (): void => {
      lines.push(line.trimEnd());
      line = '';
      width = 0;
    };
    for (const token of paragraph.match(TOKEN) ?? []) {
      const isSpace = token.trim() === '';
      if (isSpace && line === '') continue;
      const w = estimateTextWidth(token, sizeMm);
      if (width + w <= maxWidthMm + EPS) {
        line += token;
        width += w;
        continue;
      }
      if (line !== '') flush();
      if (isSpace) continue;
      if (w <= maxWidthMm + EPS) {
        line = token;
        width = w;
        continue;
      }
      for (const ch of token) {
        const cw = estimateTextWidth(ch, sizeMm);
        if (line !== '' && width + cw > maxWidthMm + EPS) flush();
        line += ch;
        width += cw;
      }
    }
    flush();
  }
  return lines;
}

/** wrapText capped at maxLines; the last kept line ends in … when text was cut. */
export function fitText(text: string, sizeMm: number, maxWidthMm: number, maxLines: number): string[] {
  const lines = wrapText(text, sizeMm, maxWidthMm);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  const chars = Array.from(kept[kept.length - 1] ?? '');
  while (chars.length > 0 && estimateTextWidth(chars.join('') + '…', sizeMm) > maxWidthMm + EPS) chars.pop();
  kept[kept.length - 1] = chars.join('').trimEnd() + '…';
  return kept;
}

/** Code 128 width in modules, assuming code set B: 11 per character plus start, check and stop (35). */
export function code128Modules(text: string): number {
  return 11 * Array.from(text).length + 35;
}

/** Bounding box of an element; text uses estimateTextWidth, barcodes their module count. */
export function elementBounds(el: LabelElement): { x: number; y: number; width: number; height: number } {
  switch (el.type) {
    case 'text':
      return { x: el.x, y: el.y, width: estimateTextWidth(el.text, el.size), height: el.size };
    case 'code128':
      return { x: el.x, y: el.y, width: code128Modules(el.text) * el.moduleWidth, height: el.height };
    case 'qr':
      return { x: el.x, y: el.y, width: el.size, height: el.size };
    default:
      return { x: el.x, y: el.y, width: el.width, height: el.height };
  }
}

interface Composed {
  elements: LabelElement[];
  /** Lowest point the content needs; the layout fits when this is inside the bottom margin. */
  bottom: number;
}

function compose(model: LabelModel, widthMm: number, heightMm: number, scale: number): Composed {
  const s = (mm: number): number => (mm * widthMm * scale) / 100;
  const margin = Math.max(1.5, widthMm / 50);
  const pad = s(1.5);
  const x0 = margin;
  const x1 = widthMm - margin;
  const els: LabelElement[] = [];

  const text = (x: number, y: number, size: number, t: string, maxWidth: number, bold = false): void => {
    const el: LabelElement = { type: 'text', x, y, size, text: t, maxWidth };
    els.push(bold ? { ...el, bold } : el);
  };
  /** Draws lines top-down and returns the height they take. */
  const block = (x: number, y: number, size: number, lines: string[], maxWidth: number, bold = false): number => {
    lines.forEach((line, i) => text(x, y + i * size * LINE_GAP, size, line, maxWidth, bold));
    return lines.length === 0 ? 0 : (lines.length - 1) * size * LINE_GAP + size;
  };
  const rule = (y: number): void => {
    els.push({ type: 'line', x: x0, y, width: x1 - x0, height: RULE });
  };

  els.push({ type: 'box', x: x0, y: margin, width: x1 - x0, height: heightMm - 2 * margin, thickness: FRAME });
  let y = margin;

  // Header band: carrier, and the boxed reprint mark a courier must see before anything else.
  const headSize = s(6);
  let nameRight = x1 - pad;
  if (model.reprint) {
    const markWidth = estimateTextWidth(REPRINT_MARK, headSize);
    const bp = s(0.8);
    const bx = x1 - pad - markWidth - 2 * bp;
    const markBox = { x: bx, y: y + pad - bp, width: markWidth + 2 * bp, height: headSize + 2 * bp };
    els.push({ type: 'box', ...markBox, thickness: 0.6 });
    text(bx + bp, y + pad, headSize, REPRINT_MARK, markWidth, true);
    nameRight = bx - pad;
  }
  const nameWidth = nameRight - x0 - pad;
  text(x0 + pad, y + pad, headSize, fitText(model.carrier.name, headSize, nameWidth, 1)[0] ?? '', nameWidth, true);
  y += headSize + 2 * pad;
  rule(y);

  // 一联单 sorting area: the carrier's 三段码 (大头笔) large enough to read from a sorting belt, and the
  // 集包地 under it. Only when the carrier supplied them; Packdesk never invents a sorting code.
  const sortCode = model.sortCode?.trim() ?? '';
  const bagAddr = model.bagAddr?.trim() ?? '';
  if (sortCode !== '' || bagAddr !== '') {
    const innerW = x1 - x0 - 2 * pad;
    y += pad;
    if (sortCode !== '') {
      const sortSize = s(9);
      y += block(x0 + pad, y, sortSize, fitText(sortCode, sortSize, innerW, 1), innerW, true) + s(1);
    }
    if (bagAddr !== '') {
      const bagSize = s(4.5);
      y += block(x0 + pad, y, bagSize, fitText(`集包地 ${bagAddr}`, bagSize, innerW, 1), innerW, true);
    }
    y += pad;
    rule(y);
  }

  // Waybill barcode: width is planned for the longest waybill so its size does not jump between parcels.
  y += pad;
  const planned = code128Modules('0'.repeat(Math.max(PLANNED_WAYBILL_CHARS, Array.from(model.waybill).length)));
  const raw = (x1 - x0) / (planned + 2 * QUIET_MODULES);
  const moduleWidth = raw >= DOT_MM ? Math.floor(raw / DOT_MM + EPS) * DOT_MM : raw;
  const barWidth = code128Modules(model.waybill) * moduleWidth;
  const barHeight = s(16);
  const barX = (widthMm - barWidth) / 2;
  els.push({ type: 'code128', x: barX, y, height: barHeight, moduleWidth, text: model.waybill, showText: true });
  // The printer sets the human-readable waybill under the bars; leave it room.
  y += barHeight + Math.max(s(3), 3) * LINE_GAP + pad;
  rule(y);

  // Recipient (收) and sender (寄): a marker column, a thin rule, then name/phone and the wrapped address.
  interface PartyStyle {
    mark: string;
    markSize: number;
    nameSize: number;
    addressSize: number;
    boldName: boolean;
    nameLines: number;
    addressLines: number;
  }
  const party = (p: LabelModel['recipient'], st: PartyStyle): void => {
    const top = y;
    const colX = x0 + 2 * pad + st.markSize;
    const colW = x1 - pad - colX;
    y += pad;
    text(x0 + pad, y, st.markSize, st.mark, st.markSize, true);
    const nameLines = fitText(`${p.name} ${p.phone}`, st.nameSize, colW, st.nameLines);
    y += block(colX, y, st.nameSize, nameLines, colW, st.boldName) + s(1);
    y += block(colX, y, st.addressSize, fitText(p.address, st.addressSize, colW, st.addressLines), colW);
    y = Math.max(y, top + pad + st.markSize) + pad;
    els.push({ type: 'line', x: colX - pad, y: top, width: RULE, height: y - top });
    rule(y);
  };
  party(model.recipient, {
    mark: '收',
    markSize: s(7),
    nameSize: s(4.5),
    addressSize: s(3.8),
    boldName: true,
    nameLines: 2,
    addressLines: 4,
  });
  party(model.sender, {
    mark: '寄',
    markSize: s(4.5),
    nameSize: s(3),
    addressSize: s(3),
    boldName: false,
    nameLines: 1,
    addressLines: 2,
  });

  // Order, contents and station facts on the left; the QR sits in the bottom-right corner.
  const qr = s(20);
  const small = s(3.2);
  const infoX = x0 + pad;
  const infoW = x1 - pad - qr - pad - infoX;
  const station = model.station.name || model.station.id;
  const rows: [string, number][] = [
    [`订单号 ${model.orderId}`, 2],
    [`内件 ${model.itemSummary}`, 3],
    [`重量 ${(model.weightG / 1000).toFixed(2)}kg  共${model.units}件`, 1],
    [`包装 ${model.packaging}  包裹 ${model.parcelNo}`, 2],
    [`工位 ${station}  打包员 ${model.packer.name}(${model.packer.id})`, 2],
    [`打印 ${model.dateText}`, 1],
  ];
  if (model.remark.trim() !== '') rows.push([`备注 ${model.remark.trim()}`, 2]);
  const infoTop = y + pad;
  y = infoTop;
  for (const [row, maxLines] of rows) {
    y += block(infoX, y, small, fitText(row, small, infoW, maxLines), infoW) + small * (LINE_GAP - 1);
  }
  // 自定义区: the merchant's own text under a short rule, beside the QR like the rows above it.
  const custom = model.customArea?.trim() ?? '';
  if (custom !== '') {
    els.push({ type: 'line', x: infoX, y, width: infoW, height: RULE });
    y += RULE + pad;
    y += block(infoX, y, small, fitText(custom, small, infoW, 3), infoW) + small * (LINE_GAP - 1);
  }
  const bottom = Math.max(y, infoTop + qr) + pad;
  els.push({ type: 'qr', x: x1 - pad - qr, y: heightMm - margin - pad - qr, size: qr, text: model.waybill });
  return { elements: els, bottom: bottom + margin };
}

function inside(el: LabelElement, size: LabelSize): boolean {
  const b = elementBounds(el);
  return b.x >= -EPS && b.y >= -EPS && b.x + b.width <= size.widthMm + EPS && b.y + b.height <= size.heightMm + EPS;
}

/**
 * Lays the label out at the largest font scale whose content fits the height. Every size in
 * LABEL_SIZES fits at scale 1 even with all text at its line caps; a label too small for the
 * smallest scale keeps only the elements that lie inside it rather than printing off the edge.
 */
export function layoutLabel(model: LabelModel, size: LabelSize): LabelLayout {
  const { widthMm, heightMm } = size;
  let composed: Composed | null = null;
  for (let scale = MAX_SCALE; scale >= MIN_SCALE; scale -= SCALE_STEP) {
    composed = compose(model, widthMm, heightMm, scale / 100);
    if (composed.bottom <= heightMm + EPS) return { widthMm, heightMm, elements: composed.elements };
  }
  const smallest = composed ?? compose(model, widthMm, heightMm, MIN_SCALE / 100);
  return { widthMm, heightMm, elements: smallest.elements.filter((el) => inside(el, size)) };
}
