import { describe, expect, it } from 'vitest';
import type { SimReading } from '../../../../src/hardware/scale/protocol.js';
import { toledoCheck } from '../../../../src/hardware/scale/protocols/checksums.js';
import { getProtocol } from '../../../../src/hardware/scale/protocols/index.js';
import { bytes, concat, decode, decodeOne, hex, toHex } from './feed.js';

const tc = getProtocol('toledo-continuous');
const EXAMPLE = '02 2D 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2A';

/** A frame with the given status bytes and fields; CHK appended unless `chk` is false. */
function build(swa: number, swb: number, weight: string, tare = '000000', chk = true): Uint8Array {
  const body = concat(Uint8Array.of(0x02, swa, swb, 0x20), bytes(weight + tare), Uint8Array.of(0x0d));
  return chk ? concat(body, Uint8Array.of(toledoCheck(body, 0, body.length))) : body;
}

describe('Toledo continuous decoding (hardware.md A.3)', () => {
  it('reads the spec example: 1.234 kg gross, stable, checksum verified', () => {
    const raw = hex(EXAMPLE);
    expect(decodeOne('toledo-continuous', raw)).toEqual({
      kind: 'weight',
      grams: 1234,
      stable: true,
      status: 'ok',
      net: false,
      detail: 'gross, stable, kg',
      raw,
    });
  });

  it('places the decimal point from SWA bits 0–2, including the ×100 and ×10 positions', () => {
    const grams = [0, 1, 2, 3, 4, 5, 6, 7].map(
      (code) => decodeOne('toledo-continuous', build(0x28 | code, 0x30, '001234')).grams,
    );
    expect(grams).toEqual([123_400_000, 12_340_000, 1_234_000, 123_400, 12_340, 1234, 123.4, 12.34]);
  });

  it('decodes the SWB flags: net, negative, out of range, motion, lb', () => {
    expect(decodeOne('toledo-continuous', build(0x2d, 0x30 | 0x01 | 0x02, '000500'))).toMatchObject({
      grams: -500,
      net: true,
      status: 'ok',
      detail: 'net, stable, kg',
    });
    expect(decodeOne('toledo-continuous', build(0x2d, 0x30 | 0x04, '999999'))).toMatchObject({
      grams: 999_999,
      status: 'overload',
      detail: 'gross, stable, kg, out of range',
    });
    expect(decodeOne('toledo-continuous', build(0x2d, 0x30 | 0x06, '000100'))).toMatchObject({
      grams: -100,
      status: 'underload',
    });
    expect(decodeOne('toledo-continuous', build(0x2d, 0x30 | 0x08, '001234'))).toMatchObject({
      stable: false,
      detail: 'gross, motion, kg',
    });
    expect(decodeOne('toledo-continuous', build(0x2c, 0x20, '000100')).grams).toBe(453.59237);
    expect(decodeOne('toledo-continuous', build(0x2d, 0x30, '001000', '000250')).detail).toBe(
      'gross, stable, kg, tare 250 g',
    );
  });

  it('reads bit 3 as "stable" when the stabilityBit option says the clone inverts it', () => {
    expect(decodeOne('toledo-continuous', build(0x2d, 0x38, '001234'), { stabilityBit: 'stable' }).stable).toBe(true);
    expect(decodeOne('toledo-continuous', hex(EXAMPLE), { stabilityBit: 'stable' }).stable).toBe(false);
  });

  it('detects the short form and the forms without CHK by where the CR is', () => {
    const short = build(0x2d, 0x30, '001234', '');
    expect(toHex(short)).toBe('02 2D 30 20 30 30 31 32 33 34 0D 4A');
    const noChk = build(0x2d, 0x30, '002000', '000000', false);
    const shortNoChk = build(0x2d, 0x30, '003000', '', false);
    const { frames, stats } = decode('toledo-continuous', concat(short, noChk, shortNoChk, hex(EXAMPLE)));
    expect(frames.map((f) => [f.grams, f.raw.length])).toEqual([
      [1234, 12],
      [2000, 17],
      [3000, 11],
      [1234, 18],
    ]);
    expect(stats).toEqual({ frames: 4, badFrames: 0, droppedBytes: 0 });
  });

  it('completes a frame without CHK only when the next frame starts', () => {
    const decoder = tc.createDecoder();
    expect(decoder.push(build(0x2d, 0x30, '001234', '000000', false))).toEqual([]);
    expect(decoder.push(Uint8Array.of(0x02)).map((f) => f.grams)).toEqual([1234]);
  });

  it('counts a frame whose 7-bit sum is not 0 mod 128 as bad and keeps going', () => {
    const bad = hex(EXAMPLE);
    bad[17] = 0x2b;
    const { frames, stats } = decode('toledo-continuous', concat(bad, hex(EXAMPLE)));
    expect(frames).toHaveLength(1);
    expect(stats).toEqual({ frames: 1, badFrames: 1, droppedBytes: 0 });
  });

  it('tells a CHK that happens to be 02 from the next frame’s STX', () => {
    // Digits summing to 50 bring the 7-bit sum before CHK to 126, so CHK = 02.
    const frame = tc.encode({ grams: 999_995, stable: true, status: 'ok' });
    expect(frame[17]).toBe(0x02);
    const { frames, stats } = decode('toledo-continuous', concat(frame, hex(EXAMPLE)));
    expect(frames.map((f) => f.raw.length)).toEqual([18, 18]);
    expect(stats.droppedBytes).toBe(0);
  });
});

describe('Toledo continuous encoding', () => {
  it('encodes 1.234 kg stable as the spec example', () => {
    expect(toHex(tc.encode({ grams: 1234, stable: true, status: 'ok' }))).toBe(EXAMPLE);
  });

  it('moves the decimal point for loads that do not fit six digits at 3 decimals', () => {
    const reading: SimReading = { grams: 1_234_500, stable: true, status: 'ok' };
    const frame = tc.encode(reading);
    expect(String.fromCharCode(frame[1] ?? 0)).toBe(',');
    expect(decodeOne('toledo-continuous', frame).grams).toBe(1_234_500);
  });

  it('sets the motion bit with the configured polarity', () => {
    expect(tc.encode({ grams: 1, stable: false, status: 'ok' })[2]).toBe(0x38);
    expect(tc.encode({ grams: 1, stable: true, status: 'ok' }, { stabilityBit: 'stable' })[2]).toBe(0x38);
  });
});
