import { describe, expect, it } from 'vitest';
import { normalizeScan } from '../../../../src/domain/barcode/index.js';
import type { NormalizedScan } from '../../../../src/domain/barcode/index.js';

const GS = '\x1D';
const NOW = new Date(2026, 5, 15);

/** The fields every non-GS1, non-GTIN scan must have. */
function plain(raw: string, text: string, aim: string | null = null): NormalizedScan {
  return {
    raw,
    text,
    aim,
    symbology: 'unknown',
    gs1: null,
    gtin14: null,
    checkDigitError: false,
    gs1Error: null,
  };
}

describe('normalizeScan: retail GTINs', () => {
  it('normalizes EAN-13, UPC-A, EAN-8 and GTIN-14 to gtin14', () => {
    expect(normalizeScan('6901234567892\r\n', NOW)).toEqual({
      raw: '6901234567892\r\n',
      text: '6901234567892',
      aim: null,
      symbology: 'ean13',
      gs1: null,
      gtin14: '06901234567892',
      checkDigitError: false,
      gs1Error: null,
    });
    const upc = normalizeScan('036000291452', NOW);
    expect([upc.symbology, upc.gtin14]).toEqual(['upca', '00036000291452']);
    const eanForm = normalizeScan('0036000291452', NOW);
    expect([eanForm.symbology, eanForm.gtin14]).toEqual(['ean13', '00036000291452']);
    const ean8 = normalizeScan('96385074', NOW);
    expect([ean8.symbology, ean8.gtin14]).toEqual(['ean8', '00000096385074']);
    const gtin14 = normalizeScan('10614141000415', NOW);
    expect([gtin14.symbology, gtin14.gtin14]).toEqual(['gtin14', '10614141000415']);
    const withAim = normalizeScan(']E04006381333931', NOW);
    expect([withAim.aim, withAim.symbology, withAim.gtin14]).toEqual([']E0', 'ean13', '04006381333931']);
  });

  it('flags wrong check digits on GTIN-shaped scans', () => {
    for (const [raw, symbology] of [
      ['6901234567891', 'ean13'],
      ['036000291453', 'upca'],
      ['96385075', 'ean8'],
      ['10614141000416', 'gtin14'],
      [']E06901234567891', 'ean13'],
      [']I110614141000416', 'itf'],
    ] as const) {
      const scan = normalizeScan(raw, NOW);
      expect(scan.symbology).toBe(symbology);
      expect(scan.checkDigitError).toBe(true);
      expect(scan.gtin14).toBeNull();
    }
  });

  it('does not flag numbers in symbologies that carry no plain GTIN', () => {
    const code128 = normalizeScan(']C06901234567891', NOW);
    expect([code128.symbology, code128.checkDigitError, code128.gtin14]).toEqual(['code128', false, null]);
    const qr = normalizeScan(']Q112345678', NOW);
    expect([qr.symbology, qr.checkDigitError, qr.gtin14]).toEqual(['qr', false, null]);
    const validInCode128 = normalizeScan(']C06901234567892', NOW);
    expect(validInCode128.gtin14).toBe('06901234567892');
  });
});

