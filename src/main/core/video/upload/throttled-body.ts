// One part of a file (or of bytes in memory, a manifest) as a stream whose chunks pass the token
// bucket before they are handed on: the HTTP client pulls the body at the bucket's rate, so the cap
// holds on the wire, not just on average.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { TokenBucket } from './token-bucket.js';

const CHUNK = 16 * 1024;

export function throttledPart(source: string | Buffer, start: number, length: number, bucket: TokenBucket): Readable {
  const chunks: AsyncIterable<Buffer> | Iterable<Buffer> =
    typeof source === 'string'
      ? length === 0
        ? []
        : (createReadStream(source, { start, end: start + length - 1, highWaterMark: CHUNK }) as AsyncIterable<Buffer>)
      : slices(source.subarray(start, start + length));
  async function* paced(): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      await bucket.take(chunk.length);
      yield chunk;
    }
  }
  return Readable.from(paced(), { objectMode: false });
}

function* slices(buf: Buffer): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, i + CHUNK);
}
