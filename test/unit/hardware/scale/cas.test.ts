import { describe, expect, it } from 'vitest';
import type { SimReading } from '../../../../src/hardware/scale/protocol.js';
import { getProtocol, splitCommands } from '../../../../src/hardware/scale/protocols/index.js';
import { concat, decode, decodeOne, hex, toHex } from './feed.js';

const cas = getProtocol('cas');
const steady: SimReading = { grams: 1234, stable: true, status: 'ok' };
// SOH STX 'S' ' ' "01.234" "kg" BCC ETX EOT, BCC = 53^20^30^31^2E^32^33^34^6B^67 = 65.
const STANDARD = '01 02 53 20 30 31 2E 32 33 34 6B 67 65 03 04';

describe('CAS decoding (hardware.md A.6)', () => {
  it('reads ACK as the handshake step', () => {
    expect(decodeOne('cas', hex('06'))).toEqual({
      kind: 'ack',
      status: 'ok',
      detail: 'ACK: ready to send',
      raw: hex('06'),
    });
  });

  it('reads the 6-character weight field with its decimal point and verifies BCC', () => {
    const raw = hex(STANDARD);
    expect(decodeOne('cas', raw)).toEqual({ kind: 'weight', grams: 1234, stable: true, status: 'ok', raw });
  });

  it('reads the 7-character variant (BCC over bytes 3..13), with or without EOT, and SOH 0x81', () => {
    // 'U' '-' "001.234" "kg": BCC = 55^2D^30^30^31^2E^32^33^34^6B^67 = 5E.
    const withEot = hex('01 02 55 2D 30 30 31 2E 32 33 34 6B 67 5E 03 04');
    const withoutEot = hex('81 02 55 2D 30 30 31 2E 32 33 34 6B 67 5E 03');
    const { frames, stats } = decode('cas', concat(withEot, withoutEot, hex('06')));
    expect(frames.map((f) => [f.kind, f.grams, f.stable, f.raw.length])).toEqual([
      ['weight', -1234, false, 16],
      ['weight', -1234, false, 15],
      ['ack', undefined, undefined, 1],
    ]);
    expect(stats).toEqual({ frames: 3, badFrames: 0, droppedBytes: 0 });
  });

  it('reads sign F as overload and lb units', () => {
    // 'S' 'F' "FFFFFF" "kg": BCC = 53^46^46^46^46^46^46^46^6B^67 = 19.
    expect(decodeOne('cas', hex('01 02 53 46 46 46 46 46 46 46 6B 67 19 03 04'))).toMatchObject({
      kind: 'status',
      stable: true,
      status: 'overload',
      detail: 'F overload',
    });
    const lb = cas.encode({ grams: 907.18474, stable: true, status: 'ok' }, { unit: 'lb' });
    expect(String.fromCharCode(...lb.subarray(4, 12))).toBe('02.000lb');
    expect(decodeOne('cas', lb).grams).toBe(907.18474);
  });

  it('counts a wrong BCC or an unknown STA as a bad frame', () => {
    const wrongBcc = hex(STANDARD);
    wrongBcc[12] = 0x64;
    const badSta = hex('01 02 58 20 30 31 2E 32 33 34 6B 67 6E 03 04');
    const { frames, stats } = decode('cas', concat(wrongBcc, badSta, hex(STANDARD)));
    expect(frames.map((f) => f.grams)).toEqual([1234]);
    expect(stats).toEqual({ frames: 1, badFrames: 2, droppedBytes: 0 });
  });
});

describe('CAS encoding and the simulated scale', () => {
  it('encodes a steady 1.234 kg as the standard frame', () => {
    expect(toHex(cas.encode(steady))).toBe(STANDARD);
    expect(toHex(cas.encode({ grams: 0, stable: false, status: 'overload' }))).toBe(
      '01 02 55 46 46 46 46 46 46 46 6B 67 1F 03 04',
    );
  });

  it('answers ENQ with ACK and DC1 with a frame; commands may arrive split', () => {
    let pending: Uint8Array = new Uint8Array(0);
    const replies: string[] = [];
    for (const chunk of [hex('05 3C 5A'), hex('4B 3E 09 11'), hex('3C 54 4B 3E')]) {
      const { commands, rest } = splitCommands('cas', concat(pending, chunk));
      for (const c of commands) {
        const reply = cas.respond?.(c, steady) ?? null;
        replies.push(`${toHex(c)} → ${reply ? toHex(reply) : 'null'}`);
      }
      pending = rest;
    }
    expect(replies).toEqual(['05 → 06', '3C 5A 4B 3E 09 → null', `11 → ${STANDARD}`]);
    expect(toHex(pending)).toBe('3C 54 4B 3E');
  });

  it('declares the ENQ → ACK, DC1 → weight poll and the zero/tare commands from the spec', () => {
    expect(cas.pollSteps?.map((s) => [toHex(s.send), s.awaits])).toEqual([
      ['05', 'ack'],
      ['11', 'weight'],
    ]);
    expect(toHex(cas.zeroCommand ?? new Uint8Array(0))).toBe('3C 5A 4B 3E 09');
    expect(toHex(cas.tareCommand ?? new Uint8Array(0))).toBe('3C 54 4B 3E 09');
  });
});
