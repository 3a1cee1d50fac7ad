// Bundles (组合商品) are catalogue products with components; the ledger draws those components
// when a bundle sells. These calls read and set a bundle's components by SKU, through the
// catalogue's own checks, so stations get the change with the product.
import type { Product } from '../../contract/entities.js';
import type { HubTx } from '../store/types.js';
import { writeProducts } from './catalog.js';
import { bundlesOf } from './stock-levels.js';

export async function listBundles(t: HubTx): Promise<{ sku: string; components: { sku: string; qty: number }[] }[]> {
  return [...(await bundlesOf(t, null))].map(([sku, components]) => ({ sku, components }));
}

export async function setBundle(
  t: HubTx,
  sku: string,
  components: readonly { sku: string; qty: number }[],
  at: number,
): Promise<{ ok: true } | { ok: false; status: 400 | 404; message: string }> {
  const product = await t.products.bySku(sku);
  if (!product) return { ok: false, status: 404, message: `no product with sku "${sku}" (import products first)` };
  // Its own units would vanish from every figure once it counts as its components.
  const own = (await t.stock.totals([sku], null)).reduce((n, r) => n + r.onHand, 0);
  if (own !== 0)
    return {
      ok: false,
      status: 400,
      message: `sku: "${sku}" has ${own} unit(s) on hand of its own; a bundle holds no stock (adjust them to 0 first)`,
    };
  const parts: Product['components'] = [];
  for (const [i, c] of components.entries()) {
    const part = await t.products.bySku(c.sku);
    if (!part)
      return { ok: false, status: 400, message: `components[${i}].sku: expected a product on the hub, got "${c.sku}"` };
    parts.push({ productId: part.id, qty: c.qty });
  }
  const res = await writeProducts(t, [{ ...product, components: parts }], { at, resend: true, label: () => sku });
  return res.ok ? { ok: true } : { ok: false, status: 400, message: res.problems.join('\n') };
}
