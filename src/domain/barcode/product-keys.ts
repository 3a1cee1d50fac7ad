// The lookup keys of a product, and the clashes between them. The station indexes every product by
// these keys (one row per key, the key unique), so two products sharing a key cannot both be stored
// there: SKUs that differ only in letter case, a SKU equal to another product's barcode, one barcode
// on two products. The hub checks the same keys at its door (src/cloud/services/catalog.ts) with this
// same function, so what it accepts is what every station can store.
import type { Product } from '../../contract/entities.js';
import { barcodeKey } from './gtin.js';

/** key → the code it came from: the product's barcodes and its SKU (a SKU scan finds it too). */
export function productKeys(p: Pick<Product, 'sku' | 'barcodes'>): Map<string, string> {
  const keys = new Map<string, string>();
  // The SKU last: when a barcode and the SKU are the same key, the row keeps the SKU's text.
  for (const code of [...p.barcodes, p.sku]) keys.set(barcodeKey(code), code);
  return keys;
}

export interface KeyOwner {
  id: number;
  sku: string;
  /** The product's text that makes the key. */
  code: string;
  /** Its position in the batch being checked; null for a product already held. */
  index: number | null;
}

export interface KeyClash {
  key: string;
  /** The product of the batch that cannot have the key. */
  product: KeyOwner & { index: number };
  /** Who has it already: an earlier product of the batch, or one already held. */
  owner: KeyOwner;
}

/**
 * Keys of `batch` that another product has: an earlier one in the batch, or one of `held` that the
 * batch does not replace (same id). Each product of the batch is reported once per clashing key.
 */
type Keyed = Pick<Product, 'id' | 'sku' | 'barcodes'>;

export function keyClashes(batch: readonly Keyed[], held: readonly Keyed[]): KeyClash[] {
  const replaced = new Set(batch.map((p) => p.id));
  const owners = new Map<string, KeyOwner>();
  for (const p of held) {
    if (replaced.has(p.id)) continue;
    for (const [key, code] of productKeys(p)) owners.set(key, { id: p.id, sku: p.sku, code, index: null });
  }
  const clashes: KeyClash[] = [];
  batch.forEach((p, index) => {
    const mine = productKeys(p);
    const theirs = [...mine].filter(([key]) => {
      const owner = owners.get(key);
      return owner !== undefined && owner.id !== p.id;
    });
    for (const [key, code] of theirs) {
      const owner = owners.get(key) as KeyOwner;
      clashes.push({ key, product: { id: p.id, sku: p.sku, code, index }, owner });
    }
    // A product that clashes takes no keys, so the rows after it are judged against the others only.
    if (theirs.length === 0) for (const [key, code] of mine) owners.set(key, { id: p.id, sku: p.sku, code, index });
  });
  return clashes;
}

/**
 * `expected a sku no other product has (…), got "abc", the same as the sku "ABC" of <owner>`;
 * `owner` names who has the key (a product on the hub, a batch row, a CSV line).
 */
export function describeClash(c: KeyClash, owner: (o: KeyOwner) => string): string {
  const what = (o: KeyOwner) => (o.code === o.sku ? 'sku' : 'barcode');
  return (
    `expected a ${what(c.product)} no other product has (stations look codes up upper-cased, GTINs as ` +
    `GTIN-14), got "${c.product.code}", the same as the ${what(c.owner)} "${c.owner.code}" of ${owner(c.owner)}`
  );
}
