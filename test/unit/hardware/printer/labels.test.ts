// A real shipping label from layoutLabel, in every language, size and resolution: it encodes, and
// everything the printer is told to draw lands inside the label's dots.
import { describe, expect, it } from 'vitest';
import { encoderFor } from '../../../../src/hardware/printer/encoders/index.js';
import { tsplCommands } from '../../../../src/hardware/printer/encoders/tspl.js';
import { QR_BY_HEIGHT, zplCommands } from '../../../../src/hardware/printer/encoders/zpl.js';
import { dotGrid, qrModules } from '../../../../src/hardware/printer/encoders/geometry.js';
import { createCanvasRasterizer } from '../../../../src/hardware/printer/raster.js';
import { PRINTER_LANGUAGES } from '../../../../src/hardware/printer/types.js';
import { code128Modules, layoutLabel } from '../../../../src/domain/label/layout.js';
import { LABEL_SIZES, type LabelLayout } from '../../../../src/contract/label.js';
import { labelModel, options } from './fixtures.js';

const rasterizer = createCanvasRasterizer();
const DPIS = [203, 300] as const;
const cases = LABEL_SIZES.flatMap((size) =>
  DPIS.map((dpi) => ({ size, dpi, label: `${size.widthMm}×${size.heightMm} mm at ${dpi} dpi` })),
);

interface Extent {
  what: string;
  x: number;
  y: number;
  right: number;
  bottom: number;
}

const nums = (csv: string): number[] => csv.split(',').map(Number);

/** Every drawn thing's box in dots, read back from the TSPL commands. */
function tsplExtents(cmds: string[]): Extent[] {
  const out: Extent[] = [];
  for (const line of cmds) {
    const [cmd, rest = ''] = line.split(/ (.*)/s);
    const [x = 0, y = 0, a = 0, b = 0] = nums(rest.split(',"')[0] ?? '');
    if (cmd === 'BAR') out.push({ what: line, x, y, right: x + a, bottom: y + b });
    else if (cmd === 'BOX') out.push({ what: line, x, y, right: a, bottom: b });
    else if (cmd === 'TEXT') {
      const [, , , , xmul = 1, ymul = 1] = nums(rest.replace(/"[^"]*"/, '0').split(',"')[0] ?? '');
      const content = (/^(?:[^,]*,){6}"(.*)"$/s.exec(rest)?.[1] ?? '').replaceAll('\\["]', '"');
      // TSS24.BF2 sets ASCII at half the width of a Chinese character.
      const halfWidths = [...content].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2), 0);
      out.push({ what: line, x, y, right: x + 12 * xmul * halfWidths, bottom: y + 24 * ymul });
    } else if (cmd === 'BARCODE') {
      const [, , , height = 0, , , narrow = 0] = rest.split(',').map(Number);
      const data = /"([^"]*)"$/.exec(rest)?.[1] ?? '';
      out.push({ what: line, x, y, right: x + code128Modules(data) * narrow, bottom: y + height });
    } else if (cmd === 'QRCODE') {
      const cell = Number(rest.split(',')[3]);
      const side = cell * qrModules(/"([^"]*)"$/.exec(rest)?.[1] ?? '');
      out.push({ what: line, x, y, right: x + side, bottom: y + side });
    }
  }
  return out;
}

/** The same from the ZPL fields. */
function zplExtents(cmds: string[]): Extent[] {
  const out: Extent[] = [];
  for (const f of cmds) {
    const at = /\^FO(\d+),(\d+)/.exec(f);
    if (!at) continue;
    const x = Number(at[1]);
    const y = Number(at[2]);
    const gb = /\^GB(\d+),(\d+),/.exec(f);
    const gf = /\^GFA,(\d+),\d+,(\d+),/.exec(f);
    const font = /\^A0N,(\d+),\d+\^F[HD]/.exec(f);
    const qr = /\^BQN,2,(\d+)\^F[DH][^,]*,(.*)\^FS/.exec(f);
    const bc = qr ? null : /\^BY(\d+),3,(\d+).*\^FD(.*)\^FS/.exec(f);
    if (gb) out.push({ what: f, x, y, right: x + Number(gb[1]), bottom: y + Number(gb[2]) });
    else if (gf)
      out.push({ what: f, x, y, right: x + 8 * Number(gf[2]) - 7, bottom: y + Number(gf[1]) / Number(gf[2]) });
    else if (font) out.push({ what: f, x, y, right: x, bottom: y + Number(font[1]) });
    else if (bc)
      out.push({ what: f, x, y, right: x + Number(bc[1]) * code128Modules(bc[3] ?? ''), bottom: y + Number(bc[2]) });
    else if (qr) {
      // The symbol starts the ^BY height (QR_BY_HEIGHT) below ^FO.
      const top = y + QR_BY_HEIGHT;
      out.push({
        what: f,
        x,
        y: top,
        right: x + Number(qr[1]) * qrModules(qr[2] ?? ''),
        bottom: top + Number(qr[1]) * qrModules(qr[2] ?? ''),
      });
    } else throw new Error(`unexpected field ${f}`);
  }
  return out;
}

function outside(extents: Extent[], layout: LabelLayout, dpi: 203 | 300): string[] {
  const { widthDots, heightDots } = dotGrid(layout, options({ dpi }));
  return extents
    .filter((e) => e.x < 0 || e.y < 0 || e.right > widthDots || e.bottom > heightDots)
    .map((e) => `${e.what.slice(0, 80)} → ${e.right},${e.bottom} of ${widthDots}×${heightDots}`);
}

describe('a full label from layoutLabel', () => {
  describe.each(cases)('$label', ({ size, dpi }) => {
    const layout = layoutLabel(labelModel(), size);

    it.each(PRINTER_LANGUAGES)('encodes in %s', (language) => {
      const out = encoderFor(language, rasterizer).encode(layout, options({ dpi, paperWidthMm: 80 }));
      expect(out.length).toBeGreaterThan(500);
    });

    it('keeps every TSPL command inside the label', () => {
      const extents = tsplExtents(tsplCommands(layout, options({ dpi })));
      expect(extents.length).toBe(layout.elements.length);
      expect(outside(extents, layout, dpi)).toEqual([]);
    });

    it('keeps every ZPL field inside the label', () => {
      const extents = zplExtents(zplCommands(layout, options({ dpi }), rasterizer));
      expect(extents.length).toBe(layout.elements.length);
      expect(outside(extents, layout, dpi)).toEqual([]);
    });
  });

  it('also encodes the reprint-free, remark-free label on 58 mm paper', () => {
    const layout = layoutLabel(labelModel({ reprint: false, remark: '' }), { widthMm: 76, heightMm: 130 });
    const out = encoderFor('escpos', rasterizer).encode(layout, options({ paperWidthMm: 58 }));
    expect([...out.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
    expect([...out.subarray(out.length - 5)]).toEqual([0x1d, 0x56, 0x00, 0x1b, 0x40]);
  });
});

describe('encoderFor', () => {
  it('returns the encoder for each language', () => {
    expect(PRINTER_LANGUAGES.map((l) => encoderFor(l, rasterizer).language)).toEqual(['tspl', 'zpl', 'escpos']);
  });
});
