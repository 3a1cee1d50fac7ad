import { describe, expect, it } from 'vitest';
import { textMultiplier, tsplCommands, tsplEncoder } from '../../../../src/hardware/printer/encoders/tspl.js';
import { dotGrid } from '../../../../src/hardware/printer/encoders/geometry.js';
import type { LabelLayout } from '../../../../src/contract/label.js';
import { bytes, handLabel, indexOf, latin1, options } from './fixtures.js';

const lines = (data: Uint8Array): string[] => latin1(data).split('\r\n');

describe('TSPL encoder', () => {
  it('writes the hardware.md C.1 shipping-label skeleton for a hand-made label', () => {
    const out = tsplEncoder.encode(handLabel, options());
    expect(lines(out)).toEqual([
      'SIZE 100 mm,180 mm',
      'GAP 2 mm,0 mm',
      'DIRECTION 1,0',
      'REFERENCE 0,0',
      'DENSITY 10',
      'CLS',
      `TEXT 40,40,"TSS24.BF2",0,2,2,"${latin1(bytes(0xcb, 0xb3, 0xb7, 0xe1, 0xcb, 0xd9, 0xd4, 0xcb))}"`,
      'BARCODE 40,140,"128",120,1,0,3,6,"SF1234567890123"',
      // 15 bytes need QR version 2 (25 modules) at level M: 25 mm = 200 dots → 8-dot cells.
      'QRCODE 600,40,M,8,A,0,"SF1234567890123"',
      'BAR 40,320,720,4',
      'BOX 16,16,784,1424,4',
      'PRINT 1,1',
      '',
    ]);
  });

  it('sends 顺丰速运 as GBK bytes CB B3 B7 E1 CB D9 D4 CB inside the TEXT quotes', () => {
    const out = tsplEncoder.encode(handLabel, options());
    const text = new TextEncoder().encode('TEXT 40,40,"TSS24.BF2",0,2,2,"');
    const at = indexOf(out, text);
    expect(at).toBeGreaterThan(0);
    expect([...out.subarray(at + text.length, at + text.length + 10)]).toEqual([
      0xcb, 0xb3, 0xb7, 0xe1, 0xcb, 0xd9, 0xd4, 0xcb, 0x22, 0x0d,
    ]);
  });

  it('ends every line with CR LF', () => {
    const out = latin1(tsplEncoder.encode(handLabel, options()));
    expect(out.endsWith('PRINT 1,1\r\n')).toBe(true);
    expect(
      out
        .split('\n')
        .slice(0, -1)
        .every((l) => l.endsWith('\r')),
    ).toBe(true);
  });

  it('picks GAP, BLINE or GAP 0,0 by media', () => {
    const media = (m: Parameters<typeof options>[0]): string | undefined => tsplCommands(handLabel, options(m))[1];
    expect(media({ media: { kind: 'gap', sizeMm: 3, offsetMm: 0.5 } })).toBe('GAP 3 mm,0.5 mm');
    expect(media({ media: { kind: 'bline', sizeMm: 4, offsetMm: 1.5 } })).toBe('BLINE 4 mm,1.5 mm');
    expect(media({ media: { kind: 'continuous', sizeMm: 0, offsetMm: 0 } })).toBe('GAP 0,0');
  });

  it('converts millimetres at 11.81 dots/mm for 300 dpi', () => {
    const cmds = tsplCommands(handLabel, options({ dpi: 300 }));
    expect(cmds[0]).toBe('SIZE 100 mm,180 mm');
    // 0.375 mm is 4.43 dots: 4-dot modules (never wider than planned), centred in the planned 886 dots.
    expect(cmds).toContain('BARCODE 102,207,"128",177,1,0,4,8,"SF1234567890123"');
    // 25 mm = 295 dots / 25 modules → 11, capped at TSPL's 10.
    expect(cmds).toContain('QRCODE 886,59,M,10,A,0,"SF1234567890123"');
    expect(cmds).toContain('BOX 24,24,1157,2102,6');
  });

  it('has 800×1440 dots for 100×180 mm at 203 dpi and 1181×2126 at 300 dpi', () => {
    expect(dotGrid(handLabel, options())).toMatchObject({ widthDots: 800, heightDots: 1440 });
    expect(dotGrid({ widthMm: 76, heightMm: 130 }, options())).toMatchObject({ widthDots: 608, heightDots: 1040 });
    expect(dotGrid(handLabel, options({ dpi: 300 }))).toMatchObject({ widthDots: 1181, heightDots: 2126 });
  });

  it('puts positive offsets in REFERENCE and subtracts negative ones from every coordinate', () => {
    const shifted = tsplCommands(handLabel, options({ offsetXmm: 1.5, offsetYmm: 2 }));
    expect(shifted).toContain('REFERENCE 12,16');
    expect(shifted).toContain('BAR 40,320,720,4');

    const back = tsplCommands(handLabel, options({ offsetXmm: -1, offsetYmm: -0.5 }));
    expect(back).toContain('REFERENCE 0,0');
    expect(back).toContain('BARCODE 32,136,"128",120,1,0,3,6,"SF1234567890123"');
    expect(back).toContain('BAR 32,316,720,4');
    expect(back).toContain('BOX 8,12,776,1420,4');
  });

  it('clamps density to 0–15 and prints the requested copies', () => {
    const cmds = tsplCommands(handLabel, options({ density: 22, copies: 3 }));
    expect(cmds).toContain('DENSITY 15');
    expect(cmds[cmds.length - 1]).toBe('PRINT 3,1');
  });

  it('escapes a double quote as \\["] and omits the readable line when showText is false', () => {
    const layout: LabelLayout = {
      widthMm: 100,
      heightMm: 150,
      elements: [
        { type: 'text', x: 1, y: 1, size: 3, text: 'say "hi"' },
        { type: 'code128', x: 1, y: 10, height: 10, moduleWidth: 0.25, text: 'A"B', showText: false },
      ],
    };
    expect(tsplCommands(layout, options()).slice(6, 8)).toEqual([
      'TEXT 8,8,"TSS24.BF2",0,1,1,"say \\["]hi\\["]"',
      'BARCODE 8,80,"128",80,0,0,2,4,"A\\["]B"',
    ]);
  });

  it('refuses Code 128 data that is not printable ASCII', () => {
    const layout: LabelLayout = {
      widthMm: 100,
      heightMm: 150,
      elements: [{ type: 'code128', x: 1, y: 1, height: 10, moduleWidth: 0.25, text: '顺丰', showText: true }],
    };
    expect(() => tsplEncoder.encode(layout, options())).toThrow('Code 128 data must be printable ASCII');
  });
});

