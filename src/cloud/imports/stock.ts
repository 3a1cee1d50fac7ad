// Stock CSV import (opening stock or receipts): one row per SKU and location. Rows are checked alone
// and against the catalogue (a known, plain product), each error naming its line; the hub books the
// good rows (services/stock-import.ts), keyed by the file's hash and the line, so importing the same
// file again books nothing.
import { NO_MAPPING, type ColumnMapping, type FieldSpec } from './mapping.js';
import { byLine, got, readTable, type ImportError, type ImportResult } from './table.js';
import { parseQty, type Parsed } from './values.js';

export const STOCK_FIELDS: readonly FieldSpec[] = [
  { name: 'sku', required: true, headers: ['sku', '商品编码', '商家编码', 'SKU编码', '货号'] },
  { name: 'qty', required: true, headers: ['qty', 'quantity', '数量', '库存', '库存数量', '入库数量'] },
  { name: 'location', required: false, headers: ['location', '库位', '货位', '仓位'] },
  { name: 'reference', required: false, headers: ['reference', 'ref', '单号', '采购单号', '入库单号', '备注'] },
];

/** opening: on hand at the location becomes qty (once per line); receipt: qty more arrive. */
export type StockImportMode = 'opening' | 'receipt';

export interface StockImportRow {
  line: number;
  sku: string;
  qty: number;
  location: string;
  reference: string | null;
}

export interface StockImportContext {
  mode: StockImportMode;
  /** Location of rows whose location cell is empty (stock.location). */
  defaultLocation: string;
  /** Catalogue SKUs, and whether each is a bundle (bundles hold no stock of their own). */
  products: ReadonlyMap<string, { bundle: boolean }>;
}

const LOCATION = /^[^\s,;|]{1,32}$/;

function parseOpeningQty(text: string): Parsed<number> {
  return /^(0|[1-9]\d{0,6})$/.test(text)
    ? { ok: true, value: Number(text) }
    : { ok: false, expected: 'a whole number ≥ 0' };
}

function parseRow(
  cell: (field: string) => string,
  line: number,
  ctx: StockImportContext,
  errors: ImportError[],
): StockImportRow | null {
  const before = errors.length;
  const problem = (field: string, expected: string) =>
    errors.push({ line, field, message: `expected ${expected}, got ${got(cell(field))}` });
  const sku = cell('sku');
  const product = ctx.products.get(sku);
  if (!product) problem('sku', 'the SKU of a product on the hub (import products first)');
  else if (product.bundle) problem('sku', 'a plain product (a bundle holds no stock: give its components)');
  const qty = ctx.mode === 'opening' ? parseOpeningQty(cell('qty')) : parseQty(cell('qty'));
  if (!qty.ok) problem('qty', qty.expected);
  const location = cell('location') || ctx.defaultLocation;
  if (!LOCATION.test(location)) problem('location', 'a location code of up to 32 characters without spaces');
  const reference = cell('reference');
  if (reference.length > 64) problem('reference', 'a reference of up to 64 characters');
  if (errors.length > before || !qty.ok) return null;
  return { line, sku, qty: qty.value, location, reference: reference || null };
}

export function importStock(
  bytes: Uint8Array,
  mapping: ColumnMapping = NO_MAPPING,
  ctx: StockImportContext,
): ImportResult<StockImportRow> {
  const table = readTable(bytes, STOCK_FIELDS, mapping);
  const errors = [...table.errors];
  const items: StockImportRow[] = [];
  /** Opening stock sets a level: two rows for one SKU and location would contradict each other. */
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const item = parseRow((field) => row.cell(field), row.line, ctx, errors);
    if (!item) continue;
    const place = `${item.sku}@${item.location}`;
    const earlier = firstLine.get(place);
    if (ctx.mode === 'opening' && earlier !== undefined) {
      errors.push({
        line: row.line,
        field: 'sku',
        message: `expected each sku and location once in opening stock, got "${item.sku}" at ${item.location} again (first on line ${earlier})`,
      });
      continue;
    }
    firstLine.set(place, row.line);
    items.push(item);
  }
  return { rows: table.count, items, errors: byLine(errors), encoding: table.encoding };
}
