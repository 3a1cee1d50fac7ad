// Bundles (组合商品) hold no stock of their own: selling one draws each component, and as many
// bundles are available as the scarcest component allows.

export interface BundleComponent {
  sku: string;
  qty: number;
}

/** A line's demand on the ledger: a plain SKU as itself, a bundle as its components × qty. */
export function expandLine(
  line: { sku: string; qty: number },
  componentsOf: (sku: string) => readonly BundleComponent[],
): BundleComponent[] {
  const components = componentsOf(line.sku);
  if (components.length === 0) return [{ sku: line.sku, qty: line.qty }];
  return components.map((c) => ({ sku: c.sku, qty: c.qty * line.qty }));
}

/** Needs per SKU of several lines, summed (two lines, or a bundle and its component, of one SKU). */
export function totalNeeds(needs: readonly BundleComponent[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of needs) out.set(n.sku, (out.get(n.sku) ?? 0) + n.qty);
  return out;
}

/** min over components of ⌊available / qty per bundle⌋; never below 0. */
export function bundleAvailable(components: readonly BundleComponent[], available: (sku: string) => number): number {
  if (components.length === 0) return 0;
  let n = Number.POSITIVE_INFINITY;
  for (const c of components) n = Math.min(n, Math.floor(Math.max(0, available(c.sku)) / c.qty));
  return n;
}