describe('normalizeScan: UPC-E and EAN-8', () => {
  it('expands an 8-digit UPC-E that is not a valid EAN-8 to its GTIN', () => {
    const scan = normalizeScan('04252614', NOW);
    expect([scan.symbology, scan.gtin14, scan.checkDigitError, scan.altGtin14]).toEqual([
      'upce',
      '00042100005264',
      false,
      undefined,
    ]);
    // ]E0 says UPC-E (EAN-8 is ]E4).
    expect(normalizeScan(']E004252614', NOW).gtin14).toBe('00042100005264');
    expect(normalizeScan(']E004252614', NOW).symbology).toBe('upce');
  });

  it('reads 8 digits valid both ways as EAN-8 and keeps the UPC-E GTIN as the second key', () => {
    const scan = normalizeScan('01234565', NOW);
    expect([scan.symbology, scan.gtin14, scan.altGtin14]).toEqual(['ean8', '00000001234565', '00012345000065']);
    // With an AIM there is no doubt left.
    const e4 = normalizeScan(']E401234565', NOW);
    expect([e4.symbology, e4.gtin14, e4.altGtin14]).toEqual(['ean8', '00000001234565', undefined]);
    const e0 = normalizeScan(']E001234565', NOW);
    expect([e0.symbology, e0.gtin14, e0.altGtin14]).toEqual(['upce', '00012345000065', undefined]);
  });

  it('flags a check-digit error only when 8 digits are valid neither as EAN-8 nor as UPC-E', () => {
    expect(normalizeScan('04252615', NOW).checkDigitError).toBe(true);
    expect(normalizeScan('96385075', NOW).checkDigitError).toBe(true);
    // ]E4 is EAN-8 only: a UPC-E under it is a misread.
    expect(normalizeScan(']E404252614', NOW).checkDigitError).toBe(true);
  });

  it('calls text that is no GTIN shape plain, never a check-digit error', () => {
    for (const raw of ['123456789', 'ABC-123', '12345678901', '01234567890123456']) {
      const scan = normalizeScan(raw, NOW);
      expect([raw, scan.checkDigitError, scan.gtin14]).toEqual([raw, false, null]);
    }
  });
});

describe('normalizeScan: GS1 element strings', () => {
  const data = {
    ais: { '01': '06901234567892', '17': '261231', '10': 'LOT7', '21': 'SN001' },
    gtin: '06901234567892',
    batch: 'LOT7',
    expiry: '2026-12-31',
    serial: 'SN001',
  };

  it('parses all three forms to the same data and keeps GS in text', () => {
    const withAim = normalizeScan(`]C101069012345678921726123110LOT7${GS}21SN001\r\n`, NOW);
    expect(withAim).toEqual({
      raw: `]C101069012345678921726123110LOT7${GS}21SN001\r\n`,
      text: `01069012345678921726123110LOT7${GS}21SN001`,
      aim: ']C1',
      symbology: 'gs1',
      gs1: data,
      gtin14: '06901234567892',
      checkDigitError: false,
      gs1Error: null,
    });
    const bare = normalizeScan(`01069012345678921726123110LOT7${GS}21SN001`, NOW);
    expect([bare.symbology, bare.gs1, bare.gtin14]).toEqual(['gs1', data, '06901234567892']);
    const leadingFnc1 = normalizeScan(`${GS}010690123456789210LOT7${GS}1726123121SN001`, NOW);
    expect([leadingFnc1.text.startsWith(GS), leadingFnc1.gs1]).toEqual([true, data]);
    const hri = normalizeScan('(01)06901234567892(17)261231(10)LOT7(21)SN001', NOW);
    expect([hri.symbology, hri.gs1, hri.gtin14]).toEqual(['gs1', data, '06901234567892']);
  });

  it('reads the human-readable form printed into a plain QR code, keeping the QR symbology', () => {
    const scan = normalizeScan(']Q1(01)06901234567892(10)LOT7', NOW);
    expect(scan.symbology).toBe('qr');
    expect(scan.gs1?.batch).toBe('LOT7');
    expect(scan.gtin14).toBe('06901234567892');
  });

  it('recognizes GS1 without AIM when other AIs come first and GS separates them', () => {
    const scan = normalizeScan(`10LOT7${GS}0106901234567892`, NOW);
    expect(scan.gs1?.ais).toEqual({ '10': 'LOT7', '01': '06901234567892' });
    expect(scan.gtin14).toBe('06901234567892');
  });

  it('reports a GS1 parse failure instead of throwing', () => {
    const scan = normalizeScan('0106901234567892172612', NOW);
    expect(scan.symbology).toBe('gs1');
    expect(scan.gs1).toBeNull();
    expect(scan.gtin14).toBeNull();
    expect(scan.checkDigitError).toBe(false);
    expect(scan.gs1Error).toBe('AI 17 at position 18: expected 6 digits, got "2612"');
  });

  it('sets checkDigitError when AI 01 inside GS1 has a wrong check digit', () => {
    const scan = normalizeScan(']C1010690123456789110LOT7', NOW);
    expect(scan.checkDigitError).toBe(true);
    expect(scan.gs1).toBeNull();
    expect(scan.gtin14).toBeNull();
    expect(scan.gs1Error).toBe('AI 01 at position 15: check digit should be 2, got 1 in "06901234567891"');
  });

  it('reports an empty GS1 payload and a bad `now` without throwing', () => {
    expect(normalizeScan(']d2', NOW).gs1Error).toBe('at position 0: no element string');
    expect(normalizeScan('(17)261231', new Date(Number.NaN)).gs1Error).toBe('parseGs1: `now` is an invalid Date');
  });

  it('reads 01 + a valid GTIN-14 sent without an AIM (a default-configured scanner) as that GTIN', () => {
    const scan = normalizeScan('0105901234123457\r', NOW);
    expect([scan.symbology, scan.gs1?.ais, scan.gtin14, scan.text]).toEqual([
      'gs1',
      { '01': '05901234123457' },
      '05901234123457',
      '0105901234123457',
    ]);
    // Further AIs: separated by GS, by a space (a wedge that types GS as a space), or concatenated
    // after fixed-length AIs.
    for (const raw of [`0105901234123457${GS}10ABC`, '0105901234123457 10ABC', '010590123412345710ABC']) {
      const more = normalizeScan(raw, NOW);
      expect([more.gtin14, more.gs1?.batch, more.checkDigitError]).toEqual(['05901234123457', 'ABC', false]);
    }
    const fixed = normalizeScan('01059012341234571726123110LOT7', NOW);
    expect([fixed.gtin14, fixed.gs1?.expiry, fixed.gs1?.batch]).toEqual(['05901234123457', '2026-12-31', 'LOT7']);
  });

  it('leaves 16 digits led by 01 whose GTIN check digit is wrong as plain text, not a check-digit error', () => {
    const scan = normalizeScan('0106901234567891', NOW);
    expect([scan.symbology, scan.gs1, scan.gtin14, scan.checkDigitError]).toEqual(['unknown', null, null, false]);
  });
});

