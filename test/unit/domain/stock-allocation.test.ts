// Channel allocation against tables worked out by hand (README "Allocation and publishing").
import { describe, expect, it } from 'vitest';
import {
  allocate,
  displayed,
  safetyReserve,
  type AllocationChannel,
  type AllocationSettings,
} from '../../../src/domain/stock/allocation.js';
import { Rng } from '../../../src/base/prng.js';

const DEFAULTS: AllocationSettings = { safetyReservePct: 5, displayFactor: 0.95 };
const EXACT: AllocationSettings = { safetyReservePct: 0, displayFactor: 1 };
const fixed = (id: string, ratio: number): AllocationChannel => ({ id, policy: 'fixed', ratio });
const dynamic = (id: string, weight = 1): AllocationChannel => ({ id, policy: 'dynamic', weight });

/** channel → [allocated, published] */
function table(a: ReturnType<typeof allocate>): Record<string, [number, number]> {
  return Object.fromEntries(a.channels.map((c) => [c.channel, [c.allocated, c.published]]));
}

describe('allocate: fixed ratios', () => {
  it('100 units, 5 % reserve, 60/40, factor 0.95', () => {
    // reserve ⌈100 × 5 %⌉ = 5 → 95 sellable; 57 and 38; ⌊57 × 0.95⌋ = ⌊54.15⌋, ⌊38 × 0.95⌋ = ⌊36.1⌋
    const a = allocate({ available: 100, pools: {} }, [fixed('shop1', 0.6), fixed('mini1', 0.4)], DEFAULTS);
    expect(table(a)).toEqual({ shop1: [57, 54], mini1: [38, 36] });
    expect(a).toMatchObject({ shared: 100, reserve: 5, unallocated: 0 });
  });

  it('an odd unit goes to the largest fraction, ties to the first channel', () => {
    // 10 units: reserve ⌈0.5⌉ = 1 → 9; 4.5 + 4.5 → 4 + 4 and one left → the first channel
    const a = allocate({ available: 10, pools: {} }, [fixed('shop1', 0.5), fixed('mini1', 0.5)], DEFAULTS);
    expect(table(a)).toEqual({ shop1: [5, 4], mini1: [4, 3] });
    expect(a.reserve).toBe(1);
  });

  it('ratios read exactly: 0.57 + 0.43 of 100 is 57 + 43', () => {
    const a = allocate({ available: 100, pools: {} }, [fixed('a', 0.57), fixed('b', 0.43)], EXACT);
    expect(table(a)).toEqual({ a: [57, 57], b: [43, 43] });
  });

  it('ratios below 1 leave the rest unallocated; thirds of 10 give 3 + 3 + 3', () => {
    const a = allocate({ available: 10, pools: {} }, [fixed('a', 1 / 3), fixed('b', 1 / 3), fixed('c', 1 / 3)], EXACT);
    expect(table(a)).toEqual({ a: [3, 3], b: [3, 3], c: [3, 3] });
    expect(a.unallocated).toBe(1);
    const half = allocate({ available: 10, pools: {} }, [fixed('a', 0.5)], EXACT);
    expect(table(half)).toEqual({ a: [5, 5] });
    expect(half.unallocated).toBe(5);
  });

  it('ratios summing above 1 are scaled down to sum to 1', () => {
    const a = allocate({ available: 20, pools: {} }, [fixed('a', 0.8), fixed('b', 0.8)], EXACT);
    expect(table(a)).toEqual({ a: [10, 10], b: [10, 10] });
  });
});

