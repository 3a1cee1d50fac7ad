import { describe, expect, it } from 'vitest';
import { getProtocol } from '../../../../src/hardware/scale/protocols/index.js';
import { decode, decodeOne, hex, toHex } from './feed.js';

const a9 = getProtocol('yaohua-a9');

describe('Yaohua A9 decoding (hardware.md A.5)', () => {
  it('reads the captured frames: 1560 kg (dp 0, check "19") and the empty scale (check "1B")', () => {
    const heavy = hex('02 2B 30 30 31 35 36 30 30 31 39 03');
    const empty = hex('02 2B 30 30 30 30 30 30 30 31 42 03');
    expect(decodeOne('yaohua-a9', heavy)).toEqual({ kind: 'weight', grams: 1_560_000, status: 'ok', raw: heavy });
    expect(decodeOne('yaohua-a9', empty)).toEqual({ kind: 'weight', grams: 0, status: 'ok', raw: empty });
  });

  it('reads the built 1.560 kg example with 3 decimals, and takes the unit from the options', () => {
    const built = hex('02 2B 30 30 31 35 36 30 33 31 41 03');
    expect(decodeOne('yaohua-a9', built).grams).toBe(1560);
    expect(decodeOne('yaohua-a9', built, { unit: 'g' }).grams).toBe(1.56);
    expect(decodeOne('yaohua-a9', built, { unit: 'lb' }).grams).toBe(707.604097);
  });

  it('has no stability flag: stable is left undefined for the driver to infer', () => {
    expect(decodeOne('yaohua-a9', hex('02 2B 30 30 31 35 36 30 33 31 41 03')).stable).toBeUndefined();
    expect(a9.hasStabilityFlag).toBe(false);
  });

  it('reads a minus sign', () => {
    const frame = a9.encode({ grams: -20, stable: true, status: 'ok' });
    expect(toHex(frame)).toBe('02 2D 30 30 30 30 32 30 33 31 43 03');
    expect(decodeOne('yaohua-a9', frame).grams).toBe(-20);
  });

  it('counts a frame with a wrong XOR, or digits where none belong, as bad', () => {
    const { frames, stats } = decode(
      'yaohua-a9',
      hex(
        '02 2B 30 30 31 35 36 30 30 31 41 03  02 2B 30 30 3A 35 36 30 30 31 32 03  02 2B 30 30 30 30 30 30 30 31 42 03',
      ),
    );
    expect(frames.map((f) => f.grams)).toEqual([0]);
    expect(stats).toEqual({ frames: 1, badFrames: 2, droppedBytes: 0 });
  });
});

describe('Yaohua A9 encoding', () => {
  it('encodes 1.560 kg with dp 3 as the spec example', () => {
    expect(toHex(a9.encode({ grams: 1560, stable: true, status: 'ok' }))).toBe('02 2B 30 30 31 35 36 30 33 31 41 03');
  });

  it('drops decimals for loads that need more than six digits, and sends full scale for overload', () => {
    expect(decodeOne('yaohua-a9', a9.encode({ grams: 1_560_000, stable: true, status: 'ok' })).grams).toBe(1_560_000);
    expect(toHex(a9.encode({ grams: 0, stable: true, status: 'overload' }).subarray(1, 9))).toBe(
      '2B 39 39 39 39 39 39 33',
    );
  });
});
