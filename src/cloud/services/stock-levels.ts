// Stock figures read from the ledger: on hand, reserved and available per SKU, per dedicated
// channel pool, and for bundles (组合商品) the number their scarcest component allows. Sales
// velocity for the allocation and the board comes from the reservations of paid orders.
import { SHARED_POOL } from '../../contract/stock-ledger.js';
import { bundleAvailable, type BundleComponent } from '../../domain/stock/bundles.js';
import type { HubTx } from '../store/types.js';
import type { StockPoolTotals } from '../store/stock-types.js';

export interface SkuLevel {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  /** available in each dedicated channel pool (channel id → units); shared pool = available − Σ */
  pools: Record<string, number>;
}

/** Components by SKU of every bundle among `skus` (every bundle in the catalogue when null). */
export async function bundlesOf(t: HubTx, skus: readonly string[] | null): Promise<Map<string, BundleComponent[]>> {
  const products = skus === null ? await t.products.all() : [];
  if (skus !== null)
    for (const sku of skus) {
      const p = await t.products.bySku(sku);
      if (p) products.push(p);
    }
  const out = new Map<string, BundleComponent[]>();
  for (const p of products) {
    if (p.components.length === 0) continue;
    const components: BundleComponent[] = [];
    for (const c of p.components) {
      const part = await t.products.get(c.productId);
      if (part) components.push({ sku: part.sku, qty: c.qty });
    }
    out.set(p.sku, components);
  }
  return out;
}

/** The components of one SKU (none for a plain product or an unknown SKU). */
export async function componentsOf(t: HubTx, sku: string): Promise<BundleComponent[]> {
  return (await bundlesOf(t, [sku])).get(sku) ?? [];
}

function levelsFromTotals(rows: readonly StockPoolTotals[]): Map<string, SkuLevel> {
  const out = new Map<string, SkuLevel>();
  for (const r of rows) {
    const level = out.get(r.sku) ?? { sku: r.sku, onHand: 0, reserved: 0, available: 0, pools: {} };
    level.onHand += r.onHand;
    level.reserved += r.reserved;
    level.available = level.onHand - level.reserved;
    if (r.pool !== SHARED_POOL) level.pools[r.pool] = (level.pools[r.pool] ?? 0) + r.onHand - r.reserved;
    out.set(r.sku, level);
  }
  return out;
}

/** A bundle's figures: as many bundles as the components allow, on hand and available alike. */
function bundleLevel(sku: string, components: readonly BundleComponent[], plain: Map<string, SkuLevel>): SkuLevel {
  const of = (s: string) => plain.get(s);
  const onHand = bundleAvailable(components, (s) => of(s)?.onHand ?? 0);
  const available = bundleAvailable(components, (s) => of(s)?.available ?? 0);
  const pools: Record<string, number> = {};
  const poolIds = new Set(components.flatMap((c) => Object.keys(of(c.sku)?.pools ?? {})));
  for (const pool of poolIds) pools[pool] = bundleAvailable(components, (s) => of(s)?.pools[pool] ?? 0);
  return { sku, onHand, reserved: onHand - available, available, pools };
}

/**
 * Levels of `skus` (every SKU with movements, and every bundle, when null), optionally at one
 * location. Bundles report available = min over components ⌊available / qty⌋.
 */
export async function readLevels(
  t: HubTx,
  skus: readonly string[] | null,
  location: string | null = null,
): Promise<SkuLevel[]> {
  const bundles = await bundlesOf(t, skus);
  const wanted = skus === null ? null : [...new Set([...skus, ...[...bundles.values()].flat().map((c) => c.sku)])];
  const plain = levelsFromTotals(await t.stock.totals(wanted, location));
  const names = skus ?? [...new Set([...plain.keys(), ...bundles.keys()])].sort();
  return names.map((sku) => {
    const components = bundles.get(sku);
    if (components) return bundleLevel(sku, components, plain);
    return plain.get(sku) ?? { sku, onHand: 0, reserved: 0, available: 0, pools: {} };
  });
}

/** Units available to an order selling from `pool` (the shared pool, or a channel's dedicated one). */
export async function availableIn(t: HubTx, skus: readonly string[], pool: string): Promise<Map<string, number>> {
  const out = new Map(skus.map((s) => [s, 0]));
  for (const r of await t.stock.totals(skus, null))
    if (r.pool === pool) out.set(r.sku, (out.get(r.sku) ?? 0) + r.onHand - r.reserved);
  return out;
}

/** Units reserved per channel and SKU since `sinceMs` (paid orders): sales velocity. */
export async function readSales(t: HubTx, sinceMs: number): Promise<{ channel: string; sku: string; qty: number }[]> {
  return t.stock.sales(sinceMs);
}
