// Pre-allocated waybill pools. Carriers hand merchants number ranges, so each pool climbs from a random
// start in small random steps: monotonic (hence unique) and shaped like each carrier's real numbers.
import { mixSeed, Rng } from '../../base/prng.js';

interface WaybillFormat {
  prefix: string;
  digits: number;
  /** The numeric part is drawn from [min, max) before stepping. */
  min: number;
  max: number;
}

export const WAYBILL_FORMATS: Record<string, WaybillFormat> = {
  SF: { prefix: 'SF', digits: 13, min: 1e12, max: 8e12 },
  ZTO: { prefix: '', digits: 12, min: 7e11, max: 7.9e11 },
  JD: { prefix: 'JDV', digits: 12, min: 1e10, max: 9e11 },
  YTO: { prefix: 'YT', digits: 13, min: 1e12, max: 8e12 },
};

const MAX_STEP = 37;

export function generateWaybills(seed: number, perCarrier: number): Record<string, string[]> {
  if (!Number.isInteger(perCarrier) || perCarrier < 0)
    throw new Error(`waybillsPerCarrier must be a non-negative integer`);
  const out: Record<string, string[]> = {};
  Object.entries(WAYBILL_FORMATS).forEach(([carrier, f], i) => {
    const rng = new Rng(mixSeed(seed, 0xa7b0 + i));
    // Two draws because one 32-bit draw cannot cover a 13-digit range evenly.
    const span = f.max - f.min;
    let n = f.min + Math.floor(rng.next() * (span / 1e6)) * 1e6 + rng.int(1e6);
    const pool: string[] = [];
    for (let k = 0; k < perCarrier; k++) {
      n += 1 + rng.int(MAX_STEP);
      pool.push(f.prefix + String(n).padStart(f.digits, '0'));
    }
    out[carrier] = pool;
  });
  return out;
}
