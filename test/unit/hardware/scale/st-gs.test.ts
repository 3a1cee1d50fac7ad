import { describe, expect, it } from 'vitest';
import { getProtocol } from '../../../../src/hardware/scale/protocols/index.js';
import { bytes, decode, decodeOne, hex, toHex } from './feed.js';

const stGs = getProtocol('st-gs');

describe('"ST,GS" decoding (hardware.md A.4)', () => {
  it('reads the spec example byte for byte', () => {
    const raw = hex('53 54 2C 47 53 2C 2B 30 30 30 31 2E 32 33 34 6B 67 0D 0A');
    expect(decodeOne('st-gs', raw)).toEqual({
      kind: 'weight',
      grams: 1234,
      stable: true,
      status: 'ok',
      net: false,
      raw,
    });
  });

  it('reads the Liden, A&D, Kern and Tiger layouts', () => {
    expect(decodeOne('st-gs', bytes('US,NT,-  0.200kg\r\n'))).toMatchObject({
      kind: 'weight',
      grams: -200,
      stable: false,
      net: true,
    });
    const aAndD = decodeOne('st-gs', bytes('ST,+00001.23  g\r\n'));
    expect(aAndD).toEqual({
      kind: 'weight',
      grams: 1.23,
      stable: true,
      status: 'ok',
      raw: bytes('ST,+00001.23  g\r\n'),
    });
    expect(decodeOne('st-gs', bytes('ST,GS 1.000KG\r\n'))).toMatchObject({ grams: 1000, stable: true, net: false });
    expect(decodeOne('st-gs', bytes('US,GS 1.342KG\r\n'))).toMatchObject({ grams: 1342, stable: false });
    expect(decodeOne('st-gs', bytes('ST,GS, 0001.234kg\r\n')).grams).toBe(1234);
    expect(decodeOne('st-gs', bytes('ST,NW,+0002.000 LB\r\n'))).toMatchObject({ grams: 907.18474, net: true });
    expect(decodeOne('st-gs', bytes('ST,GW,+0000.002t\r\n')).grams).toBe(2000);
  });

  it('reads OL as overload, with a minus sign as below range', () => {
    expect(decodeOne('st-gs', bytes('OL,GS,+9999.999kg\r\n'))).toMatchObject({
      kind: 'status',
      status: 'overload',
      detail: 'OL overload',
    });
    expect(decodeOne('st-gs', bytes('OL,+9999999E+19\r\n'))).toMatchObject({ kind: 'status', status: 'overload' });
    expect(decodeOne('st-gs', bytes('OL,GS,        kg\r\n'))).toMatchObject({ status: 'overload' });
    expect(decodeOne('st-gs', bytes('OL,GS,-\r\n'))).toMatchObject({
      kind: 'status',
      status: 'underload',
      detail: 'OL below range',
    });
  });

  it('reports a TR line as a status with the tare in the detail (grams is only the load), and A&D counting as a status', () => {
    const tare = bytes('ST,TR,+0000.500kg\r\n');
    expect(decodeOne('st-gs', tare)).toEqual({
      kind: 'status',
      stable: true,
      status: 'ok',
      net: true,
      detail: 'TR tare +0000.500 kg',
      raw: tare,
    });
    expect(decodeOne('st-gs', bytes('QT,+000123 PC\r\n'))).toMatchObject({
      kind: 'status',
      status: 'ok',
      detail: 'QT counting mode: pieces, not a weight',
    });
  });

  it('counts a cut-short or unitless frame as bad rather than guessing', () => {
    const { frames, stats } = decode(
      'st-gs',
      bytes('ST,GS,+0001.2\r\nST,GS,+0001.234k\r\nST,GS,+00X1.234kg\r\nST,GS,+0000.100kg\r\n'),
    );
    expect(frames.map((f) => f.grams)).toEqual([100]);
    expect(stats).toEqual({ frames: 1, badFrames: 3, droppedBytes: 0 });
  });

  it('finds a frame behind a partial one and noise on the same line', () => {
    const { frames, stats } = decode('st-gs', bytes('ST,GS,+00\x00\xffUS,GS,+0001.234kg\r\n'));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ grams: 1234, stable: false, raw: bytes('US,GS,+0001.234kg\r\n') });
    expect(stats).toEqual({ frames: 1, badFrames: 0, droppedBytes: 11 });
  });
});

describe('"ST,GS" encoding', () => {
  it('encodes the spec example byte for byte', () => {
    expect(toHex(stGs.encode({ grams: 1234, stable: true, status: 'ok' }))).toBe(
      '53 54 2C 47 53 2C 2B 30 30 30 31 2E 32 33 34 6B 67 0D 0A',
    );
  });

  it('encodes unsteady, net, negative and out-of-range readings', () => {
    const text = (f: Uint8Array) => String.fromCharCode(...f);
    expect(text(stGs.encode({ grams: -200, stable: false, status: 'ok', net: true }))).toBe('US,NT,-0000.200kg\r\n');
    expect(text(stGs.encode({ grams: 0, stable: true, status: 'overload' }))).toBe('OL,GS,+9999.999kg\r\n');
    expect(text(stGs.encode({ grams: 0, stable: true, status: 'underload' }))).toBe('OL,GS,-9999.999kg\r\n');
    expect(text(stGs.encode({ grams: 250, stable: true, status: 'ok' }, { unit: 'g' }))).toBe('ST,GS,+000250.0g\r\n');
  });
});
