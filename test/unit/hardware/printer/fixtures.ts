// Shared by the printer tests: a shipping-label model, encode options, and byte helpers.
import type { LabelLayout, LabelModel } from '../../../../src/contract/label.js';
import type { EncodeOptions } from '../../../../src/hardware/printer/types.js';
import { labelModel as baseLabel } from '../../../helpers/label.js';

/** A reprint with quotes and ZPL control characters in it, to exercise escaping in every encoder. */
export function labelModel(overrides: Partial<LabelModel> = {}): LabelModel {
  return baseLabel({
    recipient: { name: '欧阳**', phone: '138****1234', address: '浙江省 杭州市 西湖区 科技路**号 "东门"' },
    reprint: true,
    remark: '易碎 ^handle~ with care_',
    ...overrides,
  });
}

export function options(overrides: Partial<EncodeOptions> = {}): EncodeOptions {
  return {
    dpi: 203,
    offsetXmm: 0,
    offsetYmm: 0,
    density: 10,
    media: { kind: 'gap', sizeMm: 2, offsetMm: 0 },
    copies: 1,
    ...overrides,
  };
}

/** A hand-made 100×180 label laid out so every position is a whole number of dots at 203 dpi. */
export const handLabel: LabelLayout = {
  widthMm: 100,
  heightMm: 180,
  elements: [
    { type: 'text', x: 5, y: 5, size: 6, text: '顺丰速运', bold: true },
    { type: 'code128', x: 5, y: 17.5, height: 15, moduleWidth: 0.375, text: 'SF1234567890123', showText: true },
    { type: 'qr', x: 75, y: 5, size: 25, text: 'SF1234567890123' },
    { type: 'line', x: 5, y: 40, width: 90, height: 0.5 },
    { type: 'box', x: 2, y: 2, width: 96, height: 176, thickness: 0.5 },
  ],
};

export const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** Index of `needle` in `hay`, or -1. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  return Buffer.from(hay).indexOf(Buffer.from(needle), from);
}

/** Bytes as text, one char per byte, so ASCII commands read normally around GBK/GB2312 content. */
export const latin1 = (data: Uint8Array): string => Buffer.from(data).toString('latin1');
