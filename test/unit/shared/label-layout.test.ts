import { describe, expect, it } from 'vitest';
import { LABEL_SIZES, type LabelElement, type LabelLayout, type LabelModel } from '../../../src/contract/label.js';
import { estimateTextWidth, fitText, layoutLabel, wrapText } from '../../../src/domain/label/layout.js';
import { labelModel } from '../../helpers/label.js';

const LONG_ADDRESS =
  '广西壮族自治区 南宁市 青秀区 民族大道**号东盟国际商务区金湖广场B座**楼**室' +
  '(工作日送公司前台，前台下班后请放一楼大堂丰巢快递柜；周末请送到滨江壹号小区东门快递柜，电话联系不上请发短信)';
const LONG_ITEMS = Array.from({ length: 14 }, (_, i) => `阳光玫瑰葡萄 2kg 礼盒装 第${i + 1}款×2`).join(' / ');
const long = labelModel({
  recipient: { name: '司马**', phone: '199****0001', address: LONG_ADDRESS },
  itemSummary: LONG_ITEMS,
  remark: '送人的，不要放价格单；包装结实一点；周末不在家请放快递柜，谢谢！'.repeat(3),
  waybill: 'JDV0006969983324',
  carrier: { code: 'JD', name: '京东物流' },
  reprint: true,
});

const texts = (layout: LabelLayout): Extract<LabelElement, { type: 'text' }>[] =>
  layout.elements.filter((e): e is Extract<LabelElement, { type: 'text' }> => e.type === 'text');

/** Bounds recomputed here rather than through the layout's helper, with text measured by the shared estimate. */
function outOfBounds(layout: LabelLayout): LabelElement[] {
  return layout.elements.filter((e) => {
    let width: number;
    let height: number;
    if (e.type === 'text') [width, height] = [estimateTextWidth(e.text, e.size), e.size];
    else if (e.type === 'code128') [width, height] = [(11 * e.text.length + 35) * e.moduleWidth, e.height];
    else if (e.type === 'qr') [width, height] = [e.size, e.size];
    else [width, height] = [e.width, e.height];
    const tol = 1e-6;
    return e.x < -tol || e.y < -tol || e.x + width > layout.widthMm + tol || e.y + height > layout.heightMm + tol;
  });
}

describe('text measure', () => {
  it('counts CJK at the font size and ASCII at 0.55 of it', () => {
    expect(estimateTextWidth('中', 4)).toBe(4);
    expect(estimateTextWidth('ab', 10)).toBeCloseTo(11, 9);
    expect(estimateTextWidth('收件138', 2)).toBeCloseTo(2 * 2 + 3 * 1.1, 9);
  });

  it('wraps CJK by glyph and keeps ASCII words whole', () => {
    expect(wrapText('收件人地址很长', 4, 12)).toEqual(['收件人', '地址很', '长']);
    expect(wrapText('hello world', 10, 33)).toEqual(['hello', 'world']);
    expect(wrapText('科技路88号 3栋', 4, 17)).toEqual(['科技路88', '号 3栋']);
    expect(wrapText('SF3705210416933', 2, 10)).toEqual(['SF3705210', '416933']);
    expect(wrapText('第一行\n第二行', 3, 100)).toEqual(['第一行', '第二行']);
  });

  it('truncates with … on the last allowed line', () => {
    expect(fitText('一二三四五六七八九', 2, 6, 2)).toEqual(['一二三', '四五…']);
    expect(fitText('一二三', 2, 6, 2)).toEqual(['一二三']);
  });
});

