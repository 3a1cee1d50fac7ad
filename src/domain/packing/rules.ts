// Packing rules that do not need a database: which lines a pack verifies, which packaging and carrier
// an order gets, and the weight window the scale must land in.
import type { Category, OrderLine, PackLine, Product } from '../../contract/entities.js';
import type { WeightWindow } from '../../contract/station.js';

export interface PackagingRules {
  catalog: Record<string, { tareG: number }>;
  byCategory: Record<Category, string>;
  priority: readonly Category[];
}

export interface CarrierRules {
  byCategory: Record<Category, string>;
}

export interface WeightTolerance {
  toleranceG: number;
  tolerancePct: number;
}

/** The category that decides packaging and carrier for a mixed order: first in `priority` present. */
export function decidingCategory(categories: Iterable<Category>, priority: readonly Category[]): Category {
  const present = new Set(categories);
  return priority.find((c) => present.has(c)) ?? [...present][0] ?? 'general';
}

export function suggestPackaging(
  categories: Iterable<Category>,
  rules: PackagingRules,
): { code: string; tareG: number } {
  const code = rules.byCategory[decidingCategory(categories, rules.priority)];
  return { code, tareG: rules.catalog[code]?.tareG ?? 0 };
}

export function chooseCarrier(
  categories: Iterable<Category>,
  priority: readonly Category[],
  rules: CarrierRules,
): string {
  return rules.byCategory[decidingCategory(categories, priority)];
}

/** Expected = Σ unit weight × qty + packaging tare; tolerance = max(grams, percent of expected). */
export function weightWindow(itemsG: number, tareG: number, tol: WeightTolerance): WeightWindow {
  const expectedG = Math.round(itemsG + tareG);
  const toleranceG = Math.round(Math.max(tol.toleranceG, (expectedG * tol.tolerancePct) / 100));
  return { expectedG, toleranceG, minG: expectedG - toleranceG, maxG: expectedG + toleranceG };
}

export function withinWindow(grams: number, w: WeightWindow): boolean {
  return grams >= w.minG && grams <= w.maxG;
}

/**
 * The lines a pack verifies: bundles (组合商品) replaced by their components, the same product on
 * several lines merged, and units already in earlier parcels of the order subtracted.
 */
export function expandPackLines(
  lines: readonly OrderLine[],
  product: (id: number) => Product | undefined,
  alreadyParceled: ReadonlyMap<number, number> = new Map(),
): PackLine[] {
  const out = new Map<number, PackLine>();
  const add = (p: Product, qty: number, bundleTitle: string | null) => {
    const existing = out.get(p.id);
    if (existing) {
      existing.expected += qty;
      if (existing.bundleTitle !== bundleTitle) existing.bundleTitle = existing.bundleTitle ?? bundleTitle;
      return;
    }
    out.set(p.id, {
      productId: p.id,
      sku: p.sku,
      title: p.title,
      category: p.category,
      unitWeightG: p.unitWeightG,
      expected: qty,
      scanned: 0,
      bundleTitle,
      // Only when there is one, so lines without photos keep their old shape.
      ...(p.imageUrl ? { imageUrl: p.imageUrl } : {}),
    });
  };
  for (const line of lines) {
    const p = product(line.productId);
    if (!p) throw new Error(`order line ${line.lineNo}: product ${line.productId} (${line.sku}) is not in the catalog`);
    if (p.components.length === 0) {
      add(p, line.qty, null);
      continue;
    }
    for (const c of p.components) {
      const cp = product(c.productId);
      if (!cp) throw new Error(`bundle ${p.sku}: component ${c.productId} is not in the catalog`);
      add(cp, c.qty * line.qty, p.title);
    }
  }
  const result: PackLine[] = [];
  for (const l of out.values()) {
    const done = alreadyParceled.get(l.productId) ?? 0;
    const expected = l.expected - done;
    if (expected > 0) result.push({ ...l, expected });
  }
  return result;
}
