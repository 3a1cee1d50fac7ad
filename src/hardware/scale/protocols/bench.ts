// Decoder throughput for `npm run bench`: each decoder is fed a pre-encoded stream in 64-byte
// chunks (a typical USB-serial read size), as the serial reader would. Reported, never asserted.
import { SCALE_PROTOCOLS, type ScaleProtocolId, type SimReading } from '../protocol.js';
import { concatBytes } from './bytes.js';
import { PROTOCOLS } from './index.js';

const FRAMES_PER_STREAM = 2000;
const CHUNK = 64;

function stream(id: ScaleProtocolId): Uint8Array {
  const protocol = PROTOCOLS[id];
  const parts: Uint8Array[] = [];
  for (let i = 0; i < FRAMES_PER_STREAM; i++) {
    // Weights 0–49.999 kg, a tenth of them unsteady, a few negative: frames of every shape.
    const reading: SimReading = {
      grams: ((i * 7919) % 50_000) - (i % 50 === 0 ? 60_000 : 0),
      stable: i % 10 !== 0,
      status: 'ok',
    };
    parts.push(protocol.encode(reading));
  }
  // "=" frames end at the next '=': one more opens the frame that closes the last one.
  if (id === 'yaohua-eq') parts.push(Uint8Array.of(0x3d));
  return concatBytes(parts);
}

/** Frames decoded per second for each protocol, spending about `seconds` on each (at least one pass). */
export function benchmarkParsers(seconds: number): { protocol: ScaleProtocolId; framesPerSecond: number }[] {
  return SCALE_PROTOCOLS.map((id) => {
    const bytes = stream(id);
    const decoder = PROTOCOLS[id].createDecoder();
    let frames = 0;
    const started = performance.now();
    let elapsed: number;
    do {
      decoder.reset();
      for (let i = 0; i < bytes.length; i += CHUNK) frames += decoder.push(bytes.subarray(i, i + CHUNK)).length;
      elapsed = performance.now() - started;
    } while (elapsed < seconds * 1000);
    return { protocol: id, framesPerSecond: Math.round((frames * 1000) / Math.max(elapsed, 0.001)) };
  });
}
