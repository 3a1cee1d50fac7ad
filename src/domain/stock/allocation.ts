// How one SKU's available stock is shared out among the selling channels, and how much of each
// share is shown to buyers (README "Allocation and publishing"). Pure integer arithmetic, so a
// table worked out by hand is exactly what the hub publishes:
//
//   1. Pools. A channel with `dedicatedPool` sells only the units transferred into its pool; the
//      shared pool is the rest: available − Σ dedicated pools (a pool below zero counts as zero:
//      its shortfall comes out of the shared units, so the total never exceeds what exists).
//   2. Safety reserve, held back from every pool: ⌈pool × pct / 100⌉. Rounding the reserve up is
//      what keeps the whole-unit shares below what exists.
//   3. The shared pool's sellable units go to the non-dedicated channels: `fixed` channels take
//      ratio × sellable (ratios summing above 1 are scaled down to sum to 1); `dynamic` channels
//      split what the fixed ones leave by weight × (units sold in the velocity window + 1). The
//      +1 keeps a channel that has not sold yet in the running, in proportion to its weight.
//   4. Whole units by largest remainder: each channel gets the floor of its exact share, then the
//      units the fractions add up to go one each to the largest fractions (ties: config order).
//      The sum of the shares never exceeds ⌊Σ exact shares⌋ ≤ sellable.
//   5. Published = ⌊allocated × displayFactor⌋.
// Ratios are read to 6 decimals, weights to 3, the reserve to 0.01 % and the factor to 4 decimals;
// the arithmetic is exact (BigInt) from there, so 0.57 + 0.43 of 100 units is 57 + 43, not 56 + 43.
import { SHARED_POOL } from '../../contract/stock-ledger.js';

export interface AllocationChannel {
  id: string;
  policy: 'fixed' | 'dynamic';
  /** fixed: share 0..1 of the shared pool's sellable units (absent = 0). */
  ratio?: number | undefined;
  /** dynamic: base weight (default 1). */
  weight?: number | undefined;
  dedicatedPool?: boolean | undefined;
}

export interface AllocationSettings {
  /** Held back from every pool, in percent (5 = 5 %). */
  safetyReservePct: number;
  /** published = ⌊allocated × displayFactor⌋, 0..1. */
  displayFactor: number;
}

export interface SkuStock {
  /** Units free to sell across all pools (on hand − reserved); may be negative when oversold. */
  available: number;
  /** Units free in each dedicated pool, by channel id. */
  pools: Readonly<Record<string, number>>;
}

export interface ChannelShare {
  channel: string;
  allocated: number;
  published: number;
}

export interface Allocation {
  /** Units in the shared pool (before the reserve). */
  shared: number;
  /** Units held back as safety reserve, over all pools. */
  reserve: number;
  /** Sellable units no channel was given (ratios below 1, a pool of an unconfigured channel, rounding). */
  unallocated: number;
  /** One entry per configured channel, in config order. */
  channels: ChannelShare[];
}

const RATIO_SCALE = 1_000_000n;
const WEIGHT_SCALE = 1000;
const PCT_SCALE = 10_000; // basis points of a whole: 5 % → 500
const FACTOR_SCALE = 10_000;

/** Units held back from a pool of `units`: ⌈units × pct / 100⌉. */
export function safetyReserve(units: number, safetyReservePct: number): number {
  if (units <= 0) return 0;
  const bp = Math.round(Math.min(100, Math.max(0, safetyReservePct)) * 100);
  return Math.floor((units * bp + PCT_SCALE - 1) / PCT_SCALE);
}

/** What buyers see of an allocated share: ⌊allocated × factor⌋, never below 0. */
export function displayed(allocated: number, displayFactor: number): number {
  if (allocated <= 0) return 0;
  const f = Math.round(displayFactor * FACTOR_SCALE);
  return Number((BigInt(allocated) * BigInt(f)) / BigInt(FACTOR_SCALE));
}

