// Label acceptance: every label size × dpi × printer language, checked by tools that are not ours.
//
// What each check proves:
// - ZPL: zpl-renderer-js (zebrash, a third-party ZPL renderer that mimics printer firmware quirks
//   such as ^BQ starting the ^BY height below its ^FO) draws the bytes we would send; zxing-wasm
//   reads the waybill Code 128 and the QR back from those pixels, and every black dot lies inside
//   the box the layout planned for some element (so nothing runs off the label or over a neighbour).
// - TSPL: a strict reader written from the TSPL2 manual (test/helpers/tspl-grammar.ts) accepts
//   every command and argument, every string is GBK that round-trips, Code 128 and QR carry the
//   waybill, TEXT keeps x and y multipliers equal (no 2:1 stretch) and every TEXT, BITMAP, barcode,
//   bar and box fits both the label and the room the layout planned, measured with TSS24.BF2's
//   real glyph widths (24 dots per Chinese character × multiplier, 12 per ASCII).
// - ESC/POS: a strict reader written from the Epson reference (test/helpers/escpos-grammar.ts):
//   FS & before any Chinese, never ESC t (code page) or ESC R, only GBK text bytes, every printed
//   line, barcode and QR within 384 (58 mm) or 576 (80 mm) dots, and the Code 128 data decodes to
//   the waybill (or, when even 2-dot modules are too wide, a QR carries it with the number printed).
// - Preview: the screen's LabelSvg, drawn from the same layoutLabel result the encoders get, is
//   rasterised and zxing-wasm reads the same waybill from its Code 128 and QR.
// GBK-less characters (emoji, ®, ♥) sit in the receiver's name and address of every label.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { LABEL_SIZES, type LabelElement, type LabelLayout, type LabelModel } from '../../src/contract/label.js';
import { code128Modules, estimateTextWidth, layoutLabel } from '../../src/domain/label/layout.js';
import { encoderFor } from '../../src/hardware/printer/encoders/index.js';
import { dotGrid, qrModules } from '../../src/hardware/printer/encoders/geometry.js';
import { fontWidth } from '../../src/hardware/printer/encoders/tspl.js';
import { createCanvasRasterizer } from '../../src/hardware/printer/raster.js';
import type { EncodeOptions } from '../../src/hardware/printer/types.js';
import { LabelSvg } from '../../src/renderer/label/LabelSvg.js';
import { labelModel } from '../helpers/label.js';
import { decodeBarcodes, imageData, inkPixels, renderZpl } from '../helpers/label-images.js';
import { parseTspl, type TsplCommand } from '../helpers/tspl-grammar.js';
import { parseEscpos } from '../helpers/escpos-grammar.js';

const rasterizer = createCanvasRasterizer();
const DPIS = [203, 300] as const;
/** Rounding to whole dots, and antialiased edges in the renderer. */
const SLACK_DOTS = 2;

const options = (dpi: 203 | 300, paperWidthMm?: 58 | 80): EncodeOptions => ({
  dpi,
  offsetXmm: 0,
  offsetYmm: 0,
  density: 10,
  media: { kind: 'gap', sizeMm: 2, offsetMm: 0 },
  copies: 1,
  ...(paperWidthMm ? { paperWidthMm } : {}),
});

/** A 一联单 with everything: 三段码, 集包地, custom area, a reprint mark, and GBK-less characters. */
const full: LabelModel = labelModel({
  recipient: {
    name: '欧阳明😀',
    phone: '13712343840',
    address: '新疆维吾尔自治区乌鲁木齐市天山区解放南路88号金座®大厦12楼♥前台代收',
  },
  sender: { name: 'Packdesk 演示仓', phone: '021-5555-0100', address: '上海市浦东新区张江路100号3号库' },
  itemSummary: '蓝牙耳机×2 / 数据线×1 / 手机壳 iPhone 15 Pro Max×3 / 贴膜×3 / 充电头 65W×1',
  sortCode: '571-ZX 25-02',
  bagAddr: '杭州转运中心',
  customArea: '易碎品 轻拿轻放 ❤ 感谢惠顾 Packdesk®',
  reprint: true,
  remark: '请尽快发货，周末也可以送',
});
/** A long JD 子母单 child waybill and no sorting area: the barcode the 58 mm slip cannot fit as bars. */
const jdChild: LabelModel = labelModel({
  carrier: { code: 'JD', name: '京东物流' },
  waybill: 'JDVA00012345678-2-5-',
  recipient: { name: 'Mary Smith♥', phone: '13912345678', address: '北京市朝阳区建国路88号SOHO现代城A座1208室' },
});
const MODELS = [
  { name: '一联单 with 三段码', model: full, printedName: '欧阳明?' },
  { name: 'JD child waybill', model: jdChild, printedName: 'Mary Smith心' },
];

interface Box {
  x: number;
  y: number;
  right: number;
  bottom: number;
}

