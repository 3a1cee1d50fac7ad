import { describe, expect, it } from 'vitest';
import { barcodeKey, expandUpcE, gtinCheckDigit, isValidGtin, toGtin14 } from '../../../../src/domain/barcode/index.js';

describe('gtinCheckDigit', () => {
  it('computes the GS1 mod-10 digit for every GTIN body length', () => {
    expect(gtinCheckDigit('690123456789')).toBe(2); // EAN-13 6901234567892
    expect(gtinCheckDigit('400638133393')).toBe(1); // EAN-13 4006381333931
    expect(gtinCheckDigit('03600029145')).toBe(2); // UPC-A 036000291452
    expect(gtinCheckDigit('9638507')).toBe(4); // EAN-8 96385074
    expect(gtinCheckDigit('1061414100041')).toBe(5); // GTIN-14 10614141000415
    expect(gtinCheckDigit('1234567')).toBe(0); // weighted sum 60 → 0, not 10
  });

  it('rejects bodies that are not 7, 11, 12 or 13 digits', () => {
    expect(() => gtinCheckDigit('123456')).toThrow(RangeError);
    expect(() => gtinCheckDigit('12345678')).toThrow('GTIN body must be 7, 11, 12 or 13 digits, got "12345678"');
    expect(() => gtinCheckDigit('69012345678A')).toThrow(RangeError);
    expect(() => gtinCheckDigit('')).toThrow(RangeError);
  });
});

describe('isValidGtin', () => {
  it('accepts known valid EAN-13, UPC-A, EAN-8 and GTIN-14 codes', () => {
    expect(isValidGtin('6901234567892')).toBe(true);
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('036000291452')).toBe(true);
    expect(isValidGtin('0036000291452')).toBe(true);
    expect(isValidGtin('96385074')).toBe(true);
    expect(isValidGtin('10614141000415')).toBe(true);
    expect(isValidGtin('12345670')).toBe(true);
  });

  it('rejects wrong check digits', () => {
    expect(isValidGtin('6901234567891')).toBe(false);
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('036000291453')).toBe(false);
    expect(isValidGtin('96385075')).toBe(false);
    expect(isValidGtin('10614141000416')).toBe(false);
    expect(isValidGtin('12345678')).toBe(false);
  });

  it('rejects other lengths, non-digits and untrimmed input', () => {
    expect(isValidGtin('690123456789')).toBe(false); // 12 digits, check digit should be 7
    expect(isValidGtin('1234567')).toBe(false);
    expect(isValidGtin('3710542960130516992')).toBe(false);
    expect(isValidGtin('69012345678X2')).toBe(false);
    expect(isValidGtin(' 6901234567892')).toBe(false);
    expect(isValidGtin('')).toBe(false);
  });
});

describe('toGtin14', () => {
  it('pads 8, 12 and 13 digit codes with leading zeros', () => {
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('6901234567892')).toBe('06901234567892');
    expect(toGtin14('10614141000415')).toBe('10614141000415');
  });

  it('pads without judging the check digit', () => {
    expect(toGtin14('6901234567891')).toBe('06901234567891');
  });

  it('throws on non-digits and on lengths that are not GTIN lengths', () => {
    expect(() => toGtin14('12345')).toThrow('a GTIN has 8, 12, 13 or 14 digits, got "12345"');
    expect(() => toGtin14('1234567890')).toThrow(RangeError);
    expect(() => toGtin14('6901234567892X')).toThrow(RangeError);
    expect(() => toGtin14('SKU-APP-0042')).toThrow(RangeError);
    expect(() => toGtin14('')).toThrow(RangeError);
  });
});

describe('barcodeKey', () => {
  it('gives a UPC-A and its EAN-13 form the same key', () => {
    expect(barcodeKey('036000291452')).toBe('00036000291452');
    expect(barcodeKey('0036000291452')).toBe('00036000291452');
    expect(barcodeKey('00036000291452')).toBe('00036000291452');
  });

  it('keys valid GTINs by their 14-digit form', () => {
    expect(barcodeKey('6901234567892')).toBe('06901234567892');
    expect(barcodeKey('96385074')).toBe('00000096385074');
    expect(barcodeKey('10614141000415')).toBe('10614141000415');
    expect(barcodeKey(' 6901234567892\r\n')).toBe('06901234567892');
  });

  it('keys everything else by its trimmed, upper-cased text', () => {
    expect(barcodeKey(' sku-app-0042 ')).toBe('SKU-APP-0042');
    expect(barcodeKey('sf1401234567890\n')).toBe('SF1401234567890');
    expect(barcodeKey('3710542960130516992')).toBe('3710542960130516992');
    expect(barcodeKey('6901234567891')).toBe('6901234567891'); // bad check digit: not padded
    expect(barcodeKey('a-1/2.3')).toBe('A-1/2.3');
  });
});

describe('expandUpcE', () => {
  it('expands each zero-suppression form to the UPC-A with the same check digit', () => {
    expect(expandUpcE('04252614')).toBe('042100005264'); // last digit 0–2
    expect(expandUpcE('01234558')).toBe('012345000058'); // 5–9
    expect(expandUpcE('01234565')).toBe('012345000065');
    expect(expandUpcE('01234331')).toBe(null); // wrong check digit
    expect(expandUpcE('24252614')).toBe(null); // number system 2 is not UPC-E
    expect(expandUpcE('0425261')).toBe(null);
  });

  it('keys a UPC-E product by its UPC-A GTIN, and a code valid as EAN-8 as the EAN-8', () => {
    expect(barcodeKey('04252614')).toBe('00042100005264');
    expect(barcodeKey('042100005264')).toBe('00042100005264');
    expect(barcodeKey('01234565')).toBe('00000001234565');
  });
});
