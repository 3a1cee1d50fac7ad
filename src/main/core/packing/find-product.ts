// The catalog product a scan names, for packing and for the stock modes alike.
import { barcodeKey, type NormalizedScan } from '../../../domain/barcode/index.js';
import type { Product } from '../../../contract/entities.js';
import type { DeskContext } from './context.js';

/**
 * The product a scan names: by its GTIN, by the UPC-E reading of 8 digits valid both ways
 * (normalize.ts), then by the code's own key and its raw upper-cased text (rows keyed before UPC-E
 * codes were expanded).
 */
export function findProduct(ctx: DeskContext, scan: NormalizedScan): Product | undefined {
  const keys = [scan.gtin14, scan.altGtin14, barcodeKey(scan.text), scan.text.toUpperCase()];
  for (const key of new Set(keys)) {
    const product = key ? ctx.stores.catalog.findByKey(key) : undefined;
    if (product) return product;
  }
  return undefined;
}