/** Where the layout lets an element put ink, in dots: text gets its planned width and 1.3 line heights (descenders). */
function plannedBox(el: LabelElement, dpmm: number): Box {
  const d = (mm: number): number => mm * dpmm;
  switch (el.type) {
    case 'text': {
      const width = el.maxWidth ?? estimateTextWidth(el.text, el.size);
      return { x: d(el.x), y: d(el.y), right: d(el.x + width), bottom: d(el.y + el.size * 1.3) };
    }
    case 'code128': {
      // The printer's readable line sits under the bars, in the room layout.ts leaves (≥ 3 mm × 1.25).
      const width = code128Modules(el.text) * el.moduleWidth;
      return { x: d(el.x), y: d(el.y), right: d(el.x + width), bottom: d(el.y + el.height + 4.5) };
    }
    case 'qr':
      return { x: d(el.x), y: d(el.y), right: d(el.x + el.size), bottom: d(el.y + el.size) };
    default:
      return { x: d(el.x), y: d(el.y), right: d(el.x + el.width), bottom: d(el.y + el.height) };
  }
}

/** Black dots outside every planned box (a few listed), and outside the label itself. */
function strayInk(
  image: { width: number; height: number },
  ink: { x: number; y: number }[],
  layout: LabelLayout,
  dpmm: number,
) {
  const boxes = layout.elements.map((el) => plannedBox(el, dpmm));
  const stray = ink.filter(
    (p) =>
      !boxes.some(
        (b) =>
          p.x >= b.x - SLACK_DOTS &&
          p.x <= b.right + SLACK_DOTS &&
          p.y >= b.y - SLACK_DOTS &&
          p.y <= b.bottom + SLACK_DOTS,
      ),
  );
  const offLabel = ink.filter((p) => p.x >= layout.widthMm * dpmm || p.y >= layout.heightMm * dpmm);
  return { stray: stray.length, sample: stray.slice(0, 5), offLabel: offLabel.length, image };
}

const texts = (layout: LabelLayout) =>
  layout.elements.filter((el): el is Extract<LabelElement, { type: 'text' }> => el.type === 'text');

