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
  const body = Readable.from(paced(), { objectMode: false });
  // stop() aborts the bucket's wait, so the body fails — often after the HTTP client, aborted by the
  // same signal, has stopped reading it. The upload's own promise reports the failure; without a
  // listener here that late stream error would be an uncaught exception and take the station down.
  body.on('error', () => undefined);
  return body;
}

function* slices(buf: Buffer): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, i + CHUNK);
}