describe('label layout', () => {
  for (const size of LABEL_SIZES) {
    const name = `${size.widthMm}×${size.heightMm}`;

    it(`${name}: keeps every element inside the label, also with long text and a reprint`, () => {
      for (const m of [labelModel(), long, labelModel({ reprint: true, remark: '请尽快发货' })]) {
        const layout = layoutLabel(m, size);
        expect([layout.widthMm, layout.heightMm]).toEqual([size.widthMm, size.heightMm]);
        expect(outOfBounds(layout)).toEqual([]);
        for (const t of texts(layout))
          expect(estimateTextWidth(t.text, t.size)).toBeLessThanOrEqual((t.maxWidth ?? 0) + 1e-6);
      }
    });

    it(`${name}: never overlaps text, barcode and QR`, () => {
      for (const m of [labelModel(), long]) {
        const boxes = layoutLabel(m, size)
          .elements.filter((e) => e.type === 'text' || e.type === 'code128' || e.type === 'qr')
          .map((e) => {
            if (e.type === 'text')
              return { x: e.x, y: e.y, w: estimateTextWidth(e.text, e.size), h: e.size, what: e.text };
            if (e.type === 'code128')
              return { x: e.x, y: e.y, w: (11 * e.text.length + 35) * e.moduleWidth, h: e.height, what: 'bars' };
            if (e.type === 'qr') return { x: e.x, y: e.y, w: e.size, h: e.size, what: 'qr' };
            throw new Error('filtered');
          });
        const clashes: string[] = [];
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b) => {
            if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
              clashes.push(`${a.what} × ${b.what}`);
          }),
        );
        expect(clashes).toEqual([]);
      }
    });

    it(`${name}: prints the waybill as a Code 128 that fits a 16-character waybill, and a corner QR`, () => {
      const layout = layoutLabel(long, size);
      const bars = layout.elements.filter((e) => e.type === 'code128');
      expect(bars).toHaveLength(1);
      const bar = bars[0];
      if (bar?.type !== 'code128') throw new Error('no barcode');
      expect([bar.text, bar.showText]).toEqual(['JDV0006969983324', true]);
      expect(bar.moduleWidth).toBe(size.widthMm === 100 ? 0.375 : 0.25);
      const width = (11 * 16 + 35) * bar.moduleWidth;
      expect(bar.x).toBeGreaterThanOrEqual(10 * bar.moduleWidth);
      expect(bar.x + width).toBeLessThanOrEqual(size.widthMm - 10 * bar.moduleWidth);
      expect(bar.height).toBeGreaterThanOrEqual(10);

      const qr = layout.elements.find((e) => e.type === 'qr');
      if (qr?.type !== 'qr') throw new Error('no qr');
      expect(qr.text).toBe('JDV0006969983324');
      expect(qr.x + qr.size).toBeGreaterThan(size.widthMm - 6);
      expect(qr.y + qr.size).toBeGreaterThan(size.heightMm - 6);
    });

    it(`${name}: shows the reprint mark only on reprints`, () => {
      const marked = (m: LabelModel): boolean =>
        texts(layoutLabel(m, size)).some((t) => t.text === '补打 REPRINT' && t.bold === true);
      expect(marked(labelModel({ reprint: true }))).toBe(true);
      expect(marked(labelModel())).toBe(false);
      expect(layoutLabel(labelModel({ reprint: true }), size).elements.filter((e) => e.type === 'box')).toHaveLength(2);
    });

    it(`${name}: wraps long addresses and truncates long item lists to three lines`, () => {
      const layout = layoutLabel(long, size);
      const all = texts(layout).map((t) => t.text);
      const first = texts(layout).find((t) => t.text.startsWith('广西'));
      const addressLines = texts(layout).filter((t) => t.x === first?.x && t.size === first.size);
      expect(addressLines.length).toBe(4);
      expect(addressLines[3]?.text.endsWith('…')).toBe(true);
      const shown = addressLines
        .map((t) => t.text)
        .join('')
        .replace(/…$/, '')
        .replaceAll(' ', '');
      expect(LONG_ADDRESS.replaceAll(' ', '').startsWith(shown)).toBe(true);
      expect(shown.length).toBeGreaterThan(30);
      const itemStart = all.findIndex((t) => t.startsWith('内件 '));
      const itemLines = all.slice(itemStart, itemStart + 3);
      expect(itemLines[2]?.endsWith('…')).toBe(true);
      expect(all[itemStart + 3]?.startsWith('重量 ')).toBe(true);
      expect(all.filter((t) => t.startsWith('内件') || itemLines.includes(t))).toHaveLength(3);

      const plain = texts(layoutLabel(labelModel(), size)).map((t) => t.text);
      expect(plain).toContain('浙江省 杭州市 西湖区 科技路**号');
      expect(plain).toContain('内件 蓝牙耳机×2 / 数据线×1');
      expect(plain).toContain('重量 1.25kg  共3件');
      expect(plain).toContain('包装 CARTON5-BUBBLE  包裹 1');
      expect(plain).toContain('订单号 3745124478100531307');
      expect(plain).toContain('欧阳** 138****1234');
      expect(plain).toContain('顺丰速运');
      expect(plain).toContain('打印 2026-11-25 10:00');
      expect(plain).toContain('工位 一号工位  打包员 张伟(P01)');
    });
  }

  it('sets the 76 mm label in smaller type than the 100 mm one', () => {
    const sizeOf = (w: number, h: number): number =>
      texts(layoutLabel(labelModel(), { widthMm: w, heightMm: h })).find((t) => t.text === '欧阳** 138****1234')
        ?.size ?? 0;
    expect(sizeOf(76, 130)).toBeGreaterThan(2);
    expect(sizeOf(76, 130)).toBeLessThan(sizeOf(100, 150));
  });

  it('is deterministic', () => {
    for (const size of LABEL_SIZES) expect(layoutLabel(long, size)).toEqual(layoutLabel(long, size));
  });

  it('keeps a label too small for everything inside its edges', () => {
    const tiny = layoutLabel(long, { widthMm: 50, heightMm: 40 });
    expect(outOfBounds(tiny)).toEqual([]);
    expect(tiny.elements.some((e) => e.type === 'code128')).toBe(true);
  });
});
