import { describe, expect, it } from 'vitest';
import { getProtocol } from '../../../../src/hardware/scale/protocols/index.js';
import { bytes, decode } from './feed.js';

const eq = getProtocol('yaohua-eq');
const text = (f: Uint8Array) => String.fromCharCode(...f);

describe('Yaohua "=" decoding (hardware.md A.5)', () => {
  it('reverses format 1: =000.3000 is 3.000 and =00.1000- is −1.00', () => {
    const { frames, stats } = decode('yaohua-eq', bytes('=000.3000=00.1000-='));
    expect(frames).toEqual([
      { kind: 'weight', grams: 3000, status: 'ok', raw: bytes('=000.3000') },
      { kind: 'weight', grams: -1000, status: 'ok', raw: bytes('=00.1000-') },
    ]);
    expect(stats).toEqual({ frames: 2, badFrames: 0, droppedBytes: 0 });
  });

  it('reads format 2 in reading order when reversed is false', () => {
    const { frames } = decode('yaohua-eq', bytes('=0003.000=-0001.00='), { reversed: false });
    expect(frames.map((f) => f.grams)).toEqual([3000, -1000]);
  });

  it('reads =000.000 as zero either way: the orientation has to be a setting', () => {
    expect(decode('yaohua-eq', bytes('=000.000=')).frames.map((f) => f.grams)).toEqual([0]);
    expect(decode('yaohua-eq', bytes('=000.000='), { reversed: false }).frames.map((f) => f.grams)).toEqual([0]);
  });

  it('completes a frame only when the next "=" arrives', () => {
    const decoder = eq.createDecoder();
    expect(decoder.push(bytes('=000.3000'))).toEqual([]);
    expect(decoder.push(bytes('=')).map((f) => f.grams)).toEqual([3000]);
  });

  it('has no stability flag and takes the unit from the options', () => {
    const [frame] = decode('yaohua-eq', bytes('=000.3000='), { unit: 'g' }).frames;
    expect(frame).toEqual({ kind: 'weight', grams: 3, status: 'ok', raw: bytes('=000.3000') });
  });

  it('drops noise after a frame, but counts a frame with digits glued on (or cut short) as bad', () => {
    const { frames, stats } = decode('yaohua-eq', bytes('=000.3000\x00\xff=000.300012=000.=00.1000-='));
    expect(frames.map((f) => f.grams)).toEqual([3000, -1000]);
    expect(stats).toEqual({ frames: 2, badFrames: 2, droppedBytes: 2 });
  });
});

it('gives up on text that runs on for more than 24 characters without a "="', () => {
  const { frames, stats } = decode('yaohua-eq', bytes(`=${'0'.repeat(30)}=000.3000=`));
  expect(frames.map((f) => f.grams)).toEqual([3000]);
  expect(stats).toEqual({ frames: 1, badFrames: 1, droppedBytes: 6 });
});

describe('Yaohua "=" encoding', () => {
  it('sends sign + seven characters, reversed unless format 2 is chosen', () => {
    expect(text(eq.encode({ grams: 3000, stable: true, status: 'ok' }))).toBe('=000.3000');
    expect(text(eq.encode({ grams: 3000, stable: true, status: 'ok' }, { reversed: false }))).toBe('=0003.000');
    expect(text(eq.encode({ grams: -1000, stable: true, status: 'ok' }))).toBe('=000.100-');
    expect(text(eq.encode({ grams: -1000, stable: true, status: 'ok' }, { reversed: false }))).toBe('=-001.000');
    expect(text(eq.encode({ grams: 1_500_000, stable: true, status: 'ok' }))).toBe('=00.00510');
  });
});
