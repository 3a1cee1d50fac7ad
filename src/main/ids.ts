// Globally unique, time-ordered ids (UUID version 7, RFC 9562): 48-bit Unix milliseconds, then
// random bits. Random v4 ids land on random B-tree pages, so every insert dirtied pages all over
// the index; time-ordered ids append to the same rightmost page, which keeps each commit small.
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(10 * 256);
let poolOffset = pool.length;
let lastMs = 0;
let seq = 0;

export function newId(nowMs: number = Date.now()): string {
  if (poolOffset + 10 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const rnd = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 10;
  // Within one millisecond keep ids increasing with a 12-bit counter in rand_a (RFC 9562 §6.2, method 1).
  seq = nowMs === lastMs ? (seq + 1) & 0xfff : (rnd[0]! << 4) & 0x7ff;
  lastMs = nowMs;
  const b = Buffer.alloc(16);
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (rnd[1]! & 0x3f);
  rnd.copy(b, 9, 2, 9);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
