import { describe, expect, it } from 'vitest';
import { getProtocol } from '../../../../src/hardware/scale/protocols/index.js';
import { bytes, decode, decodeOne, hex, toHex } from './feed.js';

const a12 = getProtocol('yaohua-a12');
const text = (f: Uint8Array) => String.fromCharCode(...f);

describe('Yaohua A12 decoding (hardware.md A.5)', () => {
  it('reads the manual example 4.139 kg with check "3D"', () => {
    const raw = hex('57 47 30 30 34 2E 31 33 39 6B 67 33 44 0D 0A');
    expect(decodeOne('yaohua-a12', raw)).toEqual({ kind: 'weight', grams: 4139, status: 'ok', net: false, raw });
  });

  it('reads the overload (OL) and under −20 d (LO) frames, both with check "23"', () => {
    expect(decodeOne('yaohua-a12', bytes('         OL23\r\n'))).toMatchObject({
      kind: 'status',
      status: 'overload',
      detail: 'OL overload',
    });
    expect(decodeOne('yaohua-a12', bytes('         LO23\r\n'))).toMatchObject({
      kind: 'status',
      status: 'underload',
      detail: 'LO below −20 d',
    });
  });

  it('reads the lower-case firmware: ww gross, wn net, wt tare as a status', () => {
    expect(decodeOne('yaohua-a12', bytes('ww000.000kg\r\n'))).toEqual({
      kind: 'weight',
      grams: 0,
      status: 'ok',
      net: false,
      raw: bytes('ww000.000kg\r\n'),
    });
    expect(decodeOne('yaohua-a12', bytes('wn-0000.1kg\r\n'))).toMatchObject({ kind: 'weight', grams: -100, net: true });
    const tare = bytes('wt000.500kg\r\n');
    expect(decodeOne('yaohua-a12', tare)).toEqual({
      kind: 'status',
      status: 'ok',
      net: true,
      detail: 'tare 000.500 kg',
      raw: tare,
    });
    expect(decodeOne('yaohua-a12', bytes('ww002.000lb\r\n')).grams).toBe(907.18474);
  });

  it('leaves stable undefined: neither firmware sends a flag', () => {
    expect(decodeOne('yaohua-a12', bytes('WG004.139kg3D\r\n')).stable).toBeUndefined();
  });

  it('counts wrong checks as bad frames', () => {
    const { frames, stats } = decode('yaohua-a12', bytes('WG004.139kg3E\r\n         OL24\r\nWG004.139kg3D\r\n'));
    expect(frames.map((f) => f.grams)).toEqual([4139]);
    expect(stats).toEqual({ frames: 1, badFrames: 2, droppedBytes: 0 });
  });
});

describe('Yaohua A12 encoding', () => {
  it('encodes the manual example and the OL/LO frames byte for byte', () => {
    expect(text(a12.encode({ grams: 4139, stable: true, status: 'ok' }))).toBe('WG004.139kg3D\r\n');
    expect(text(a12.encode({ grams: 0, stable: true, status: 'overload' }))).toBe('         OL23\r\n');
    expect(text(a12.encode({ grams: 0, stable: true, status: 'underload' }))).toBe('         LO23\r\n');
  });

  it('puts the minus sign inside the seven characters and marks net with N', () => {
    const frame = a12.encode({ grams: -4139, stable: true, status: 'ok', net: true });
    expect(text(frame).slice(0, 11)).toBe('WN-04.139kg');
    expect(decodeOne('yaohua-a12', frame)).toMatchObject({ grams: -4139, net: true });
    expect(toHex(frame.subarray(11))).toBe(toHex(bytes(text(frame).slice(11))));
  });
});
