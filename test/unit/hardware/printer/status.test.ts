import { describe, expect, it } from 'vitest';
import { escposStatus, tsplStatus, zplStatus } from '../../../../src/hardware/printer/status.js';
import { bytes } from './fixtures.js';

const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('TSPL <ESC>!? status', () => {
  it('queries with 1B 21 3F and is complete after one byte', () => {
    expect([...tsplStatus.query]).toEqual([0x1b, 0x21, 0x3f]);
    expect(tsplStatus.complete(bytes())).toBe(false);
    expect(tsplStatus.complete(bytes(0x00))).toBe(true);
  });

  it('reads 00 as ready', () => {
    expect(tsplStatus.parse(bytes(0x00))).toEqual({ ready: true, fault: null, conditions: [] });
  });

  it.each([
    [0x01, 'head_open', 'head open'],
    [0x02, 'error', 'paper jam'],
    [0x04, 'paper_out', 'paper out'],
    [0x08, 'ribbon_out', 'ribbon out'],
    [0x10, 'paused', 'pause'],
    [0x40, 'head_open', 'cover open'],
    [0x80, 'error', 'temperature out of range'],
  ] as const)('reads status byte %i as %s (%s)', (byte, fault, condition) => {
    expect(tsplStatus.parse(bytes(byte))).toEqual({ ready: false, fault, conditions: [condition] });
  });

  it('reads bit 5, printing, as a condition of a ready printer', () => {
    expect(tsplStatus.parse(bytes(0x20))).toEqual({ ready: true, fault: null, conditions: ['printing'] });
  });

  it('reports the highest fault when several bits are set: head open > paper out > ribbon out > paused > error', () => {
    expect(tsplStatus.parse(bytes(0x05)).fault).toBe('head_open');
    expect(tsplStatus.parse(bytes(0x3e))).toEqual({
      ready: false,
      fault: 'paper_out',
      conditions: ['paper jam', 'paper out', 'ribbon out', 'pause', 'printing'],
    });
    expect(tsplStatus.parse(bytes(0x98)).fault).toBe('ribbon_out');
    expect(tsplStatus.parse(bytes(0x90)).fault).toBe('paused');
  });
});

const STRING_3 = '\x021234,0\x03\r\n';
function hs(one: string, two: string): Uint8Array {
  return ascii(`\x02${one}\x03\r\n\x02${two}\x03\r\n${STRING_3}`);
}
const OK_1 = '030,0,0,1245,000,0,0,0,000,0,0,0';
const OK_2 = '000,0,0,0,1,2,6,0,00000000,1,000';

