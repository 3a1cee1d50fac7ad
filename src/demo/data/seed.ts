// Fills an empty station database with the deterministic demo: catalog, packers, orders and a
// waybill pool per carrier. Never touches a database that already has orders.
import type { Stores } from '../../main/core/packing/context.js';
import { generateDemo } from './generator.js';

export interface DemoSeedOptions {
  seed: number;
  orders: number;
  waybillsPerCarrier: number;
  baseTime: number;
}

export function seedDemo(
  stores: Stores,
  opts: DemoSeedOptions,
): { products: number; orders: number; waybills: number } {
  const demo = generateDemo(opts);
  stores.catalog.upsert(demo.products);
  stores.packers.upsert(demo.packers);
  stores.orders.upsert(demo.orders);
  let waybills = 0;
  for (const [carrier, numbers] of Object.entries(demo.waybills))
    waybills += stores.pool.add(carrier, numbers, opts.baseTime).added;
  return { products: demo.products.length, orders: demo.orders.length, waybills };
}
