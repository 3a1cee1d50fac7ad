import { describe, expect, it } from 'vitest';
import type { Order, Product } from '../../../src/contract/entities.js';
import {
  DEMO_DEFAULTS,
  DEMO_ORDER_INDEXES,
  demoOrderIndexes,
  generateCatalog,
  generateDemo,
  generateOrders,
  generateWaybills,
} from '../../../src/demo/data/generator.js';

// Independent of the generator's own helper on purpose: the test must catch a wrong implementation.
function gs1Valid(code: string): boolean {
  if (!/^\d+$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop();
  let sum = 0;
  digits.reverse().forEach((d, i) => {
    sum += d * (i % 2 === 0 ? 3 : 1);
  });
  return (10 - (sum % 10)) % 10 === check;
}

const demo = generateDemo(DEMO_DEFAULTS);
const byId = new Map(demo.products.map((p) => [p.id, p]));
const bundleIds = new Set(demo.products.filter((p) => p.components.length > 0).map((p) => p.id));
const hasBundle = (o: Order): boolean => o.lines.some((l) => bundleIds.has(l.productId));
const share = (orders: Order[], test: (o: Order) => boolean): number => orders.filter(test).length / orders.length;

describe('demo determinism', () => {
  it('gives deep-equal data for the same seed and different data for another seed', () => {
    expect(generateDemo(DEMO_DEFAULTS)).toEqual(demo);
    const other = generateDemo({ ...DEMO_DEFAULTS, seed: DEMO_DEFAULTS.seed + 1 });
    expect(other.orders[0]?.id).not.toBe(demo.orders[0]?.id);
    expect(other.products[0]?.barcodes[0]).not.toBe(demo.products[0]?.barcodes[0]);
    expect(other.waybills.SF?.[0]).not.toBe(demo.waybills.SF?.[0]);
    expect(other.products.map((p) => p.title)).toEqual(demo.products.map((p) => p.title));
  });

  it('keeps the default seed stable across releases', () => {
    expect(demo.products[0]).toMatchObject({ id: 1, sku: 'SKU-FRG-0001', title: '玻璃香薰瓶 200ml', unitWeightG: 300 });
    expect(demo.orders[0]?.id).toBe('3732746868600531307');
    expect(demo.orders[0]?.pickSlip).toBe('PS-20261125-0001');
    expect(demo.waybills.SF?.[0]).toBe('SF3705210416933');
  });
});

describe('demo catalog', () => {
  const simple = demo.products.filter((p) => p.components.length === 0);
  const bundles = demo.products.filter((p) => p.components.length > 0);

  it('has at least 10 products in each packaging category and a few general ones', () => {
    expect(demo.products.length).toBeGreaterThanOrEqual(64);
    for (const category of ['fragile', 'apparel', 'food', 'fresh', 'valuable'] as const) {
      expect(simple.filter((p) => p.category === category).length).toBeGreaterThanOrEqual(10);
    }
    expect(simple.filter((p) => p.category === 'general').length).toBe(3);
  });

  it('numbers ids 1..n with unique skus and sensible weights and prices', () => {
    expect(demo.products.map((p) => p.id)).toEqual(demo.products.map((_, i) => i + 1));
    const skus = demo.products.map((p) => p.sku);
    expect(new Set(skus).size).toBe(skus.length);
    for (const p of demo.products) {
      expect(p.sku).toMatch(/^SKU-(FRG|APP|FOD|FRS|VAL|GEN|BDL)-\d{4}$/);
      expect(Number.isInteger(p.priceFen) && p.priceFen >= 100).toBe(true);
      expect(p.unitWeightG).toBeGreaterThanOrEqual(30);
      expect(p.unitWeightG).toBeLessThanOrEqual(6000);
    }
    expect(byId.get(48)).toMatchObject({ sku: 'SKU-FRS-0009', title: '海南芒果 3kg', unitWeightG: 3200 });
  });

  it('gives every product a valid 690–699 EAN-13 and keeps all barcodes valid and unique', () => {
    const all = demo.products.flatMap((p) => p.barcodes);
    expect(new Set(all).size).toBe(all.length);
    for (const p of demo.products) {
      expect(p.barcodes.length === 1 || p.barcodes.length === 2).toBe(true);
      const [primary, second] = p.barcodes;
      expect(primary).toMatch(/^69\d{11}$/);
      expect(gs1Valid(primary ?? '')).toBe(true);
      if (second !== undefined) {
        expect(second).toMatch(/^(69\d{11}|[1-8]69\d{11})$/);
        expect(gs1Valid(second)).toBe(true);
      }
    }
    expect(demo.products.filter((p) => p.barcodes.length === 2).length).toBeGreaterThanOrEqual(10);
    expect(demo.products.some((p) => p.barcodes[1]?.length === 14)).toBe(true);
  });

  it('builds bundles from existing products with summed weight and the heaviest part’s category', () => {
    expect(bundles.length).toBeGreaterThanOrEqual(4);
    expect(bundles.map((b) => b.title)).toContain('护肤三件套');
    for (const b of bundles) {
      expect(b.components.length).toBeGreaterThanOrEqual(2);
      const parts = b.components.map((c) => ({ part: byId.get(c.productId) as Product, qty: c.qty }));
      for (const { part } of parts) expect(part.components).toEqual([]);
      expect(b.unitWeightG).toBe(parts.reduce((sum, { part, qty }) => sum + part.unitWeightG * qty, 0));
      const heaviest = [...parts].sort((x, y) => y.part.unitWeightG * y.qty - x.part.unitWeightG * x.qty)[0];
      expect(b.category).toBe(heaviest?.part.category);
      expect(b.barcodes).toHaveLength(1);
    }
    const skincare = bundles.find((b) => b.title === '护肤三件套');
    expect(skincare?.unitWeightG).toBe(280 + 120 + 210);
  });

  it('has four packers and one supervisor with badges', () => {
    expect(demo.packers.map((p) => [p.id, p.badge, p.role])).toEqual([
      ['P01', 'BADGE-P01', 'packer'],
      ['P02', 'BADGE-P02', 'packer'],
      ['P03', 'BADGE-P03', 'packer'],
      ['P04', 'BADGE-P04', 'packer'],
      ['S01', 'BADGE-S01', 'supervisor'],
    ]);
    for (const p of demo.packers) expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
  });
});

describe('demo orders', () => {
  const orders = demo.orders;

  it('produces 19-digit unique ids, pick slips by index and deliverable (unmasked) recipients', () => {
    expect(orders).toHaveLength(320);
    expect(new Set(orders.map((o) => o.id)).size).toBe(320);
    orders.forEach((o, i) => {
      expect(o.id).toMatch(/^37\d{17}$/);
      expect(o.pickSlip).toBe(`PS-20261125-${String(i + 1).padStart(4, '0')}`);
      expect(o.recipientName).not.toContain('*');
      expect(o.recipientPhone).toMatch(/^1\d{10}$/);
      expect(o.address.detail).not.toContain('*');
    });
    expect(orders.some((o) => o.recipientName.length >= 3)).toBe(true);
    expect(new Set(orders.map((o) => o.address.province)).size).toBeGreaterThanOrEqual(15);
  });

  it('copies product data into numbered lines and sums the value', () => {
    for (const o of orders) {
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(4);
      o.lines.forEach((l, i) => {
        const p = byId.get(l.productId) as Product;
        expect(l.lineNo).toBe(i + 1);
        expect(l.qty).toBeGreaterThanOrEqual(1);
        expect([l.sku, l.title, l.priceFen]).toEqual([p.sku, p.title, p.priceFen]);
      });
      expect(o.valueFen).toBe(o.lines.reduce((sum, l) => sum + l.priceFen * l.qty, 0));
    }
    expect(orders.some((o) => o.lines.some((l) => l.qty > 1))).toBe(true);
  });

  it('counts time back from baseTime by index', () => {
    let previous = Infinity;
    for (const o of orders) {
      expect(o.paidAt).not.toBeNull();
      const paidAt = o.paidAt ?? 0;
      expect(paidAt).toBeLessThan(previous);
      expect(o.updatedAt).toBeGreaterThanOrEqual(paidAt);
      expect(o.updatedAt).toBeLessThanOrEqual(DEMO_DEFAULTS.baseTime);
      previous = paidAt;
    }
    expect(orders[319]?.paidAt).toBeGreaterThan(DEMO_DEFAULTS.baseTime - 320 * 90_000 - 60_000);
  });

  it('mixes channels, statuses, flags and remarks in the intended shares', () => {
    const catalog = generateCatalog(7);
    const many = [...generateOrders(7, catalog, 20_000)];
    const bundlesOf7 = new Set(catalog.products.filter((p) => p.components.length > 0).map((p) => p.id));
    for (const [list, slack] of [
      [many, 0.01],
      [orders, 0.03],
    ] as const) {
      expect(Math.abs(share(list, (o) => o.status === 'cancelled') - 0.05)).toBeLessThan(slack + 0.005);
      expect(Math.abs(share(list, (o) => o.flags.length > 0) - 0.04)).toBeLessThan(slack);
      expect(Math.abs(share(list, (o) => o.channel === 'channels_shop') - 0.45)).toBeLessThan(slack * 3);
      expect(Math.abs(share(list, (o) => o.channel === 'mini_program') - 0.25)).toBeLessThan(slack * 3);
      expect(Math.abs(share(list, (o) => o.channel === 'official_account') - 0.15)).toBeLessThan(slack * 3);
      expect(Math.abs(share(list, (o) => o.channel === 'live_room') - 0.15)).toBeLessThan(slack * 3);
    }
    expect(Math.abs(share(many, (o) => o.status === 'held') - 0.01)).toBeLessThan(0.003);
    expect(share(many, (o) => o.remark !== '')).toBeGreaterThan(0.1);
    for (const o of many) {
      if (o.status === 'held') expect(o.holdReason).toBe('STOCK-SHORT');
      else expect(o.holdReason).toBeNull();
      expect(o.flags.length).toBeLessThanOrEqual(1);
      if (o.flags.length > 0) expect(o.status).toBe('open');
      if (o.flags[0] === 'combo_conflict') expect(o.lines.some((l) => bundlesOf7.has(l.productId))).toBe(true);
    }
    for (const flag of ['address_ambiguous', 'duplicate_payment', 'combo_conflict'] as const) {
      expect(share(many, (o) => o.flags[0] === flag)).toBeGreaterThan(0.01);
    }
  });

  it('starts with ten easy orders', () => {
    for (const o of orders.slice(0, 10)) {
      expect(o.status).toBe('open');
      expect(o.flags).toEqual([]);
      expect(o.lines.length).toBeLessThanOrEqual(3);
      expect(hasBundle(o)).toBe(false);
    }
  });

  it('puts each exception kind at its documented index within the first 30', () => {
    expect(orders[DEMO_ORDER_INDEXES.cancelled]?.status).toBe('cancelled');
    expect(orders[DEMO_ORDER_INDEXES.held]).toMatchObject({ status: 'held', holdReason: 'STOCK-SHORT' });
    expect(orders[DEMO_ORDER_INDEXES.addressAmbiguous]?.flags).toEqual(['address_ambiguous']);
    expect(orders[DEMO_ORDER_INDEXES.duplicatePayment]?.flags).toEqual(['duplicate_payment']);
    expect(orders[DEMO_ORDER_INDEXES.comboConflict]?.flags).toEqual(['combo_conflict']);
    expect(hasBundle(orders[DEMO_ORDER_INDEXES.comboConflict] as Order)).toBe(true);
    expect(hasBundle(orders[DEMO_ORDER_INDEXES.bundle] as Order)).toBe(true);
    expect(orders[DEMO_ORDER_INDEXES.multiQty]?.lines[0]?.qty).toBeGreaterThanOrEqual(3);
    for (const seed of [DEMO_DEFAULTS.seed, 1, 99]) {
      const d = generateDemo({ ...DEMO_DEFAULTS, seed, orders: 40 });
      expect(demoOrderIndexes(d.orders, d.products)).toEqual({
        easy: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        ...DEMO_ORDER_INDEXES,
      });
    }
  });

  it('resumes at any startIndex with exactly the order of the full stream', () => {
    const catalog = generateCatalog(5);
    const base = { baseTime: DEMO_DEFAULTS.baseTime };
    const full = [...generateOrders(5, catalog, 2_005, base)];
    const resumed = [...generateOrders(5, catalog, 5, { ...base, startIndex: 2_000 })];
    expect(resumed).toEqual(full.slice(2_000));
    expect([...generateOrders(DEMO_DEFAULTS.seed, demo, 1, { ...base, startIndex: 123 })][0]).toEqual(orders[123]);
  });

  // CPU time, not wall time: the checkout is shared and other test runs compete for the cores.
  // Its speed is measured by `npm run bench` (the scan benchmark loads a million orders), not here:
  // this machine is shared, and a timed assertion fails when it is busy.
  it('streams a million orders, each resumable from its index', () => {
    const catalog = generateCatalog(3);
    let lines = 0;
    let last: Order | undefined;
    for (const o of generateOrders(3, catalog, 1_000_000)) {
      lines += o.lines.length;
      last = o;
    }
    expect(lines).toBeGreaterThan(1_500_000);
    expect(last?.pickSlip).toMatch(/^PS-\d{8}-1000000$/);
    expect(last).toEqual([...generateOrders(3, catalog, 1, { startIndex: 999_999 })][0]);
  }, 30_000);
});

describe('demo waybills', () => {
  it('fills four carriers with unique numbers in their real formats', () => {
    const formats: Record<string, RegExp> = {
      SF: /^SF\d{13}$/,
      ZTO: /^7\d{11}$/,
      JD: /^JDV\d{12}$/,
      YTO: /^YT\d{13}$/,
    };
    expect(Object.keys(demo.waybills).sort()).toEqual(['JD', 'SF', 'YTO', 'ZTO']);
    const all: string[] = [];
    for (const [carrier, pool] of Object.entries(demo.waybills)) {
      expect(pool).toHaveLength(150);
      for (const w of pool) expect(w).toMatch(formats[carrier] as RegExp);
      all.push(...pool);
    }
    expect(new Set(all).size).toBe(600);
    expect(generateWaybills(DEMO_DEFAULTS.seed, 150)).toEqual(demo.waybills);
    expect(generateWaybills(DEMO_DEFAULTS.seed, 10).ZTO).toEqual(demo.waybills.ZTO?.slice(0, 10));
  });
});