describe('TSPL text multiplier', () => {
  it('takes the nearest multiple of the 24-dot font that stays within the 1.25 line pitch, the same on both axes', () => {
    expect(textMultiplier('顺丰', 24, 1000)).toBe(1);
    expect(textMultiplier('顺丰', 48, 1000)).toBe(2);
    expect(textMultiplier('顺丰', 40, 1000)).toBe(2);
    // 36 dots rounds to 2 × 24 = 48, taller than 36 × 1.25 = 45: stays at 1.
    expect(textMultiplier('顺丰', 36, 1000)).toBe(1);
    expect(textMultiplier('顺丰', 500, 10_000)).toBe(10);
  });

  it('has no multiplier for a line planned under the 24-dot font (1.25 × size < 24): it is rasterised', () => {
    expect(textMultiplier('顺丰', 12, 1000)).toBeNull();
    expect(textMultiplier('顺丰', 19, 1000)).toBeNull();
    expect(textMultiplier('顺丰', 20, 1000)).toBe(1);
  });

  it('steps one multiplier down when the real glyph widths pass the planned width, and gives up after that', () => {
    // 4 Chinese characters are 96 dots at ×1; ×3 = 288 does not fit 200, ×2 = 192 does.
    expect(textMultiplier('顺丰速运', 72, 200)).toBe(2);
    // ASCII is half width in TSS24.BF2: 10 characters are 120 dots at ×1, 240 at ×2.
    expect(textMultiplier('SF12345678', 48, 200)).toBe(1);
    expect(textMultiplier('顺丰速运', 96, 100)).toBeNull();
  });
});

describe('TSPL text the 24-dot font cannot set', () => {
  // A 76×130 info line: 2.4 mm is 19 dots at 203 dpi (under the font) and 28 at 300 dpi.
  const small: LabelLayout = {
    widthMm: 76,
    heightMm: 130,
    elements: [{ type: 'text', x: 3, y: 3, size: 2.4, text: '内件 蓝牙耳机×2', maxWidth: 50 }],
  };

  it('sends it as a BITMAP drawn at the planned 19 dots at 203 dpi, inside the planned width', () => {
    const [line = ''] = tsplCommands(small, options()).filter(
      (l) => !/^(SIZE|GAP|DIRECTION|REFERENCE|DENSITY|CLS|PRINT)/.test(l),
    );
    const m = /^BITMAP 24,24,(\d+),(\d+),0,<(\d+) bytes>$/.exec(line);
    expect(m).not.toBeNull();
    expect(Number(m?.[2])).toBe(19);
    expect(Number(m?.[1]) * 8).toBeLessThanOrEqual(400 + 7);
    expect(Number(m?.[3])).toBe(Number(m?.[1]) * 19);
  });

  it('sets it as TEXT ×1 on both axes at 300 dpi, never stretched 2:1', () => {
    expect(tsplCommands(small, options({ dpi: 300 }))).toContain('TEXT 35,35,"TSS24.BF2",0,1,1,"内件 蓝牙耳机×2"');
  });
});
