import { describe, expect, it } from 'vitest';
import { SCALE_PROTOCOLS, type ScaleProtocolId } from '../../../../src/hardware/scale/protocol.js';
import { benchmarkParsers } from '../../../../src/hardware/scale/protocols/bench.js';
import { PROTOCOLS, getProtocol, splitCommands } from '../../../../src/hardware/scale/protocols/index.js';

describe('protocol table', () => {
  it('holds one record per protocol id, keyed by its own id', () => {
    expect(Object.keys(PROTOCOLS).sort()).toEqual([...SCALE_PROTOCOLS].sort());
    for (const id of SCALE_PROTOCOLS) expect(getProtocol(id).id).toBe(id);
  });

  it('throws a readable error for an id from a bad config', () => {
    expect(() => getProtocol('dibal' as ScaleProtocolId)).toThrow(
      'unknown scale protocol "dibal"; expected one of mt-sics, toledo-8217',
    );
  });

  it('has the default line settings and modes from the spec', () => {
    const summary = Object.fromEntries(
      SCALE_PROTOCOLS.map((id) => {
        const p = getProtocol(id);
        const l = p.line;
        return [
          id,
          `${l.baudRate} ${l.dataBits}${l.parity[0]?.toUpperCase()}${l.stopBits} ${p.mode} ${p.hasStabilityFlag ? 'flag' : 'inferred'}`,
        ];
      }),
    );
    expect(summary).toEqual({
      'mt-sics': '9600 8N1 poll flag',
      'toledo-8217': '9600 7E1 poll flag',
      'toledo-continuous': '9600 8N1 stream flag',
      'st-gs': '9600 8N1 stream flag',
      'yaohua-a9': '9600 8N1 stream inferred',
      'yaohua-eq': '9600 8N1 stream inferred',
      'yaohua-a12': '9600 8N1 stream inferred',
      cas: '9600 8N1 poll flag',
    });
  });

  it('gives every poll protocol poll steps and a responder, and no stream protocol either', () => {
    for (const id of SCALE_PROTOCOLS) {
      const p = getProtocol(id);
      const poll = p.mode === 'poll';
      expect([id, Boolean(p.pollSteps?.length), typeof p.respond === 'function', (p.pollIntervalMs ?? 0) > 0]).toEqual([
        id,
        poll,
        poll,
        poll,
      ]);
    }
  });

  it('splits no commands for stream protocols', () => {
    expect(splitCommands('yaohua-a9', Uint8Array.of(0x57, 0x0d, 0x0a))).toEqual({
      commands: [],
      rest: new Uint8Array(0),
    });
  });

  it('keeps at most 64 bytes of an unfinished MT-SICS command', () => {
    expect(splitCommands('mt-sics', new Uint8Array(100).fill(0x41)).rest).toHaveLength(64);
  });
});

describe('benchmarkParsers', () => {
  it('reports a positive frame rate for each of the 8 protocols, in table order', () => {
    const results = benchmarkParsers(0.001);
    expect(results.map((r) => r.protocol)).toEqual([...SCALE_PROTOCOLS]);
    for (const r of results) expect(r.framesPerSecond).toBeGreaterThan(0);
  });
});
