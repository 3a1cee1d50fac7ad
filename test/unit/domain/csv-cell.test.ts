// OWASP CSV injection: a text cell a spreadsheet would run as a formula is written as text.
import { describe, expect, it } from 'vitest';
import { csvTextCell } from '../../../src/domain/csv-cell.js';

describe('csvTextCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+cmd|" /C calc"!A0', `"'+cmd|"" /C calc""!A0"`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j', (input, expected) => {
    expect(csvTextCell(input)).toBe(expected);
  });

  it('leaves ordinary text alone and quotes separators per RFC 4180', () => {
    expect(csvTextCell('DEMO-1')).toBe('DEMO-1');
    expect(csvTextCell('张三')).toBe('张三');
    expect(csvTextCell('a,b')).toBe('"a,b"');
    expect(csvTextCell('')).toBe('');
  });
});
