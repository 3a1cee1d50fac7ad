// The hub's door for products written through the admin API: each row is checked against the
// contract (src/contract/sync.ts productSchema), then against the batch and the hub's catalogue the
// way a station stores it (domain/barcode/product-keys.ts). A batch with any problem writes nothing;
// every problem names its row and field. (The CSV import reports line numbers instead, and keeps its
// own convention of importing the good rows: src/cloud/imports/products.ts.)
import { z } from 'zod';
import type { Product } from '../../contract/entities.js';
import { productSchema } from '../../contract/sync.js';
import { fieldProblems } from '../../contract/validation.js';
import { describeClash, keyClashes } from '../../domain/barcode/index.js';
import type { HubTx } from '../store/types.js';

/** The most problems one answer lists; the rest are counted. */
const MAX_PROBLEMS = 50;

export type CatalogCheck = { ok: true; products: Product[] } | { ok: false; problems: string[] };

/**
 * `rows` as they arrived; `held` the hub's catalogue. `label(i)` names row i in messages
 * ("products[3]", or "product" for a single-row write).
 */
export function checkProducts(
  rows: readonly unknown[],
  held: readonly Product[],
  label: (i: number) => string = (i) => `products[${i}]`,
): CatalogCheck {
  const problems: string[] = [];
  const products: Product[] = [];
  rows.forEach((raw, i) => {
    const r = productSchema.safeParse(raw);
    if (r.success) products.push(r.data);
    else for (const p of fieldProblems(r.error, raw)) problems.push(`${label(i)}.${p.message}`);
  });
  if (problems.length > 0) return { ok: false, problems: capped(problems) };

  const firstAt = new Map<number, number>();
  products.forEach((p, i) => {
    const earlier = firstAt.get(p.id);
    if (earlier === undefined) firstAt.set(p.id, i);
    else problems.push(`${label(i)}.id: expected each product once, got ${p.id} again (${label(earlier)})`);
  });
  const known = new Map<number, Product>([
    ...held.map((p) => [p.id, p] as const),
    ...products.map((p) => [p.id, p] as const),
  ]);
  products.forEach((p, i) =>
    p.components.forEach((c, j) => {
      const target = known.get(c.productId);
      const at = `${label(i)}.components[${j}].productId`;
      if (!target) problems.push(`${at}: expected a product of this batch or the hub, got ${c.productId}`);
      else if (target.components.length > 0)
        problems.push(`${at}: expected a plain product, got ${c.productId}, which is a bundle itself`);
    }),
  );
  for (const clash of keyClashes(products, held)) {
    const field = clash.product.code === clash.product.sku ? 'sku' : 'barcodes';
    problems.push(
      `${label(clash.product.index)}.${field}: ${describeClash(clash, (o) => `product ${o.id} (sku ${o.sku}, ${o.index === null ? 'on the hub' : label(o.index)})`)}`,
    );
  }
  return problems.length > 0 ? { ok: false, problems: capped(problems) } : { ok: true, products };
}

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`];
}

/** The body of POST /v1/admin/products: a list of rows, each checked by checkProducts. */
export const productBatchSchema = z.array(z.unknown()).min(1).max(10_000);

/**
 * Checks and writes products in the caller's transaction. `resend`: a row written unchanged still
 * goes to every station again (the admin's "send the corrected row" after a station quarantined it).
 */
export async function writeProducts(
  t: HubTx,
  rows: readonly unknown[],
  opts: { at: number; resend?: boolean; label?: (i: number) => string },
): Promise<{ ok: true; changed: number } | { ok: false; problems: string[] }> {
  const checked = checkProducts(rows, await t.products.all(), opts.label);
  if (!checked.ok) return checked;
  return {
    ok: true,
    changed: await t.products.upsert(checked.products, { at: opts.at, resend: opts.resend ?? false }),
  };
}

/** Why a product may not be deleted: a bundle on the hub lists it. Null when it may. */
export function deleteBlocker(id: number, held: readonly Product[]): string | null {
  const bundles = held.filter((p) => p.components.some((c) => c.productId === id)).map((p) => p.sku);
  return bundles.length > 0
    ? `product ${id} is a component of ${bundles.join(', ')}: change those bundles first`
    : null;
}
