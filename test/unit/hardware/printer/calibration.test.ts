import { describe, expect, it } from 'vitest';
import {
  CALIBRATION_BARCODE,
  CALIBRATION_TITLE,
  calibrationLayout,
} from '../../../../src/hardware/printer/calibration.js';
import { encoderFor } from '../../../../src/hardware/printer/encoders/index.js';
import { createCanvasRasterizer } from '../../../../src/hardware/printer/raster.js';
import { PRINTER_LANGUAGES } from '../../../../src/hardware/printer/types.js';
import { elementBounds } from '../../../../src/domain/label/layout.js';
import { LABEL_SIZES, type LabelElement, type LabelLayout } from '../../../../src/contract/label.js';
import { options } from './fixtures.js';

const info = { printer: 'Xprinter XP-470B', dpi: 203, offsetXmm: -0.5, offsetYmm: 1.25, density: 10 };
const big = calibrationLayout({ widthMm: 100, heightMm: 180 }, info);

const texts = (l: LabelLayout): Extract<LabelElement, { type: 'text' }>[] =>
  l.elements.filter((e): e is Extract<LabelElement, { type: 'text' }> => e.type === 'text');
const lines = (l: LabelLayout): Extract<LabelElement, { type: 'line' }>[] =>
  l.elements.filter((e): e is Extract<LabelElement, { type: 'line' }> => e.type === 'line');

describe('calibration label', () => {
  it.each(LABEL_SIZES)('keeps every element inside $widthMm×$heightMm mm', (size) => {
    const layout = calibrationLayout(size, info);
    for (const el of layout.elements) {
      const b = elementBounds(el);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(size.widthMm + 1e-9);
      expect(b.y + b.height).toBeLessThanOrEqual(size.heightMm + 1e-9);
    }
    expect(layout.elements.map((e) => e.type)).toEqual(expect.arrayContaining(['code128', 'qr', 'box']));
  });

  it('ticks every millimetre along the top, longer every 5 and 10', () => {
    const top = lines(big).filter((l) => l.y === 0 && l.width < l.height);
    expect(top).toHaveLength(101);
    expect(top.slice(0, 11).map((l) => l.height)).toEqual([4.5, 1.5, 1.5, 1.5, 1.5, 3, 1.5, 1.5, 1.5, 1.5, 4.5]);
    expect(top[37]).toEqual({ type: 'line', x: 36.9, y: 0, width: 0.2, height: 1.5 });
  });

  it('ticks every millimetre down the left edge', () => {
    const left = lines(big).filter((l) => l.x === 0 && l.width > l.height);
    expect(left).toHaveLength(181);
    expect(left[50]?.width).toBe(4.5);
    expect(left[180]).toEqual({ type: 'line', x: 0, y: 179.8, width: 4.5, height: 0.2 });
  });

  it('numbers the rulers every 10 mm, beside the tick', () => {
    const numbers = texts(big).filter((t) => /^\d+$/.test(t.text));
    const topNumbers = numbers.filter((t) => t.y < 5).map((t) => [t.text, Number(t.x.toFixed(1))]);
    expect(topNumbers).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90].map((mm) => [String(mm), mm + 0.4]));
    const leftNumbers = numbers.filter((t) => t.x < 5).map((t) => t.text);
    expect(leftNumbers).toEqual(Array.from({ length: 17 }, (_, i) => String((i + 1) * 10)));
  });

  it('draws the frame 10 mm in from every edge', () => {
    expect(big.elements).toContainEqual({ type: 'box', x: 10, y: 10, width: 80, height: 160, thickness: 0.3 });
  });

  it('centres the test barcode and the QR', () => {
    const bar = big.elements.find((e) => e.type === 'code128');
    const qr = big.elements.find((e) => e.type === 'qr');
    expect(bar).toMatchObject({
      text: CALIBRATION_BARCODE,
      moduleWidth: 0.25,
      showText: true,
      x: (100 - 178 * 0.25) / 2,
    });
    expect(qr).toMatchObject({ size: 20, x: 40, text: 'PACKDESK-TEST 203DPI 100X180MM' });
  });

  it('prints the title and the settings it was made with', () => {
    expect(
      texts(big)
        .filter((t) => !/^\d+$/.test(t.text))
        .map((t) => t.text),
    ).toEqual([
      CALIBRATION_TITLE,
      '打印机 Xprinter XP-470B',
      '203 dpi  100×180 mm',
      '偏移 X -0.5 mm  Y 1.25 mm',
      '浓度 10',
    ]);
  });

  it('encodes in every printer language: one TSPL command and one ZPL field per element, the title on the slip', () => {
    const encode = (language: (typeof PRINTER_LANGUAGES)[number]): Uint8Array =>
      encoderFor(language, createCanvasRasterizer()).encode(big, options());
    const tspl = Buffer.from(encode('tspl')).toString('latin1').split('\r\n');
    expect(tspl).toHaveLength(6 + big.elements.length + 2);
    const zpl = new TextDecoder().decode(encode('zpl'));
    expect(zpl.match(/\^FO/g)).toHaveLength(big.elements.length);
    // 打印测试 in GB2312.
    expect(
      Buffer.from(encode('escpos')).indexOf(Buffer.from([0xb4, 0xf2, 0xd3, 0xa1, 0xb2, 0xe2, 0xca, 0xd4])),
    ).toBeGreaterThan(0);
  });
});