describe.each(LABEL_SIZES.flatMap((size) => MODELS.map((m) => ({ ...m, size }))))(
  '$name at $size.widthMm×$size.heightMm mm',
  ({ model, printedName, size }) => {
    const layout = layoutLabel(model, size);

    it('lays out the 一联单 areas top-down: sorting code, 集包地, waybill barcode, receiver, sender, items, custom area', () => {
      const y = (match: (el: LabelElement) => boolean): number => layout.elements.find(match)?.y ?? -1;
      const barcode = y((el) => el.type === 'code128');
      const receiver = y((el) => el.type === 'text' && el.text === '收');
      const sender = y((el) => el.type === 'text' && el.text === '寄');
      const items = y((el) => el.type === 'text' && el.text.startsWith('内件'));
      expect(barcode).toBeLessThan(receiver);
      expect(receiver).toBeLessThan(sender);
      expect(sender).toBeLessThan(items);
      if (model.sortCode) {
        const sort = y((el) => el.type === 'text' && el.text === model.sortCode);
        const bag = y((el) => el.type === 'text' && el.text.startsWith('集包地'));
        expect(sort).toBeGreaterThan(0);
        expect(sort).toBeLessThan(bag);
        expect(bag).toBeLessThan(barcode);
        const custom = y((el) => el.type === 'text' && el.text.startsWith('易碎品'));
        expect(custom).toBeGreaterThan(items);
      } else expect(texts(layout).some((t) => t.text.startsWith('集包地'))).toBe(false);
    });

    describe.each(DPIS)('%i dpi', (dpi) => {
      const dpmm = dotGrid(layout, options(dpi)).dpmm;

      it('ZPL: the rendered label decodes to the waybill (Code 128 and QR) and every dot is where the layout put it', async () => {
        const zpl = new TextDecoder().decode(encoderFor('zpl', rasterizer).encode(layout, options(dpi)));
        const { widthDots, heightDots } = dotGrid(layout, options(dpi));
        const image = await renderZpl(zpl, widthDots, heightDots);
        const found = await decodeBarcodes(image);
        expect(found.filter((r) => r.format === 'Code128').map((r) => r.text)).toEqual([model.waybill]);
        expect(found.filter((r) => r.format === 'QRCode').map((r) => r.text)).toEqual([model.waybill]);
        const { stray, sample, offLabel } = strayInk(image, inkPixels(image), layout, dpmm);
        expect({ stray, sample, offLabel }).toEqual({ stray: 0, sample: [], offLabel: 0 });
      });

      it('TSPL: the bytes pass the command grammar, carry the waybill, and every element fits its planned room', () => {
        const cmds = parseTspl(encoderFor('tspl', rasterizer).encode(layout, options(dpi)));
        const g = dotGrid(layout, options(dpi));
        expect(cmds.slice(0, 6).map((c) => c.cmd)).toEqual(['SIZE', 'GAP', 'DIRECTION', 'REFERENCE', 'DENSITY', 'CLS']);
        expect(cmds.at(-1)?.cmd).toBe('PRINT');
        const drawn = cmds.slice(6, -1);
        expect(drawn).toHaveLength(layout.elements.length);
        const problems: string[] = [];
        drawn.forEach((c: TsplCommand, i) => {
          const el = layout.elements[i]!;
          const box = plannedBox(el, dpmm);
          let extent: Box;
          if (c.cmd === 'TEXT') {
            if (c.xMul !== c.yMul) problems.push(`stretched ${c.xMul}:${c.yMul} ${c.text}`);
            if (el.type !== 'text') throw new Error('TEXT for a non-text element');
            if (24 * c.yMul > g.dots(el.size) * 1.25 + 1) problems.push(`taller than planned: ${c.text}`);
            expect(c.text).not.toMatch(/[😀®♥❤]/u);
            extent = { x: c.x, y: c.y, right: c.x + fontWidth(c.text) * c.xMul, bottom: c.y + 24 * c.yMul };
          } else if (c.cmd === 'BITMAP') {
            extent = { x: c.x, y: c.y, right: c.x + inkWidth(c), bottom: c.y + c.height };
          } else if (c.cmd === 'BARCODE') {
            expect(c.text).toBe(model.waybill);
            extent = { x: c.x, y: c.y, right: c.x + code128Modules(c.text) * c.narrow, bottom: c.y + c.height };
          } else if (c.cmd === 'QRCODE') {
            expect(c.text).toBe(model.waybill);
            const side = c.cell * qrModules(c.text);
            extent = { x: c.x, y: c.y, right: c.x + side, bottom: c.y + side };
          } else if (c.cmd === 'BAR') extent = { x: c.x, y: c.y, right: c.x + c.width, bottom: c.y + c.height };
          else if (c.cmd === 'BOX') extent = { x: c.x, y: c.y, right: c.x2, bottom: c.y2 };
          else throw new Error(`unexpected ${c.cmd} among the drawing commands`);
          if (extent.right > g.widthDots || extent.bottom > g.heightDots) problems.push(`off the label: ${c.cmd}`);
          if (
            extent.x < box.x - SLACK_DOTS ||
            extent.right > box.right + SLACK_DOTS ||
            extent.bottom > box.bottom + SLACK_DOTS
          )
            problems.push(`${c.cmd} ${JSON.stringify(extent)} outside planned ${JSON.stringify(box)}`);
        });
        expect(problems).toEqual([]);
      });
    });

    describe.each([58, 80] as const)('ESC/POS on %i mm paper', (paper) => {
      it('passes the command grammar: FS & first, one code page, GBK only, everything within the paper', () => {
        const printable = paper === 58 ? 384 : 576;
        const slip = parseEscpos(encoderFor('escpos', rasterizer).encode(layout, options(203, paper)), printable);
        expect(slip.chineseModeAt).toBe(2);
        expect(slip.cuts).toBe(1);
        const waybillQr = slip.qrs.filter((q) => Buffer.from(q.data).toString('utf8') === model.waybill);
        for (const q of slip.qrs)
          expect(q.cell * qrModules(Buffer.from(q.data).toString('utf8'))).toBeLessThanOrEqual(printable);
        if (slip.barcodes.length === 1) expect(slip.barcodes[0]?.text).toBe(model.waybill);
        else {
          // Too long for bars on this paper: a second QR plus the number in readable type.
          expect(slip.barcodes).toEqual([]);
          expect(waybillQr).toHaveLength(2);
          expect(slip.lines.map((l) => l.text).join('')).toContain(model.waybill);
        }
        const printed = slip.lines.map((l) => l.text).join('');
        expect(printed).toContain(printedName);
        expect(printed).not.toMatch(/[😀®♥❤]/u);
      });
    });

    it('preview: the screen SVG from the same layout decodes to the waybill (Code 128 and QR)', async () => {
      const svg = renderToStaticMarkup(createElement(LabelSvg, { layout }));
      const image = await imageData(
        Buffer.from(svg.replace('<svg ', `<svg width="${size.widthMm}" height="${size.heightMm}" `)),
        12,
      );
      const found = await decodeBarcodes(image);
      expect(found.filter((r) => r.format === 'Code128').map((r) => r.text)).toEqual([model.waybill]);
      expect(found.filter((r) => r.format === 'QRCode').map((r) => r.text)).toEqual([model.waybill]);
    });
  },
);

/** Columns up to the last black dot; TSPL BITMAP bits are 1 = white. */
function inkWidth(c: Extract<TsplCommand, { cmd: 'BITMAP' }>): number {
  let last = -1;
  for (let y = 0; y < c.height; y++) {
    for (let xb = 0; xb < c.widthBytes; xb++) {
      const black = ~(c.data[y * c.widthBytes + xb] ?? 0xff) & 0xff;
      for (let bit = 0; bit < 8; bit++) if (black & (0x80 >> bit)) last = Math.max(last, xb * 8 + bit);
    }
  }
  return last + 1;
}
