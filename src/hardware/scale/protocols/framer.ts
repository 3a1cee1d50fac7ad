// The byte-stream framer every protocol decoder is built on. A protocol supplies a scanner that
// looks at the unconsumed bytes and decides what is at their front; the framer owns the buffer, its
// cap and the counters. Spec A.0: resync on frame delimiters, throw partial frames away, cap the
// buffer (the Python reader cited there caps it at 128 bytes).
import type { DecoderStats, FrameDecoder, ScaleFrame } from '../protocol.js';

export type FrameBody = Omit<ScaleFrame, 'raw'>;

/**
 * What a scanner decided about the front of the buffer. `drop` leading bytes are garbage in every
 * case. `wait`: what follows may be an unfinished frame. `skip`: keep scanning after the drop.
 * `frame`: the next `length` bytes are one frame; a null body means checksum or content was bad.
 */
export type Step =
  | { kind: 'wait'; drop: number }
  | { kind: 'skip'; drop: number }
  | { kind: 'frame'; drop: number; length: number; body: FrameBody | null };

/**
 * Scanners must be monotonic: a decision taken on some bytes is the one they would take on those
 * bytes plus any continuation, and they `wait` only while a continuation could change it. That is
 * what makes every split of the input (down to single bytes) give the same frames.
 */
export type Scanner = (view: Uint8Array) => Step;

export const DEFAULT_MAX_BUFFER_BYTES = 256;

export const wait = (drop: number): Step => ({ kind: 'wait', drop });
export const skip = (drop: number): Step => ({ kind: 'skip', drop });
export const frame = (drop: number, length: number, body: FrameBody | null): Step => ({
  kind: 'frame',
  drop,
  length,
  body,
});

export class FramedDecoder implements FrameDecoder {
  private readonly cap: number;
  private readonly buf: Uint8Array;
  private start = 0;
  private end = 0;
  private counts: DecoderStats = { frames: 0, badFrames: 0, droppedBytes: 0 };

  /** `minBytes` is the protocol's longest frame: a smaller cap could never hold one, so it is raised. */
  constructor(
    private readonly scan: Scanner,
    maxBufferBytes: number | undefined,
    minBytes: number,
  ) {
    const asked =
      maxBufferBytes !== undefined && Number.isFinite(maxBufferBytes)
        ? Math.floor(maxBufferBytes)
        : DEFAULT_MAX_BUFFER_BYTES;
    this.cap = Math.max(asked, minBytes);
    this.buf = new Uint8Array(this.cap);
  }

  push(chunk: Uint8Array): ScaleFrame[] {
    const out: ScaleFrame[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.start > 0) {
        this.buf.copyWithin(0, this.start, this.end);
        this.end -= this.start;
        this.start = 0;
      }
      // Never take in more than fits: the buffer is scanned at most `cap` bytes at a time whatever
      // the chunk size, so the cap drops the same bytes for every split.
      const n = Math.min(this.cap - this.end, chunk.length - i);
      this.buf.set(chunk.subarray(i, i + n), this.end);
      this.end += n;
      i += n;
      this.drain(out);
      if (this.end - this.start >= this.cap) {
        // Full and still waiting: slide by one byte rather than clearing, so a frame glued to the
        // end of a long run of garbage (no delimiter yet) is still found when its end arrives.
        this.start += 1;
        this.counts.droppedBytes += 1;
        this.drain(out);
      }
    }
    return out;
  }

  stats(): DecoderStats {
    return { ...this.counts };
  }

  reset(): void {
    this.start = 0;
    this.end = 0;
    this.counts = { frames: 0, badFrames: 0, droppedBytes: 0 };
  }

  /** Bytes held while waiting for a frame to finish (never more than the cap). */
  buffered(): number {
    return this.end - this.start;
  }

  capacity(): number {
    return this.cap;
  }

  private drain(out: ScaleFrame[]): void {
    while (this.end > this.start) {
      const step = this.scan(this.buf.subarray(this.start, this.end));
      this.start += step.drop;
      this.counts.droppedBytes += step.drop;
      if (step.kind === 'wait') return;
      if (step.kind === 'frame') {
        const raw = this.buf.slice(this.start, this.start + step.length);
        this.start += step.length;
        if (step.body) {
          out.push({ ...step.body, raw });
          this.counts.frames += 1;
        } else {
          this.counts.badFrames += 1;
        }
      }
    }
  }
}
