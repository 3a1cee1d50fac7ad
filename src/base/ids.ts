// Globally unique, time-ordered ids (UUID version 7, RFC 9562): 48-bit Unix milliseconds, then
// random bits. Random v4 ids land on random B-tree pages, so every insert dirtied pages all over
// the index; time-ordered ids append to the same rightmost page, which keeps each commit small.
// The time always comes from the caller's injected clock, so tests that step a manual clock get
// ids in the order of their own timeline. Web Crypto (global in Node 20 and browsers) gives the
// random bits, so this stays free of Node modules.
import type { Clock } from './clock.js';

const pool = new Uint8Array(10 * 256);
let poolOffset = pool.length;
let lastMs = 0;
let seq = 0;

function randomBytes(): Uint8Array {
  if (poolOffset + 10 > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const rnd = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 10;
  return rnd;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');

export function newId(nowMs: number): string {
  const rnd = randomBytes();
  // Within one millisecond keep ids increasing with a 12-bit counter in rand_a (RFC 9562 §6.2, method 1).
  seq = nowMs === lastMs ? (seq + 1) & 0xfff : (rnd[0]! << 4) & 0x7ff;
  lastMs = nowMs;
  const b = new Uint8Array(16);
  let ms = nowMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (rnd[1]! & 0x3f);
  b.set(rnd.subarray(2, 9), 9);
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Ids stamped by an injected clock: what the core, the hub and tests hand around. */
export type IdSource = () => string;

export function idsFrom(clock: Pick<Clock, 'now'>): IdSource {
  return () => newId(clock.now());
}