describe('allocate: dynamic weights by sales velocity', () => {
  it('weight × (units sold + 1), largest remainder', () => {
    // effective 1×10, 1×1, 2×5 = 10, 1, 10 of 21: 47.62, 4.76, 47.62 → 47, 4, 47 (98);
    // two units left: b (.76) then a (.62, first of the tie with c)
    const a = allocate({ available: 100, pools: {} }, [dynamic('a'), dynamic('b'), dynamic('c', 2)], EXACT, {
      a: 9,
      b: 0,
      c: 4,
    });
    expect(table(a)).toEqual({ a: [48, 48], b: [5, 5], c: [47, 47] });
  });

  it('no sales anywhere: split by base weight', () => {
    const a = allocate({ available: 30, pools: {} }, [dynamic('a', 2), dynamic('b', 1)], EXACT);
    expect(table(a)).toEqual({ a: [20, 20], b: [10, 10] });
  });

  it('dynamic channels share what the fixed ones leave', () => {
    // shop 50 % = 50; 50 left for a : b = 1×1 : 1×3 → 12.5, 37.5 → 12, 37 and one left → a (tie, first)
    const a = allocate({ available: 100, pools: {} }, [fixed('shop1', 0.5), dynamic('a'), dynamic('b')], EXACT, {
      b: 2,
    });
    expect(table(a)).toEqual({ shop1: [50, 50], a: [13, 13], b: [37, 37] });
  });

  it('a weight of 0 gets nothing', () => {
    const a = allocate({ available: 9, pools: {} }, [dynamic('a', 0), dynamic('b')], EXACT, { a: 100 });
    expect(table(a)).toEqual({ a: [0, 0], b: [9, 9] });
  });
});

describe('safety reserve', () => {
  it.each([
    [0, 5, 0],
    [1, 5, 1],
    [19, 5, 1],
    [20, 5, 1],
    [21, 5, 2],
    [100, 5, 5],
    [100, 0, 0],
    [100, 12.5, 13],
    [7, 100, 7],
  ])('%i units at %d %% → %i held back', (units, pct, held) => {
    expect(safetyReserve(units, pct)).toBe(held);
  });

  it('is held back from every pool, the last unit included', () => {
    const a = allocate({ available: 1, pools: {} }, [fixed('shop1', 1)], DEFAULTS);
    expect(table(a)).toEqual({ shop1: [0, 0] });
    expect(a.reserve).toBe(1);
  });
});

describe('dedicated pools', () => {
  it('the pool sells only to its channel and never competes with the shared stock', () => {
    // 60 available, 20 in groupbuy's pool: shared 40 → reserve 2 → 38 for shop1; pool 20 → reserve 1 → 19
    const channels = [fixed('shop1', 1), { id: 'groupbuy', policy: 'fixed' as const, dedicatedPool: true }];
    const a = allocate({ available: 60, pools: { groupbuy: 20 } }, channels, DEFAULTS);
    expect(table(a)).toEqual({ shop1: [38, 36], groupbuy: [19, 18] });
    expect(a).toMatchObject({ shared: 40, reserve: 3, unallocated: 0 });
  });

  it('an empty pool gives its channel nothing even when the shared pool is full', () => {
    const channels = [fixed('shop1', 1), { id: 'groupbuy', policy: 'dynamic' as const, dedicatedPool: true }];
    const a = allocate({ available: 50, pools: {} }, channels, EXACT);
    expect(table(a)).toEqual({ shop1: [50, 50], groupbuy: [0, 0] });
  });

  it('pools never add up to more than is available; a pool no channel owns stays unallocated', () => {
    const channels = [fixed('shop1', 1), { id: 'groupbuy', policy: 'fixed' as const, dedicatedPool: true }];
    expect(table(allocate({ available: 10, pools: { groupbuy: 15 } }, channels, EXACT))).toEqual({
      shop1: [0, 0],
      groupbuy: [10, 10],
    });
    const orphan = allocate({ available: 10, pools: { live: 4 } }, [fixed('shop1', 1)], EXACT);
    expect(table(orphan)).toEqual({ shop1: [6, 6] });
    expect(orphan.unallocated).toBe(4);
  });

  it('a pool below zero takes its shortfall from nobody else', () => {
    const channels = [fixed('shop1', 1), { id: 'groupbuy', policy: 'fixed' as const, dedicatedPool: true }];
    expect(table(allocate({ available: 8, pools: { groupbuy: -2 } }, channels, EXACT))).toEqual({
      shop1: [8, 8],
      groupbuy: [0, 0],
    });
  });
});

