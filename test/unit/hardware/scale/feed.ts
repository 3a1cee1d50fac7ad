// Shared helpers for the scale protocol tests: spec bytes from hex, whole-stream decoding, and the
// split-invariance check every decoder must pass (any split of the input gives the same frames).
import { expect } from 'vitest';
import type {
  DecoderStats,
  ProtocolOptions,
  ScaleFrame,
  ScaleProtocolId,
} from '../../../../src/hardware/scale/protocol.js';
import { getProtocol } from '../../../../src/hardware/scale/protocols/index.js';

/** "02 2B 30" → bytes, as the spec writes them. */
export function hex(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/), (h) => parseInt(h, 16));
}

export function bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function toHex(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface Decoded {
  frames: ScaleFrame[];
  stats: DecoderStats;
}

/** Decode `data` cut at the given offsets (ascending). */
export function decodeSplit(id: ScaleProtocolId, data: Uint8Array, cuts: number[], options?: ProtocolOptions): Decoded {
  const decoder = getProtocol(id).createDecoder(options);
  const frames: ScaleFrame[] = [];
  let from = 0;
  for (const cut of [...cuts, data.length]) {
    frames.push(...decoder.push(data.subarray(from, cut)));
    from = cut;
  }
  return { frames, stats: decoder.stats() };
}

export function decode(id: ScaleProtocolId, data: Uint8Array, options?: ProtocolOptions): Decoded {
  return decodeSplit(id, data, [], options);
}

/** The single frame `data` holds (fails unless there is exactly one). */
export function decodeOne(id: ScaleProtocolId, data: Uint8Array, options?: ProtocolOptions): ScaleFrame {
  const { frames } = decode(id, data, options);
  expect(frames).toHaveLength(1);
  return frames[0] as ScaleFrame;
}

/**
 * Feeds `stream` whole, then cut at every single offset, then one byte at a time, and asserts the
 * same frames and counters each time. Returns the whole-stream result for further assertions.
 */
export function expectSplitInvariant(id: ScaleProtocolId, stream: Uint8Array, options?: ProtocolOptions): Decoded {
  const whole = decode(id, stream, options);
  for (let cut = 1; cut < stream.length; cut++) {
    expect(decodeSplit(id, stream, [cut], options), `cut at byte ${cut}`).toEqual(whole);
  }
  const everyByte = Array.from({ length: stream.length - 1 }, (_, i) => i + 1);
  expect(decodeSplit(id, stream, everyByte, options), 'one byte at a time').toEqual(whole);
  return whole;
}

/** Deterministic noise (xorshift32) so a failing garbage test reproduces. */
export function noise(length: number, seed: number, exclude: readonly number[] = []): Uint8Array {
  let s = seed >>> 0 || 1;
  const out: number[] = [];
  while (out.length < length) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const b = (s >>> 0) & 0xff;
    if (!exclude.includes(b)) out.push(b);
  }
  return Uint8Array.from(out);
}