describe('normalizeScan: everything else is plain text', () => {
  it('keeps order ids, SKUs, waybills and command codes as they are', () => {
    expect(normalizeScan('3710542960130516992', NOW)).toEqual(plain('3710542960130516992', '3710542960130516992'));
    expect(normalizeScan('SKU-APP-0042\r', NOW)).toEqual(plain('SKU-APP-0042\r', 'SKU-APP-0042'));
    expect(normalizeScan('SF1401234567890', NOW)).toEqual(plain('SF1401234567890', 'SF1401234567890'));
    expect(normalizeScan('CMD-ACK\n', NOW)).toEqual(plain('CMD-ACK\n', 'CMD-ACK'));
  });

  it('keeps -, / and . and the original case', () => {
    expect(normalizeScan('pkg/box-S.2', NOW)).toEqual(plain('pkg/box-S.2', 'pkg/box-S.2'));
    expect(normalizeScan(']A0CMD-ACK', NOW)).toEqual({ ...plain(']A0CMD-ACK', 'CMD-ACK', ']A0'), symbology: 'code39' });
    expect(normalizeScan(']C0A-12/34.5', NOW)).toEqual({
      ...plain(']C0A-12/34.5', 'A-12/34.5', ']C0'),
      symbology: 'code128',
    });
  });

  it('handles empty and whitespace-only input', () => {
    expect(normalizeScan('', NOW)).toEqual(plain('', ''));
    expect(normalizeScan(' \r\n', NOW)).toEqual(plain(' \r\n', ''));
  });

  it('uses the current date when no `now` is given', () => {
    const scan = normalizeScan(`${GS}0106901234567892`);
    expect(scan.gs1?.ais).toEqual({ '01': '06901234567892' });
    expect(scan.gs1?.expiry).toBeNull();
  });
});
