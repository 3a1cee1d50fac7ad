import { describe, expect, it } from 'vitest';
import { Gs1ParseError, parseGs1 } from '../../../../src/domain/barcode/index.js';
import type { Gs1Data } from '../../../../src/domain/barcode/index.js';

const GS = '\x1D';
const NOW = new Date(2026, 5, 15);

const EXPECTED: Gs1Data = {
  ais: { '01': '06901234567892', '17': '261231', '10': 'LOT7', '21': 'SN001' },
  gtin: '06901234567892',
  batch: 'LOT7',
  expiry: '2026-12-31',
  serial: 'SN001',
};

/** Runs parseGs1 expecting a Gs1ParseError and returns it for inspection. */
function parseError(text: string, now = NOW): Gs1ParseError {
  try {
    parseGs1(text, now);
  } catch (error) {
    if (error instanceof Gs1ParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseGs1: the three input forms', () => {
  it('reads the scanner form with an AIM identifier and GS after variable fields', () => {
    expect(parseGs1(`]C101069012345678921726123110LOT7${GS}21SN001`, NOW)).toEqual(EXPECTED);
    expect(parseGs1(`]d2010690123456789210LOT7${GS}1726123121SN001`, NOW)).toEqual(EXPECTED);
    expect(parseGs1(`]Q301069012345678921726123110LOT7${GS}21SN001${GS}`, NOW)).toEqual(EXPECTED);
    expect(parseGs1(`]e001069012345678921726123110LOT7${GS}21SN001`, NOW)).toEqual(EXPECTED);
  });

  it('reads the bare form, with or without a leading FNC1 sent as GS', () => {
    expect(parseGs1(`01069012345678921726123110LOT7${GS}21SN001`, NOW)).toEqual(EXPECTED);
    expect(parseGs1(`${GS}01069012345678921726123110LOT7${GS}21SN001`, NOW)).toEqual(EXPECTED);
    expect(parseGs1(`]C1${GS}01069012345678921726123110LOT7${GS}21SN001\r\n`, NOW)).toEqual(EXPECTED);
  });

  it('reads the human-readable form with parentheses', () => {
    expect(parseGs1('(01)06901234567892(17)261231(10)LOT7(21)SN001', NOW)).toEqual(EXPECTED);
    expect(parseGs1('(10)LOT7(21)SN001(01)06901234567892(17)261231', NOW)).toEqual(EXPECTED);
  });

  it('steps over other AIs between the ones the app uses', () => {
    const ais = {
      '01': '06901234567892',
      '3103': '001250',
      '11': '260101',
      '17': '261231',
      '10': 'LOT7',
      '400': 'PO-88/2',
      '21': 'SN001',
    };
    const transmitted = `]C101069012345678923103001250112601011726123110LOT7${GS}400PO-88/2${GS}21SN001`;
    const hri = '(01)06901234567892(3103)001250(11)260101(17)261231(10)LOT7(400)PO-88/2(21)SN001';
    expect(parseGs1(transmitted, NOW).ais).toEqual(ais);
    expect(parseGs1(hri, NOW).ais).toEqual(ais);
    expect(parseGs1(transmitted, NOW)).toEqual(parseGs1(hri, NOW));
    expect(parseGs1(hri, NOW).expiry).toBe('2026-12-31');
  });

  it('handles an SSCC, a GLN, a count and a company-internal AI', () => {
    const data = parseGs1(`00069012340000000016410690123456789237100${GS}91A-1/B.2${GS}0106901234567892`, NOW);
    expect(data.ais).toEqual({
      '00': '069012340000000016',
      '410': '6901234567892',
      '37': '100',
      '91': 'A-1/B.2',
      '01': '06901234567892',
    });
    expect(data.gtin).toBe('06901234567892');
    expect(data.batch).toBeNull();
    expect(data.expiry).toBeNull();
    expect(data.serial).toBeNull();
  });

  it('requires GS after a fixed-length AI that is not in the predefined-length table', () => {
    expect(parseGs1(`01069012345678928005000450${GS}10LOT7`, NOW).ais).toEqual({
      '01': '06901234567892',
      '8005': '000450',
      '10': 'LOT7',
    });
    const error = parseError('0106901234567892800500045010LOT7');
    expect(error.message).toBe('AI 8005 at position 20: expected 6 digits, got "00045010LOT7"');
    expect(error.reason).toBe('too-long');
  });

  it('accepts a variable field of exactly its maximum length', () => {
    expect(parseGs1('0106901234567892' + '10' + 'ABCDEFGHIJ0123456789', NOW).batch).toBe('ABCDEFGHIJ0123456789');
  });

  it('accepts an AI repeated with the same value', () => {
    expect(parseGs1(`10LOT7${GS}10LOT7`, NOW).ais).toEqual({ '10': 'LOT7' });
  });
});

describe('parseGs1: AI 17 dates', () => {
  const expiry = (yymmdd: string, now = NOW): string | null => parseGs1(`17${yymmdd}`, now).expiry;

  it('applies the GS1 century rule at the edge 51 years ahead (previous century)', () => {
    expect(expiry('761231', new Date(2026, 5, 15))).toBe('2076-12-31'); // 76 − 26 = 50
    expect(expiry('770101', new Date(2026, 5, 15))).toBe('1977-01-01'); // 77 − 26 = 51
  });

  it('applies the GS1 century rule at the edge 50 years behind (next century)', () => {
    expect(expiry('110101', new Date(2060, 0, 10))).toBe('2011-01-01'); // 11 − 60 = −49
    expect(expiry('100101', new Date(2060, 0, 10))).toBe('2110-01-01'); // 10 − 60 = −50
    expect(expiry('491231', new Date(2099, 11, 1))).toBe('2149-12-31'); // 49 − 99 = −50
    expect(expiry('501231', new Date(2099, 11, 1))).toBe('2050-12-31'); // 50 − 99 = −49
  });

  it('turns day 00 into the last day of the month, leap years included', () => {
    expect(expiry('261200')).toBe('2026-12-31');
    expect(expiry('260400')).toBe('2026-04-30');
    expect(expiry('260200')).toBe('2026-02-28');
    expect(expiry('280200')).toBe('2028-02-29');
  });

  it('rejects a month outside 01-12', () => {
    const badMonth = parseError('010690123456789217261331');
    expect(badMonth.message).toBe('AI 17 at position 18: month must be 01-12, got 13 in "261331"');
    expect(badMonth.ai).toBe('17');
    expect(badMonth.position).toBe(18);
    expect(badMonth.reason).toBe('bad-date');
    expect(parseError('17260015').message).toBe('AI 17 at position 2: month must be 01-12, got 00 in "260015"');
  });

  it('rejects a day that does not exist in that month', () => {
    expect(parseError('17260431').message).toBe('AI 17 at position 2: day 31 does not exist in 2026-04');
    expect(parseError('17260229').message).toBe('AI 17 at position 2: day 29 does not exist in 2026-02');
    expect(parseGs1('17280229', NOW).expiry).toBe('2028-02-29');
  });

  it('validates the other date AIs too', () => {
    expect(parseError('010690123456789215261301').message).toBe(
      'AI 15 at position 18: month must be 01-12, got 13 in "261301"',
    );
  });
});

describe('parseGs1: errors name the AI and the position', () => {
  it('reports a truncated fixed-length field', () => {
    const error = parseError('0106901234567892172612');
    expect(error).toBeInstanceOf(Gs1ParseError);
    expect(error.name).toBe('Gs1ParseError');
    expect(error.message).toBe('AI 17 at position 18: expected 6 digits, got "2612"');
    expect(error.ai).toBe('17');
    expect(error.position).toBe(18);
    expect(error.reason).toBe('truncated');
  });

  it('reports a fixed field cut short by GS', () => {
    const error = parseError(`01069012345678921726${GS}10LOT7`);
    expect(error.message).toBe('AI 17 at position 18: expected 6 digits, got "26"');
  });

  it('counts positions in the text as given, AIM identifier included', () => {
    expect(parseError(']C10106901234567892172612').message).toBe('AI 17 at position 21: expected 6 digits, got "2612"');
    expect(parseError('(01)06901234567892(17)2612').message).toBe(
      'AI 17 at position 22: expected 6 digits, got "2612"',
    );
  });

  it('reports a truncated GTIN', () => {
    const error = parseError('01069012345678');
    expect(error.message).toBe('AI 01 at position 2: expected 14 digits, got "069012345678"');
    expect(error.reason).toBe('truncated');
  });

  it('reports a fixed field that is too long in the human-readable form', () => {
    expect(parseError('(01)06901234567892(17)2612311').message).toBe(
      'AI 17 at position 22: expected 6 digits, got "2612311"',
    );
  });

  it('reports a variable field longer than its maximum', () => {
    const error = parseError('0106901234567892' + '10' + 'ABCDEFGHIJ01234567890');
    expect(error.message).toBe(
      'AI 10 at position 18: expected at most 20 characters, got 21 ("ABCDEFGHIJ01234567890"); is a GS separator missing?',
    );
    expect(error.reason).toBe('too-long');
    expect(parseError('(21)' + 'S'.repeat(21)).position).toBe(4);
  });

  it('reports an empty variable field', () => {
    const error = parseError(`010690123456789210${GS}21SN001`);
    expect(error.message).toBe('AI 10 at position 18: value is empty');
    expect(error.reason).toBe('too-short');
  });

  it('reports an unknown AI', () => {
    const error = parseError('010690123456789205123');
    expect(error.message).toBe('AI 05 at position 16: unknown Application Identifier');
    expect(error.ai).toBe('05');
    expect(error.reason).toBe('unknown-ai');
    expect(parseError('(01)06901234567892(23)X').message).toBe('AI 23 at position 18: unknown Application Identifier');
    expect(parseError('01069012345678924399ABC').message).toBe(
      'AI 4399 at position 16: unknown Application Identifier',
    );
    expect(parseError('(310)001250').message).toBe('AI 310 at position 0: unknown Application Identifier');
  });

  it('reports an AI cut off at the end', () => {
    expect(parseError('010690123456789231').message).toBe('AI 31 at position 16: an AI starting 31 has 4 digits');
  });

  it('reports text where an AI should start', () => {
    const error = parseError('0106901234567892AB12');
    expect(error.message).toBe('at position 16: expected an Application Identifier, got "AB12"');
    expect(error.ai).toBeNull();
    expect(error.reason).toBe('expected-ai');
    expect(parseError('(1)23').message).toBe('at position 0: expected "(AI)", got "(1)2"');
  });

  it('rejects a wrong AI 01 check digit', () => {
    const error = parseError('010690123456789110LOT7');
    expect(error.message).toBe('AI 01 at position 15: check digit should be 2, got 1 in "06901234567891"');
    expect(error.reason).toBe('check-digit');
    expect(parseError('(01)06901234567891').position).toBe(17);
  });

  it('rejects characters outside the AI character set', () => {
    const error = parseError('10LO T7');
    expect(error.message).toBe('AI 10 at position 4: character " " is not allowed in "LO T7" (GS1 CSET 82)');
    expect(error.reason).toBe('bad-char');
    expect(parseError('3103001A50').message).toBe(
      'AI 3103 at position 7: character "A" is not allowed in "001A50" (digits only)',
    );
  });

  it('rejects an AI repeated with a different value', () => {
    const error = parseError(`10LOT7${GS}10LOT8`);
    expect(error.message).toBe('AI 10 at position 7: repeated with a different value ("LOT7", then "LOT8")');
    expect(error.reason).toBe('duplicate');
  });

  it('rejects empty input', () => {
    expect(parseError('').message).toBe('at position 0: no element string');
    expect(parseError(']C1').message).toBe('at position 3: no element string');
    expect(parseError(`]C1${GS}\r\n`).reason).toBe('empty');
  });

  it('rejects an invalid `now`', () => {
    expect(() => parseGs1('17261231', new Date(Number.NaN))).toThrow(RangeError);
  });
});
