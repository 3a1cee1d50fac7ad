// Decoder rules every protocol shares (task brief; hardware.md A.0): any split gives the same
// frames, garbage between frames is dropped and counted, bad frames are counted and skipped, the
// buffer never exceeds its cap, and push never throws.
import { describe, expect, it } from 'vitest';
import { FramedDecoder, getProtocol } from '../../../../src/hardware/scale/protocols/index.js';
import { concat, decode, decodeSplit, expectSplitInvariant, noise } from './feed.js';
import { CASES, streamOf } from './streams.js';

describe.each(CASES)('$id decoder', (c) => {
  it('gives the same frames for the example stream split at every byte and fed byte by byte', () => {
    const { frames, stats } = expectSplitInvariant(c.id, streamOf(c), c.options);
    expect(frames.map((f) => f.raw)).toEqual(c.frames);
    expect(stats).toEqual({ frames: c.frames.length, badFrames: 0, droppedBytes: 0 });
  });

  const good = c.noiseSafe ?? c.frames;

  it('skips noise, partial frames and a bad frame between frames, counting each', () => {
    const pieces = good.flatMap((f, i) => [noise(7, 11 + i, c.delimiters), c.partial, c.bad, f]);
    const stream = concat(...pieces, c.trailer ?? new Uint8Array(0));
    const { frames, stats } = expectSplitInvariant(c.id, stream, c.options);
    expect(frames.map((f) => f.raw)).toEqual(good);
    const rounds = good.length;
    expect(stats).toEqual({
      frames: rounds,
      badFrames: rounds * c.badPerRound,
      droppedBytes: rounds * c.droppedPerRound,
    });
  });

  it('finds every frame between runs of random noise, dropping exactly the noise', () => {
    const clean = decode(c.id, concat(...good, c.trailer ?? new Uint8Array(0)), c.options).frames;
    const pieces = good.flatMap((f, i) => [noise(1 + ((i * 37) % 60), 1000 + i, c.delimiters), f]);
    const { frames, stats } = decode(c.id, concat(...pieces, c.trailer ?? new Uint8Array(0)), c.options);
    expect(frames).toHaveLength(good.length);
    expect(frames).toEqual(clean);
    expect(stats.badFrames).toBe(0);
    expect(stats.droppedBytes).toBe(pieces.reduce((n, p, i) => n + (i % 2 === 0 ? p.length : 0), 0));
  });

  it('never holds more than maxBufferBytes, however long a frame never ends, then resyncs', () => {
    const decoder = getProtocol(c.id).createDecoder({ ...c.options, maxBufferBytes: 64 });
    expect(decoder).toBeInstanceOf(FramedDecoder);
    const framed = decoder as FramedDecoder;
    expect(framed.capacity()).toBe(64);
    const filler = new Uint8Array(37).fill(c.filler);
    expect(decoder.push(c.endless)).toEqual([]);
    for (let i = 0; i < 100; i++) {
      expect(decoder.push(filler).filter((f) => f.kind === 'weight')).toEqual([]);
      expect(framed.buffered()).toBeLessThanOrEqual(64);
    }
    expect(decoder.stats().frames).toBe(0);
    const end = decoder.push(concat(Uint8Array.of(0x0a), ...c.frames, c.trailer ?? new Uint8Array(0)));
    expect(end.map((f) => f.raw).slice(-c.frames.length)).toEqual(c.frames);
  });

  it('never throws on random bytes, gives the same result for any chunking, and respects the cap', () => {
    const data = noise(4000, 7);
    const whole = decode(c.id, data, c.options);
    const cuts: number[] = [];
    for (let at = 0, i = 0; at < data.length; i++) cuts.push((at += 1 + ((i * 53) % 97)));
    expect(
      decodeSplit(
        c.id,
        data,
        cuts.filter((x) => x < data.length),
        c.options,
      ),
    ).toEqual(whole);
    const decoder = getProtocol(c.id).createDecoder(c.options) as FramedDecoder;
    for (let at = 0; at < data.length; at += 3) {
      decoder.push(data.subarray(at, at + 3));
      expect(decoder.buffered()).toBeLessThanOrEqual(decoder.capacity());
    }
    expect(decoder.stats()).toEqual(whole.stats);
  });

  it('forgets buffered bytes and counters on reset', () => {
    const decoder = getProtocol(c.id).createDecoder(c.options);
    const first = [...c.frames].sort((a, b) => b.length - a.length)[0] ?? new Uint8Array(0);
    decoder.push(first.subarray(0, first.length - 1));
    decoder.reset();
    expect(decoder.stats()).toEqual({ frames: 0, badFrames: 0, droppedBytes: 0 });
    expect(decoder.push(first.subarray(first.length - 1))).toEqual([]);
  });
});

it('finds a line frame glued to more noise than the cap holds: the buffer slides, not clears', () => {
  const line = new TextEncoder().encode(`${'x'.repeat(1000)}S S      1.234 kg\r\n`);
  const { frames, stats } = decodeSplit('mt-sics', line, [300, 700]);
  expect(frames.map((f) => f.grams)).toEqual([1234]);
  expect(stats).toEqual({ frames: 1, badFrames: 0, droppedBytes: 1000 });
});
