// Deterministic demo data for the station: catalog, packers, orders and waybill pools from one seed.
// Pure: no clock, no Math.random, no I/O, so tests, demos and benchmarks see exactly the same data.
import type { Order, Product } from '../../contract/entities.js';
import { generateCatalog } from './catalog.js';
import { DEFAULT_BASE_TIME, EASY_ORDER_COUNT, generateOrders } from './orders.js';
import type { DemoData } from './types.js';
import { generateWaybills } from './waybills.js';

export type { DemoCatalog, DemoData } from './types.js';
export { generateCatalog } from './catalog.js';
export { gs1CheckDigit } from './barcodes.js';
export {
  DEFAULT_BASE_TIME,
  DEMO_ORDER_INDEXES,
  EASY_ORDER_COUNT,
  MAX_ORDER_INDEX,
  SCRIPTED_ORDER_COUNT,
  generateOrders,
} from './orders.js';
export { WAYBILL_FORMATS, generateWaybills } from './waybills.js';

/** Same defaults as the `demo` section of the station config. */
export const DEMO_DEFAULTS = { seed: 20261125, orders: 320, waybillsPerCarrier: 150, baseTime: DEFAULT_BASE_TIME };

export function generateDemo(opts: {
  seed: number;
  orders: number;
  waybillsPerCarrier: number;
  baseTime: number;
}): DemoData {
  const catalog = generateCatalog(opts.seed);
  const orders = [...generateOrders(opts.seed, catalog, opts.orders, { baseTime: opts.baseTime })];
  return { ...catalog, orders, waybills: generateWaybills(opts.seed, opts.waybillsPerCarrier) };
}

export interface DemoOrderIndexes {
  /** Open, unflagged, 1–3 lines, no bundle. */
  easy: number[];
  /** First index of each special case, -1 when the list has none. */
  bundle: number;
  multiQty: number;
  cancelled: number;
  held: number;
  addressAmbiguous: number;
  duplicatePayment: number;
  comboConflict: number;
}

/**
 * Finds the special orders in a generated list; for any seed, a list from index 0 gives exactly
 * DEMO_ORDER_INDEXES. Order lines do not say whether a product is a bundle, hence the products.
 */
export function demoOrderIndexes(orders: readonly Order[], products: readonly Product[]): DemoOrderIndexes {
  const bundleProductIds = new Set(products.filter((p) => p.components.length > 0).map((p) => p.id));
  const first = (test: (o: Order) => boolean): number => orders.findIndex(test);
  const hasBundle = (o: Order): boolean => o.lines.some((l) => bundleProductIds.has(l.productId));
  const plainOpen = (o: Order): boolean => o.status === 'open' && o.flags.length === 0;
  return {
    easy: orders
      .slice(0, EASY_ORDER_COUNT)
      .flatMap((o, i) => (plainOpen(o) && o.lines.length <= 3 && !hasBundle(o) ? [i] : [])),
    bundle: first((o) => plainOpen(o) && hasBundle(o)),
    multiQty: first((o) => plainOpen(o) && o.lines.some((l) => l.qty >= 3)),
    cancelled: first((o) => o.status === 'cancelled'),
    held: first((o) => o.status === 'held'),
    addressAmbiguous: first((o) => o.flags.includes('address_ambiguous')),
    duplicatePayment: first((o) => o.flags.includes('duplicate_payment')),
    comboConflict: first((o) => o.flags.includes('combo_conflict')),
  };
}
