import { describe, expect, it } from 'vitest';
import {
  code128FieldData,
  createZplEncoder,
  fieldData,
  zplCommands,
} from '../../../../src/hardware/printer/encoders/zpl.js';
import { createCanvasRasterizer } from '../../../../src/hardware/printer/raster.js';
import type { Bitmap, TextRasterizer } from '../../../../src/hardware/printer/types.js';
import type { LabelLayout } from '../../../../src/contract/label.js';
import { handLabel, options } from './fixtures.js';

/** A rasterizer with a fixed 10×2 bitmap, so the ^GFA field can be checked to the byte. */
const fixed: TextRasterizer & { calls: { text: string; height: number; maxWidthDots: number | undefined }[] } = {
  calls: [],
  render(text, heightDots, opts): Bitmap {
    this.calls.push({ text, height: heightDots, maxWidthDots: opts?.maxWidthDots });
    return { width: 10, height: 2, bytesPerRow: 2, data: Uint8Array.of(0xff, 0xc0, 0x80, 0x40) };
  },
};

describe('ZPL encoder', () => {
  it('frames a hand-made label with ^XA … ^XZ, UTF-8, page size, home, darkness and quantity', () => {
    expect(zplCommands(handLabel, options(), fixed)).toEqual([
      '^XA',
      '~SD20',
      '^CI28',
      '^PW800',
      '^LL1440',
      '^LH0,0',
      '^FO40,40^GFA,4,4,2,FFC08040^FS',
      '^BY3,3,120^FO40,140^BCN,120,Y,N,N^FDSF1234567890123^FS',
      // ^BQ starts the ^BY height below its ^FO: height 10, origin lifted by 10.
      '^BY2,3,10^FO600,30^BQN,2,8^FDMA,SF1234567890123^FS',
      '^FO40,320^GB720,4,4^FS',
      '^FO16,16^GB768,1408,4^FS',
      '^PQ1',
      '^XZ',
    ]);
  });

  it('asks the rasterizer for Chinese at the glyph height, limited to the room left on the label', () => {
    fixed.calls.length = 0;
    zplCommands(handLabel, options(), fixed);
    expect(fixed.calls).toEqual([{ text: '顺丰速运', height: 48, maxWidthDots: 760 }]);
  });

  it('turns real Chinese text into ^GFA whose total is bytesPerRow × rows and whose hex is twice as long', () => {
    const out = new TextDecoder().decode(createZplEncoder(createCanvasRasterizer()).encode(handLabel, options()));
    const m = /\^FO40,40\^GFA,(\d+),(\d+),(\d+),([0-9A-F]+)\^FS/.exec(out);
    expect(m).not.toBeNull();
    const [total, again, perRow, hex] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3]), m?.[4] ?? ''];
    expect(again).toBe(total);
    expect(total).toBe(perRow * 48);
    expect(hex).toHaveLength(2 * total);
    expect(/[1-9A-F]/.test(hex)).toBe(true);
  });

  it('sends ASCII text in scalable font 0 at the glyph height', () => {
    const layout: LabelLayout = {
      widthMm: 100,
      heightMm: 150,
      elements: [{ type: 'text', x: 5, y: 10, size: 4, text: 'SF1234' }],
    };
    expect(zplCommands(layout, options(), fixed)[6]).toBe('^FO40,80^A0N,32,32^FDSF1234^FS');
  });

  it('writes only ASCII bytes, Chinese included', () => {
    const out = createZplEncoder(createCanvasRasterizer()).encode(handLabel, options());
    expect(out.every((b) => b < 0x80)).toBe(true);
    expect(new TextDecoder().decode(out).endsWith('^PQ1\n^XZ\n')).toBe(true);
  });

  it('maps density to ~SD darkness 00–30 and copies to ^PQ', () => {
    const cmds = zplCommands(handLabel, options({ density: 4, copies: 2 }), fixed);
    expect(cmds[1]).toBe('~SD08');
    expect(cmds).toContain('^PQ2');
    expect(zplCommands(handLabel, options({ density: 20 }), fixed)[1]).toBe('~SD30');
  });

  it('puts positive offsets in ^LH and subtracts negative ones from ^FO', () => {
    expect(zplCommands(handLabel, options({ offsetXmm: 1.5, offsetYmm: 2 }), fixed)).toContain('^LH12,16');
    const back = zplCommands(handLabel, options({ offsetXmm: -1, offsetYmm: 0 }), fixed);
    expect(back).toContain('^LH0,0');
    expect(back).toContain('^BY3,3,120^FO32,140^BCN,120,Y,N,N^FDSF1234567890123^FS');
  });

  it('scales to 300 dpi', () => {
    const cmds = zplCommands(handLabel, options({ dpi: 300 }), fixed);
    expect(cmds.slice(3, 5)).toEqual(['^PW1181', '^LL2126']);
    expect(cmds).toContain('^BY4,3,177^FO102,207^BCN,177,Y,N,N^FDSF1234567890123^FS');
    expect(cmds).toContain('^BY2,3,10^FO886,49^BQN,2,10^FDMA,SF1234567890123^FS');
  });

  it('draws a vertical rule with a border as thick as its width, so the box stays that narrow', () => {
    const layout: LabelLayout = {
      widthMm: 100,
      heightMm: 150,
      elements: [
        { type: 'line', x: 10, y: 10, width: 0.25, height: 20 },
        { type: 'code128', x: 10, y: 40, height: 10, moduleWidth: 0.25, text: 'A1', showText: false },
      ],
    };
    expect(zplCommands(layout, options(), fixed).slice(6, 8)).toEqual([
      '^FO80,80^GB2,160,2^FS',
      '^BY2,3,80^FO80,320^BCN,80,N,N,N^FDA1^FS',
    ]);
  });
});

describe('ZPL field data', () => {
  it('passes plain ASCII through', () => {
    expect(fieldData('Order 42_A')).toBe('^FDOrder 42_A');
  });

  it('hex-escapes ^, ~, _ and non-ASCII through ^FH once any of ^ ~ or non-ASCII appears', () => {
    expect(fieldData('50% ^off~_')).toBe('^FH_^FD50% _5Eoff_7E_5F');
    expect(fieldData('QA,顺')).toBe('^FH_^FDQA,_E9_A1_BA');
  });

  it('writes >, ^ and ~ in Code 128 data as the invocation codes >0, >< and >=', () => {
    expect(code128FieldData('A>B^C~D')).toBe('^FDA>0B><C>=D');
  });
});
