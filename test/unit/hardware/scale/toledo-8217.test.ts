import { describe, expect, it } from 'vitest';
import type { SimReading } from '../../../../src/hardware/scale/protocol.js';
import { TOLEDO_8217_CLEAR_TARE, getProtocol, splitCommands } from '../../../../src/hardware/scale/protocols/index.js';
import { bytes, concat, decode, decodeOne, hex, toHex } from './feed.js';

const t8217 = getProtocol('toledo-8217');
const steady: SimReading = { grams: 1234, stable: true, status: 'ok' };

describe('Toledo 8217 decoding (hardware.md A.2)', () => {
  it('reads the spec gross and net weight replies', () => {
    const gross = hex('02 30 31 2E 32 33 34 0D');
    const net = hex('02 30 31 2E 32 33 34 4E 0D');
    expect(decodeOne('toledo-8217', gross)).toEqual({
      kind: 'weight',
      grams: 1234,
      stable: true,
      status: 'ok',
      net: false,
      raw: gross,
    });
    expect(decodeOne('toledo-8217', net)).toEqual({
      kind: 'weight',
      grams: 1234,
      stable: true,
      status: 'ok',
      net: true,
      raw: net,
    });
  });

  it('takes the unit from the options (lb replies are 0WW.WW) unless the reply names one', () => {
    expect(decodeOne('toledo-8217', bytes('\x02001.23\r'), { unit: 'lb' }).grams).toBe(557.918615);
    expect(decodeOne('toledo-8217', bytes('\x0201.234KG\r'), { unit: 'lb' }).grams).toBe(1234);
  });

  it('decodes every status bit of the spec examples', () => {
    const cases: [string, object][] = [
      ['?@', { stable: true, status: 'ok', net: false, detail: 'no status bits set' }],
      ['?A', { stable: false, status: 'ok', net: false, detail: 'motion' }],
      ['?B', { stable: true, status: 'overload', net: false, detail: 'over capacity' }],
      ['?D', { stable: true, status: 'underload', net: false, detail: 'under zero' }],
      ['?Q', { stable: false, status: 'ok', net: false, detail: 'motion, centre of zero' }],
      ['?`', { stable: true, status: 'ok', net: true, detail: 'net mode' }],
      ['?H', { stable: true, status: 'ok', net: false, detail: 'outside zero-capture range' }],
      [
        '?\x7f',
        {
          stable: false,
          status: 'overload',
          net: true,
          detail: 'motion, over capacity, under zero, outside zero-capture range, centre of zero, net mode',
        },
      ],
    ];
    for (const [status, expected] of cases) {
      const raw = bytes(`\x02${status}\r`);
      expect(decodeOne('toledo-8217', raw), status).toEqual({ kind: 'status', ...expected, raw });
    }
  });

  it('ignores the parity bit (b7) and rejects a status byte without the always-set bit 6', () => {
    expect(decodeOne('toledo-8217', hex('02 3F C1 0D'))).toMatchObject({
      kind: 'status',
      stable: false,
      detail: 'motion',
    });
    const { frames, stats } = decode('toledo-8217', hex('02 3F 31 0D 02 3F 40 0D'));
    expect(frames.map((f) => f.detail)).toEqual(['no status bits set']);
    expect(stats).toEqual({ frames: 1, badFrames: 1, droppedBytes: 0 });
  });

  it('resyncs on a second STX when a reply was cut short', () => {
    const { frames, stats } = decode('toledo-8217', hex('02 30 31 2E 02 30 31 2E 32 33 34 0D'));
    expect(frames.map((f) => f.grams)).toEqual([1234]);
    expect(stats).toEqual({ frames: 1, badFrames: 0, droppedBytes: 4 });
  });
});

describe('Toledo 8217 encoding and the simulated scale', () => {
  it('encodes the spec example and the status replies', () => {
    expect(toHex(t8217.encode(steady))).toBe('02 30 31 2E 32 33 34 0D');
    expect(toHex(t8217.encode({ ...steady, net: true }))).toBe('02 30 31 2E 32 33 34 4E 0D');
    expect(toHex(t8217.encode({ grams: 453.59237, stable: true, status: 'ok' }, { unit: 'lb' }))).toBe(
      '02 30 30 31 2E 30 30 0D',
    );
    expect(toHex(t8217.encode({ ...steady, stable: false }))).toBe('02 3F 41 0D');
    expect(toHex(t8217.encode({ ...steady, status: 'overload' }))).toBe('02 3F 42 0D');
    expect(toHex(t8217.encode({ grams: -5, stable: true, status: 'ok' }))).toBe('02 3F 44 0D');
    expect(toHex(t8217.encode({ grams: -5, stable: false, status: 'ok', net: true }))).toBe('02 3F 65 0D');
  });

  it('answers W with a weight (or ?A while moving) and Z, T, C with the status byte', () => {
    const { commands, rest } = splitCommands('toledo-8217', bytes('WZTCQ'));
    expect(rest).toHaveLength(0);
    const replies = commands.map((c) => t8217.respond?.(c, { grams: 0, stable: true, status: 'ok' }) ?? null);
    expect(replies.map((r) => (r ? toHex(r) : null))).toEqual([
      '02 30 30 2E 30 30 30 0D',
      '02 3F 50 0D',
      '02 3F 50 0D',
      '02 3F 50 0D',
      null,
    ]);
    expect(toHex(t8217.respond?.(bytes('W'), { ...steady, stable: false }) ?? new Uint8Array(0))).toBe('02 3F 41 0D');
    expect(t8217.respond?.(bytes('WW'), steady)).toBeNull();
  });

  it('exposes the 7E1 line, the W poll and the Z/T/C commands', () => {
    expect(t8217.line).toEqual({ baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 });
    expect(t8217.pollSteps?.map((s) => [toHex(s.send), s.awaits])).toEqual([['57', 'weight']]);
    expect(
      concat(t8217.zeroCommand ?? new Uint8Array(0), t8217.tareCommand ?? new Uint8Array(0), TOLEDO_8217_CLEAR_TARE),
    ).toEqual(bytes('ZTC'));
  });
});
