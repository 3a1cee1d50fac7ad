// Fills an empty station database with the deterministic demo data directly: catalog, packers,
// orders and a waybill pool per carrier. For benchmarks and tests that need a desk with work and no
// hub; the demo itself (`packdesk station --demo`) gets its orders from the embedded demo hub.
import type { Stores } from '../../main/core/packing/context.js';
import { generateDemo } from '../../demo/data/generator.js';

export interface SeedOptions {
  seed: number;
  orders: number;
  waybillsPerCarrier: number;
  baseTime: number;
}

export function seedStation(stores: Stores, opts: SeedOptions): { products: number; orders: number; waybills: number } {
  const demo = generateDemo(opts);
  stores.catalog.upsert(demo.products);
  stores.packers.upsert(demo.packers);
  stores.orders.upsert(demo.orders);
  let waybills = 0;
  for (const [carrier, numbers] of Object.entries(demo.waybills))
    waybills += stores.pool.add(carrier, numbers, opts.baseTime).added;
  return { products: demo.products.length, orders: demo.orders.length, waybills };
}