/**
 * Each channel's share of one SKU. `sold`: units each channel sold of this SKU in the velocity
 * window (only dynamic channels read it).
 */
export function allocate(
  stock: SkuStock,
  channels: readonly AllocationChannel[],
  settings: AllocationSettings,
  sold: Readonly<Record<string, number>> = {},
): Allocation {
  const sellable = (units: number) => units - safetyReserve(units, settings.safetyReservePct);
  // Pools are taken out of what is available one by one, so together they never exceed it.
  let shared = Math.max(0, Math.trunc(stock.available));
  const allocated = new Map<string, number>();
  let reserve = 0;
  let dedicatedSellable = 0;
  for (const [id, units] of Object.entries(stock.pools)) {
    if (id === SHARED_POOL) continue;
    const inPool = Math.min(Math.max(0, Math.trunc(units)), shared);
    shared -= inPool;
    reserve += safetyReserve(inPool, settings.safetyReservePct);
    dedicatedSellable += sellable(inPool);
    if (channels.some((c) => c.id === id && c.dedicatedPool)) allocated.set(id, sellable(inPool));
  }
  reserve += safetyReserve(shared, settings.safetyReservePct);
  for (const c of channels) if (c.dedicatedPool && !allocated.has(c.id)) allocated.set(c.id, 0);

  const sharedChannels = channels.filter((c) => !c.dedicatedPool);
  const sharedSellable = sellable(shared);
  const shares = splitShared(sharedSellable, sharedChannels, sold);
  for (const [id, n] of shares) allocated.set(id, n);

  const given = [...allocated.values()].reduce((a, b) => a + b, 0);
  return {
    shared,
    reserve,
    unallocated: Math.max(0, sharedSellable + dedicatedSellable - given),
    channels: channels.map((c) => {
      const n = allocated.get(c.id) ?? 0;
      return { channel: c.id, allocated: n, published: displayed(n, settings.displayFactor) };
    }),
  };
}

/** Steps 3 and 4: whole-unit shares of `units` for channels that sell from the shared pool. */
function splitShared(
  units: number,
  channels: readonly AllocationChannel[],
  sold: Readonly<Record<string, number>>,
): Map<string, number> {
  const out = new Map<string, number>(channels.map((c) => [c.id, 0]));
  if (units <= 0 || channels.length === 0) return out;
  const ratioOf = (c: AllocationChannel) =>
    c.policy === 'fixed' ? BigInt(Math.round(Math.max(0, c.ratio ?? 0) * Number(RATIO_SCALE))) : 0n;
  const effOf = (c: AllocationChannel) =>
    c.policy === 'dynamic'
      ? BigInt(Math.round(Math.max(0, c.weight ?? 1) * WEIGHT_SCALE)) *
        BigInt(Math.max(0, Math.trunc(sold[c.id] ?? 0)) + 1)
      : 0n;
  const ratioSum = channels.reduce((s, c) => s + ratioOf(c), 0n);
  const effSum = channels.reduce((s, c) => s + effOf(c), 0n);
  // Exact share of channel c = numerator(c) / denominator, all integers.
  const whole = ratioSum > RATIO_SCALE ? ratioSum : RATIO_SCALE;
  const dynamicPart = whole - ratioSum;
  const effDen = effSum > 0n ? effSum : 1n;
  const denominator = whole * effDen;
  const u = BigInt(units);
  const numerators = channels.map((c) => (c.policy === 'fixed' ? ratioOf(c) * u * effDen : dynamicPart * u * effOf(c)));

  const floors = numerators.map((n) => n / denominator);
  const total = numerators.reduce((a, b) => a + b, 0n) / denominator;
  let left = Number(total - floors.reduce((a, b) => a + b, 0n));
  const byRemainder = numerators
    .map((n, i) => ({ i, rem: n % denominator }))
    .filter((x) => x.rem > 0n)
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    left -= 1;
  }
  channels.forEach((c, i) => out.set(c.id, Number(floors[i] ?? 0n)));
  return out;
}