describe('ZPL ~HS status', () => {
  it('queries with ~HS and is complete once the third ETX arrives', () => {
    expect(new TextDecoder().decode(zplStatus.query)).toBe('~HS');
    const full = hs(OK_1, OK_2);
    const secondEnd = full.indexOf(0x03, full.indexOf(0x03) + 1);
    expect(zplStatus.complete(full.subarray(0, secondEnd + 3))).toBe(false);
    expect(zplStatus.complete(full.subarray(0, full.length - 2))).toBe(true);
  });

  it('reads all-zero flags as ready', () => {
    expect(zplStatus.parse(hs(OK_1, OK_2))).toEqual({ ready: true, fault: null, conditions: [] });
  });

  it('reads string 1 field b as paper out', () => {
    expect(zplStatus.parse(hs('030,1,0,1245,000,0,0,0,000,0,0,0', OK_2))).toEqual({
      ready: false,
      fault: 'paper_out',
      conditions: ['paper out'],
    });
  });

  it('reads string 2 field o as head open', () => {
    expect(zplStatus.parse(hs(OK_1, '000,0,1,0,1,2,6,0,00000000,1,000'))).toEqual({
      ready: false,
      fault: 'head_open',
      conditions: ['head open'],
    });
  });

  it('reads pause with ribbon out as ribbon out, the higher fault', () => {
    expect(zplStatus.parse(hs('030,0,1,1245,000,0,0,0,000,0,0,0', '000,0,0,1,1,2,6,0,00000000,1,000'))).toEqual({
      ready: false,
      fault: 'ribbon_out',
      conditions: ['pause', 'ribbon out'],
    });
  });

  it('reads temperature and corrupt RAM as errors', () => {
    expect(zplStatus.parse(hs('030,0,0,1245,000,0,0,0,000,0,0,1', OK_2))).toEqual({
      ready: false,
      fault: 'error',
      conditions: ['over temperature'],
    });
    expect(zplStatus.parse(hs('030,0,0,1245,000,0,0,0,000,1,1,0', OK_2)).conditions).toEqual([
      'corrupt RAM',
      'under temperature',
    ]);
  });

  it('reads a full receive buffer as busy, not as a fault', () => {
    expect(zplStatus.parse(hs('030,0,0,1245,012,1,0,0,000,0,0,0', OK_2))).toEqual({
      ready: false,
      fault: null,
      conditions: ['buffer full'],
    });
  });

  it('ignores bytes outside the STX…ETX strings', () => {
    const noisy = ascii(`\r\nxx${Buffer.from(hs('030,1,0,1245,000,0,0,0,000,0,0,0', OK_2)).toString('latin1')}`);
    expect(zplStatus.parse(noisy).fault).toBe('paper_out');
  });

  it('reports an answer without its strings as an error', () => {
    expect(zplStatus.parse(ascii('\x03\x03\x03'))).toEqual({
      ready: false,
      fault: 'error',
      conditions: ['unreadable status answer: 0 of 3 strings'],
    });
  });
});

describe('ESC/POS DLE EOT status', () => {
  it('asks DLE EOT 2 then DLE EOT 4 in one query and is complete after their two bytes', () => {
    expect([...escposStatus.query]).toEqual([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
    expect(escposStatus.complete(bytes(0x12))).toBe(false);
    expect(escposStatus.complete(bytes(0x12, 0x12))).toBe(true);
  });

  it('reads 0x12 0x12 as ready: only the fixed bits 1 and 4 are on', () => {
    expect(escposStatus.parse(bytes(0x12, 0x12))).toEqual({ ready: true, fault: null, conditions: [] });
  });

  it('reads 0x16 (0x12 + bit 2) from DLE EOT 2 as cover open', () => {
    expect(escposStatus.parse(bytes(0x16, 0x12))).toEqual({
      ready: false,
      fault: 'head_open',
      conditions: ['cover open'],
    });
  });

  it('reads 0x32 (0x12 + bit 5) from DLE EOT 2 as paper end, with the roll sensor at 0x72 (bits 5+6) agreeing', () => {
    expect(escposStatus.parse(bytes(0x32, 0x72))).toEqual({
      ready: false,
      fault: 'paper_out',
      conditions: ['paper end'],
    });
  });

  it('reads 0x1E (0x12 + bits 2 and 3) from DLE EOT 4 as near end, which still prints', () => {
    expect(escposStatus.parse(bytes(0x12, 0x1e))).toEqual({ ready: true, fault: null, conditions: ['paper near end'] });
  });

  it('reads paper end from the roll sensor alone, and 0x52 (bit 6) as an error', () => {
    expect(escposStatus.parse(bytes(0x12, 0x72)).fault).toBe('paper_out');
    expect(escposStatus.parse(bytes(0x52, 0x12))).toEqual({ ready: false, fault: 'error', conditions: ['error'] });
  });

  it('puts cover open ahead of paper end', () => {
    expect(escposStatus.parse(bytes(0x36, 0x72))).toEqual({
      ready: false,
      fault: 'head_open',
      conditions: ['cover open', 'paper end'],
    });
  });

  it('reports a byte without the fixed bits as an unreadable answer', () => {
    expect(escposStatus.parse(bytes(0x00, 0x12))).toEqual({
      ready: false,
      fault: 'error',
      conditions: ['unreadable status answer: 0x00 0x12'],
    });
  });
});