describe('the README worked example', () => {
  it('120 units, 20 in groupbuy’s pool, shop1 60 % / mini1 40 %', () => {
    const groupbuy = { id: 'groupbuy', policy: 'fixed' as const, dedicatedPool: true };
    const a = allocate(
      { available: 120, pools: { groupbuy: 20 } },
      [fixed('shop1', 0.6), fixed('mini1', 0.4), groupbuy],
      DEFAULTS,
    );
    expect(table(a)).toEqual({ shop1: [57, 54], mini1: [38, 36], groupbuy: [19, 18] });
    const dyn = allocate(
      { available: 120, pools: { groupbuy: 20 } },
      [dynamic('shop1'), dynamic('mini1'), groupbuy],
      DEFAULTS,
      { shop1: 9, mini1: 4 },
    );
    expect(table(dyn)).toEqual({ shop1: [63, 59], mini1: [32, 30], groupbuy: [19, 18] });
  });
});

describe('display factor and edges', () => {
  it.each([
    [20, 0.95, 19],
    [7, 0.95, 6],
    [100, 0.95, 95],
    [1, 0.95, 0],
    [3, 1, 3],
    [3, 0, 0],
    [10_000_000, 0.95, 9_500_000],
    [0, 0.95, 0],
    [-4, 0.95, 0],
  ])('⌊%i × %d⌋ = %i', (allocated, factor, shown) => {
    expect(displayed(allocated, factor)).toBe(shown);
  });

  it('oversold (available below 0) publishes 0 everywhere, never a negative', () => {
    const a = allocate({ available: -7, pools: {} }, [fixed('shop1', 0.5), dynamic('mini1')], DEFAULTS);
    expect(table(a)).toEqual({ shop1: [0, 0], mini1: [0, 0] });
    expect(a).toMatchObject({ shared: 0, reserve: 0, unallocated: 0 });
  });

  it('no channels: everything sellable is unallocated', () => {
    expect(allocate({ available: 40, pools: {} }, [], DEFAULTS)).toEqual({
      shared: 40,
      reserve: 2,
      unallocated: 38,
      channels: [],
    });
  });

  it('never allocates more than exists, and every unit is accounted for (random tables)', () => {
    const rng = new Rng(13);
    for (let run = 0; run < 1000; run++) {
      const channels: AllocationChannel[] = [];
      const n = 1 + rng.int(5);
      for (let i = 0; i < n; i++) {
        const id = `c${i}`;
        if (rng.chance(0.2)) channels.push({ id, policy: 'fixed', dedicatedPool: true });
        else if (rng.chance(0.5)) channels.push({ id, policy: 'fixed', ratio: rng.next() * 0.6 });
        else channels.push({ id, policy: 'dynamic', weight: rng.int(4) });
      }
      const available = rng.int(5000) - 50;
      const pools = Object.fromEntries(channels.filter((c) => c.dedicatedPool).map((c) => [c.id, rng.int(200) - 10]));
      const sold = Object.fromEntries(channels.map((c) => [c.id, rng.int(50)]));
      const settings = { safetyReservePct: rng.int(20), displayFactor: rng.next() };
      const a = allocate({ available, pools }, channels, settings, sold);
      const given = a.channels.reduce((s, c) => s + c.allocated, 0);
      expect(given + a.reserve + a.unallocated).toBe(Math.max(0, available));
      for (const c of a.channels) {
        expect(c.allocated).toBeGreaterThanOrEqual(0);
        expect(c.published).toBeGreaterThanOrEqual(0);
        expect(c.published).toBeLessThanOrEqual(c.allocated);
        expect(Number.isInteger(c.allocated) && Number.isInteger(c.published)).toBe(true);
      }
    }
  });
});
