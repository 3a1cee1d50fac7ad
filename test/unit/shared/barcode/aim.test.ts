import { describe, expect, it } from 'vitest';
import { normalizeScan, stripAim } from '../../../../src/domain/barcode/index.js';
import type { Symbology } from '../../../../src/domain/barcode/index.js';

const GS = '\x1D';
const GS1_TEXT = `01069012345678921726123110LOT7${GS}21SN001`;
const NOW = new Date(2026, 5, 15);

describe('stripAim', () => {
  it('splits off the three-character identifier', () => {
    expect(stripAim(']E06901234567892')).toEqual({ aim: ']E0', text: '6901234567892' });
    expect(stripAim(']d2010690123456789210LOT7')).toEqual({ aim: ']d2', text: '010690123456789210LOT7' });
    expect(stripAim(']Q1https://x.cn/a')).toEqual({ aim: ']Q1', text: 'https://x.cn/a' });
  });

  it('trims CR, LF, TAB and spaces around the data but keeps GS', () => {
    expect(stripAim('  ]C1' + GS1_TEXT + GS + '\r\n')).toEqual({ aim: ']C1', text: GS1_TEXT + GS });
    expect(stripAim('\tSKU-APP-0042\r')).toEqual({ aim: null, text: 'SKU-APP-0042' });
    expect(stripAim(GS + '0106901234567892\n')).toEqual({ aim: null, text: GS + '0106901234567892' });
  });

  it('leaves text without an identifier alone', () => {
    expect(stripAim('CMD-ACK')).toEqual({ aim: null, text: 'CMD-ACK' });
    expect(stripAim(']')).toEqual({ aim: null, text: ']' });
    expect(stripAim(']E')).toEqual({ aim: null, text: ']E' });
    expect(stripAim('')).toEqual({ aim: null, text: '' });
  });
});

describe('symbology from the AIM identifier', () => {
  const cases: Array<[string, string, Symbology]> = [
    [']E0', '6901234567892', 'ean13'],
    [']E0', '036000291452', 'upca'],
    [']E4', '96385074', 'ean8'],
    [']C0', 'SKU-APP-0042', 'code128'],
    [']C1', GS1_TEXT, 'gs1'],
    [']A0', 'CMD-ACK', 'code39'],
    [']I0', '10614141000415', 'itf'],
    [']I1', '10614141000415', 'itf'],
    [']Q1', 'https://shop.example.cn/p/42', 'qr'],
    [']Q2', 'SKU-APP-0042', 'qr'],
    [']Q3', GS1_TEXT, 'gs1'],
    [']Q4', GS1_TEXT, 'gs1'],
    [']Q5', 'SKU-APP-0042', 'qr'],
    [']Q6', 'SKU-APP-0042', 'qr'],
    [']d1', 'SKU-APP-0042', 'datamatrix'],
    [']d2', GS1_TEXT, 'gs1'],
    [']e0', GS1_TEXT, 'gs1'],
    [']X0', 'SKU-APP-0042', 'unknown'],
  ];

  for (const [aim, text, symbology] of cases) {
    it(`${aim} → ${symbology}`, () => {
      const scan = normalizeScan(aim + text, NOW);
      expect(scan.aim).toBe(aim);
      expect(scan.text).toBe(text);
      expect(scan.symbology).toBe(symbology);
    });
  }

  it('reads the payload of every FNC1-first identifier as GS1', () => {
    for (const aim of [']C1', ']d2', ']Q3', ']e0']) {
      const scan = normalizeScan(aim + GS1_TEXT, NOW);
      expect(scan.gs1).toEqual({
        ais: { '01': '06901234567892', '17': '261231', '10': 'LOT7', '21': 'SN001' },
        gtin: '06901234567892',
        batch: 'LOT7',
        expiry: '2026-12-31',
        serial: 'SN001',
      });
      expect(scan.gtin14).toBe('06901234567892');
      expect(scan.gs1Error).toBeNull();
    }
  });

  it('does not read a plain Code 128 or DataMatrix payload as GS1', () => {
    const code128 = normalizeScan(']C0' + '010690123456789210LOT7', NOW);
    expect(code128.gs1).toBeNull();
    expect(code128.gs1Error).toBeNull();
    expect(code128.gtin14).toBeNull();
    const dm = normalizeScan(']d1' + GS1_TEXT, NOW);
    expect(dm.symbology).toBe('datamatrix');
    expect(dm.gs1).toBeNull();
  });

  it('takes the GTIN from the main part of an ]E3 packet with an add-on', () => {
    const ean = normalizeScan(']E3' + '6901234567892' + '12', NOW);
    expect(ean.symbology).toBe('ean13');
    expect(ean.gtin14).toBe('06901234567892');
    expect(ean.checkDigitError).toBe(false);
    const upc = normalizeScan(']E3' + '036000291452' + '51234', NOW);
    expect(upc.symbology).toBe('upca');
    expect(upc.gtin14).toBe('00036000291452');
  });

  it('treats a lone ]E1/]E2 add-on as identifying no item', () => {
    const twoDigit = normalizeScan(']E112', NOW);
    expect(twoDigit.symbology).toBe('unknown');
    expect(twoDigit.gtin14).toBeNull();
    const fiveDigit = normalizeScan(']E251234', NOW);
    expect(fiveDigit.symbology).toBe('unknown');
    expect(fiveDigit.gtin14).toBeNull();
  });
});
