// The test label a packer prints when setting a printer up. Millimetre rulers along the top and
// left edges show how far the print sits from the label's edges (the offsets to enter), the frame
// 10 mm in shows skew and scale, the barcode and QR show whether darkness lets them scan, and the
// text block shows the settings the label was printed with and that Chinese comes out.
import type { LabelElement, LabelLayout, LabelSize } from '../../contract/label.js';
import { code128Modules, elementBounds, estimateTextWidth, fitText } from '../../domain/label/layout.js';

export interface CalibrationInfo {
  printer: string;
  dpi: number;
  offsetXmm: number;
  offsetYmm: number;
  density: number;
}

export const CALIBRATION_BARCODE = 'PACKDESK-TEST';
export const CALIBRATION_TITLE = '打印测试 / Test print';

const TICK = 0.2;
const TICK_1 = 1.5;
const TICK_5 = 3;
const TICK_10 = 4.5;
/** Numbers sit beside the 10 mm tick, clear of the 1 mm ticks next to it. */
const NUMBER_SIZE = 2.2;
const NUMBER_GAP = 0.4;
const FRAME_INSET = 10;
const FRAME = 0.3;
const PAD = 3;
const TITLE_SIZE = 5;
const INFO_SIZE = 3;
const LINE_GAP = 1.4;
const BAR_HEIGHT = 10;
/** Room for the human-readable line the printer sets under the bars. */
const BAR_TEXT = 4;
/** 0.25 mm is 2 dots at 203 dpi and 3 at 300 dpi, the narrowest module most scanners read from a label. */
const MODULE = 0.25;
const QUIET_MODULES = 10;
const QR_SIZE = 20;
const EPS = 1e-9;

function tickLength(mm: number): number {
  return mm % 10 === 0 ? TICK_10 : mm % 5 === 0 ? TICK_5 : TICK_1;
}

function rulers(widthMm: number, heightMm: number): LabelElement[] {
  const els: LabelElement[] = [];
  const number = (x: number, y: number, mm: number): void => {
    els.push({ type: 'text', x, y, size: NUMBER_SIZE, text: String(mm) });
  };
  for (let mm = 0; mm <= widthMm + EPS; mm++) {
    const x = Math.min(Math.max(mm - TICK / 2, 0), widthMm - TICK);
    els.push({ type: 'line', x, y: 0, width: TICK, height: tickLength(mm) });
    if (mm > 0 && mm % 10 === 0) number(mm + NUMBER_GAP, TICK_1 + NUMBER_GAP, mm);
  }
  for (let mm = 0; mm <= heightMm + EPS; mm++) {
    const y = Math.min(Math.max(mm - TICK / 2, 0), heightMm - TICK);
    els.push({ type: 'line', x: 0, y, width: tickLength(mm), height: TICK });
    if (mm > 0 && mm % 10 === 0) number(TICK_1 + NUMBER_GAP, mm + NUMBER_GAP, mm);
  }
  return els;
}

const fmt = (n: number): string => String(Number(n.toFixed(2)));

export function calibrationLayout(size: LabelSize, info: CalibrationInfo): LabelLayout {
  const { widthMm, heightMm } = size;
  const els = rulers(widthMm, heightMm);
  els.push({
    type: 'box',
    x: FRAME_INSET,
    y: FRAME_INSET,
    width: widthMm - 2 * FRAME_INSET,
    height: heightMm - 2 * FRAME_INSET,
    thickness: FRAME,
  });

  const left = FRAME_INSET + PAD;
  const room = widthMm - 2 * left;
  let y = FRAME_INSET + PAD;
  const titleSize = Math.min(TITLE_SIZE, room / estimateTextWidth(CALIBRATION_TITLE, 1));
  els.push({ type: 'text', x: left, y, size: titleSize, text: CALIBRATION_TITLE, bold: true, maxWidth: room });
  y += titleSize * LINE_GAP + PAD / 2;

  const settings = [
    `打印机 ${info.printer}`,
    `${info.dpi} dpi  ${fmt(widthMm)}×${fmt(heightMm)} mm`,
    `偏移 X ${fmt(info.offsetXmm)} mm  Y ${fmt(info.offsetYmm)} mm`,
    `浓度 ${info.density}`,
  ];
  for (const line of settings) {
    const text = fitText(line, INFO_SIZE, room, 1)[0] ?? '';
    els.push({ type: 'text', x: left, y, size: INFO_SIZE, text, maxWidth: room });
    y += INFO_SIZE * LINE_GAP;
  }
  y += PAD;

  const modules = code128Modules(CALIBRATION_BARCODE);
  const moduleWidth =
    (modules + 2 * QUIET_MODULES) * MODULE <= room + EPS ? MODULE : room / (modules + 2 * QUIET_MODULES);
  const barWidth = modules * moduleWidth;
  els.push({
    type: 'code128',
    x: (widthMm - barWidth) / 2,
    y,
    height: BAR_HEIGHT,
    moduleWidth,
    text: CALIBRATION_BARCODE,
    showText: true,
  });
  y += BAR_HEIGHT + BAR_TEXT + PAD;

  const qr = Math.min(QR_SIZE, room, heightMm - FRAME_INSET - PAD - y);
  if (qr > 0) {
    const text = `${CALIBRATION_BARCODE} ${info.dpi}DPI ${fmt(widthMm)}X${fmt(heightMm)}MM`;
    els.push({ type: 'qr', x: (widthMm - qr) / 2, y, size: qr, text });
  }

  // A label too small for some part keeps what fits rather than printing off its edge.
  const inside = (el: LabelElement): boolean => {
    const b = elementBounds(el);
    return b.x >= -EPS && b.y >= -EPS && b.x + b.width <= widthMm + EPS && b.y + b.height <= heightMm + EPS;
  };
  return { widthMm, heightMm, elements: els.filter(inside) };
}
