// Seeded randomness (Mulberry32) for everything that must be the same on every run: the demo data,
// the fake WeChat's order batches and the synthetic event logs. Reseeding is one assignment, so the
// demo order generator can derive a fresh stream per order index and resume at any index.

const TWO_32 = 4294967296;

/** Murmur3 finaliser over a (seed, salt) pair; seeds beyond 32 bits keep their high word. */
export function mixSeed(seed: number, salt: number): number {
  const s = Math.trunc(seed);
  const hi = Math.floor(s / TWO_32) >>> 0;
  const saltHi = Math.floor(salt / TWO_32) >>> 0;
  let h = (s >>> 0) ^ Math.imul(hi, 0x85ebca6b) ^ Math.imul((salt >>> 0) + 0x9e3779b9, 0xc2b2ae35) ^ saltHi;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Mulberry32. */
export class Rng {
  private state: number;

  // Kept as a signed int32 so V8 stores it as a small integer instead of boxing a heap number.
  constructor(seed: number) {
    this.state = seed | 0;
  }

  reseed(seed: number): void {
    this.state = seed | 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_32;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('Rng.pick on an empty list');
    return item;
  }
}
