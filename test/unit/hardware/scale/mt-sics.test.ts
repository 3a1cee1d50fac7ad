import { describe, expect, it } from 'vitest';
import type { SimReading } from '../../../../src/hardware/scale/protocol.js';
import { getProtocol, splitCommands } from '../../../../src/hardware/scale/protocols/index.js';
import { bytes, decode, decodeOne, hex, toHex } from './feed.js';

const mt = getProtocol('mt-sics');
const steady: SimReading = { grams: 1234, stable: true, status: 'ok' };
const text = (data: Uint8Array | null) => (data ? String.fromCharCode(...data) : null);

describe('MT-SICS decoding (hardware.md A.1)', () => {
  it('reads the spec SI example byte for byte', () => {
    const raw = hex('53 20 53 20 20 20 20 20 20 31 2E 32 33 34 20 6B 67 0D 0A');
    expect(decodeOne('mt-sics', raw)).toEqual({ kind: 'weight', grams: 1234, stable: true, status: 'ok', raw });
  });

  it('parses on whitespace, whatever the field width, and converts g, lb and oz', () => {
    expect(decodeOne('mt-sics', bytes('S D 512.3 g\r\n'))).toMatchObject({
      kind: 'weight',
      grams: 512.3,
      stable: false,
    });
    expect(decodeOne('mt-sics', bytes('S S          -0.020 kg\r\n'))).toMatchObject({ grams: -20, stable: true });
    expect(decodeOne('mt-sics', bytes('S S    2.000 lb\r\n')).grams).toBe(907.18474);
    expect(decodeOne('mt-sics', bytes('S S 16.00 oz\r\n')).grams).toBe(453.59237);
    expect(decodeOne('mt-sics', bytes('SI S 0.5 kg\r\n')).grams).toBe(500);
  });

  it('decodes the refusals, range replies and general errors', () => {
    const cases: [string, object][] = [
      ['S I', { kind: 'error', status: 'error', detail: 'S I not executable (busy, or no stable weight in time)' }],
      ['S +', { kind: 'status', status: 'overload', detail: 'S + overload' }],
      ['S -', { kind: 'status', status: 'underload', detail: 'S - underload' }],
      ['ES', { kind: 'error', status: 'error', detail: 'ES syntax error: command not recognised' }],
      ['ET', { kind: 'error', status: 'error', detail: 'ET transmission error (parity or framing)' }],
      ['EL', { kind: 'error', status: 'error', detail: 'EL logical error: command cannot be executed' }],
      ['Z A', { kind: 'ack', status: 'ok', detail: 'Z A zero set' }],
      ['Z I', { kind: 'error', status: 'error', detail: 'Z I zero not executable' }],
      ['Z +', { kind: 'error', status: 'error', detail: 'Z + upper limit of zero range exceeded' }],
      ['Z -', { kind: 'error', status: 'error', detail: 'Z - lower limit of zero range exceeded' }],
      ['T S      0.250 kg', { kind: 'ack', status: 'ok', net: true, detail: 'T S tare set: 0.250 kg' }],
      ['T I', { kind: 'error', status: 'error', detail: 'T I tare not executable' }],
      ['I4 A "B123456789"', { kind: 'ack', status: 'ok', detail: 'serial number "B123456789"' }],
    ];
    for (const [line, expected] of cases) {
      const raw = bytes(`${line}\r\n`);
      expect(decodeOne('mt-sics', raw), line).toEqual({ ...expected, raw });
    }
  });

  it('counts a reply with a known head but bad content as a bad frame', () => {
    const { frames, stats } = decode('mt-sics', bytes('S S 1.234 stone\r\nS X\r\nS S 1.2.3 kg\r\nS S 1.000 kg\r\n'));
    expect(frames.map((f) => f.grams)).toEqual([1000]);
    expect(stats).toEqual({ frames: 1, badFrames: 3, droppedBytes: 0 });
  });

  it('drops noise glued in front of a reply and lines with no reply head', () => {
    const { frames, stats } = decode('mt-sics', bytes('\x00\xffxS S 1.500 kg\r\nhello\r\n'));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ grams: 1500, raw: bytes('S S 1.500 kg\r\n') });
    expect(stats).toEqual({ frames: 1, badFrames: 0, droppedBytes: 3 + 7 });
  });
});

describe('MT-SICS encoding and the simulated balance', () => {
  it('encodes the spec example byte for byte', () => {
    expect(toHex(mt.encode(steady))).toBe('53 20 53 20 20 20 20 20 20 31 2E 32 33 34 20 6B 67 0D 0A');
    expect(text(mt.encode({ grams: -20, stable: false, status: 'ok' }))).toBe('S D     -0.020 kg\r\n');
    expect(text(mt.encode({ grams: 1234, stable: true, status: 'ok' }, { unit: 'g' }))).toBe('S S     1234.0 g\r\n');
    expect(text(mt.encode({ grams: 0, stable: true, status: 'overload' }))).toBe('S +\r\n');
    expect(text(mt.encode({ grams: 0, stable: true, status: 'underload' }))).toBe('S -\r\n');
  });

  it('answers one complete command at a time, found by splitCommands across chunks', () => {
    let pending: Uint8Array = new Uint8Array(0);
    const replies: (string | null)[] = [];
    for (const chunk of ['S', 'I\r', '\nZ\r\nT\r\nXY', 'Z\r\n@\r\nS']) {
      const { commands, rest } = splitCommands('mt-sics', new Uint8Array([...pending, ...bytes(chunk)]));
      for (const c of commands) replies.push(text(mt.respond?.(c, steady) ?? null));
      pending = rest;
    }
    expect(replies).toEqual([
      'S S      1.234 kg\r\n',
      'Z A\r\n',
      'T S      1.234 kg\r\n',
      'ES\r\n',
      'I4 A "SIM00001"\r\n',
    ]);
    expect(text(pending)).toBe('S');
  });

  it('refuses S, Z and T the way the balance does while unsteady or out of range', () => {
    const moving: SimReading = { grams: 800, stable: false, status: 'ok' };
    expect(text(mt.respond?.(bytes('S\r\n'), moving) ?? null)).toBe('S I\r\n');
    expect(text(mt.respond?.(bytes('SI\r\n'), moving) ?? null)).toBe('S D      0.800 kg\r\n');
    expect(text(mt.respond?.(bytes('Z\r\n'), moving) ?? null)).toBe('Z I\r\n');
    expect(text(mt.respond?.(bytes('ZI\r\n'), moving) ?? null)).toBe('Z A\r\n');
    expect(text(mt.respond?.(bytes('T\r\n'), { ...steady, status: 'overload' }) ?? null)).toBe('T +\r\n');
    expect(mt.respond?.(bytes('SI'), steady)).toBeNull();
  });
});
