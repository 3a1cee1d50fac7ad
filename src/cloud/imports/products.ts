// Product catalogue import for the hub: one row per product, bundles (组合商品) listing their
// components by sku. Rows are checked alone first, then against each other (barcodes, bundles),
// and only then given ids, so the hub's id sequence is not spent on rows that fail.
import { barcodeKey, describeClash, keyClashes } from '../../domain/barcode/index.js';
import type { Category, Product } from '../../contract/entities.js';
import { productSchema } from '../../contract/sync.js';
import { fieldProblems } from '../../contract/validation.js';
import { NO_MAPPING, type ColumnMapping, type FieldSpec } from './mapping.js';
import { byLine, got, readTable, type ImportError, type ImportResult } from './table.js';
import {
  checkBarcode,
  parseCategory,
  parseComponents,
  parsePriceFen,
  parseWeightG,
  splitBarcodes,
  type Parsed,
} from './values.js';

export const PRODUCT_FIELDS: readonly FieldSpec[] = [
  { name: 'sku', required: true, headers: ['sku', '商品编码', '商家编码', 'SKU编码', '货号'] },
  { name: 'title', required: true, headers: ['title', '商品名称', '名称', '品名'] },
  { name: 'barcodes', required: false, headers: ['barcodes', 'barcode', '条码', '条形码', '商品条码'] },
  { name: 'weight', required: true, headers: ['weight', 'unit weight', '重量', '单位重量', '毛重'] },
  { name: 'category', required: false, headers: ['category', '类目', '分类', '商品类型'] },
  { name: 'price', required: true, headers: ['price', '价格', '售价', '单价', '零售价'] },
  { name: 'components', required: false, headers: ['components', 'bundle', '组合明细', '组合', '子商品'] },
  // A photo URL the hub downloads once and sends to stations (services/catalog-images.ts).
  { name: 'image', required: false, headers: ['image_url', 'image', 'imageUrl', '图片', '商品图片', '主图'] },
];

export interface ProductImportContext {
  /** Products already on the hub: bundles may use their skus, and their barcodes are taken. */
  existing?: readonly Product[];
  /**
   * The hub's id for a sku: the existing id for a known sku, a fresh one otherwise. Called once per
   * imported sku, in file order. Without it, known skus keep their ids and new ones count up from
   * the largest existing id.
   */
  idFor?: (sku: string) => number;
}

interface Draft {
  line: number;
  sku: string;
  title: string;
  barcodes: string[];
  /** Null for a bundle whose weight cell is empty: it weighs what its components weigh. */
  weightG: number | null;
  category: Category;
  priceFen: number;
  components: { sku: string; qty: number }[];
  /** The image column's http(s) URL; the hub fetches it after the import is parsed. */
  imageUrl: string | null;
}

const SKU = /^[^\s|;*×,，；]{1,64}$/;

function parseImageUrl(text: string): Parsed<string> {
  const expected = 'an http:// or https:// image URL';
  if (text.length > 2000) return { ok: false, expected };
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? { ok: true, value: text } : { ok: false, expected };
  } catch {
    return { ok: false, expected };
  }
}

function parseRow(
  cell: (field: string) => string,
  line: number,
  mapping: ColumnMapping,
  errors: ImportError[],
): Draft | null {
  const before = errors.length;
  const take = <T>(field: string, parsed: Parsed<T>, text: string): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors.push({ line, field, message: `expected ${parsed.expected}, got ${got(text)}` });
    return undefined;
  };
  const check = (text: string, valid: boolean, expected: string): Parsed<string> =>
    valid ? { ok: true, value: text } : { ok: false, expected };

  const sku = take(
    'sku',
    check(cell('sku'), SKU.test(cell('sku')), 'a sku of up to 64 characters without spaces or | ; , *'),
    cell('sku'),
  );
  const title = take('title', check(cell('title'), cell('title') !== '', 'a product title'), cell('title'));
  const components = take('components', parseComponents(cell('components')), cell('components')) ?? [];
  const weightText = cell('weight');
  const weightG =
    weightText === '' && cell('components') !== '' ? null : take('weight', parseWeightG(weightText), weightText);
  const category = take('category', parseCategory(cell('category')), cell('category'));
  const priceFen = take('price', parsePriceFen(cell('price'), mapping.priceUnit), cell('price'));
  const imageText = cell('image');
  const imageUrl = imageText === '' ? null : take('image', parseImageUrl(imageText), imageText);
  const barcodes = new Map<string, string>();
  for (const code of splitBarcodes(cell('barcodes'))) {
    const checked = take('barcodes', checkBarcode(code), code);
    // The same item written twice (as UPC-A and as EAN-13, say) is one barcode.
    if (checked !== undefined && !barcodes.has(barcodeKey(checked))) barcodes.set(barcodeKey(checked), checked);
  }
  if (
    errors.length > before ||
    sku === undefined ||
    title === undefined ||
    weightG === undefined ||
    category === undefined ||
    priceFen === undefined ||
    imageUrl === undefined
  )
    return null;
  return { line, sku, title, barcodes: [...barcodes.values()], weightG, category, priceFen, components, imageUrl };
}

/**
 * A barcode must lead to one product. Existing products keep theirs unless this file replaces the
 * product; rejecting a row can hand its old barcodes back to the hub's copy, so repeat until stable.
 */
function claimBarcodes(
  drafts: Draft[],
  existing: readonly Product[],
  rejected: Set<Draft>,
  errors: ImportError[],
): void {
  for (let changed = true; changed;) {
    changed = false;
    const live = drafts.filter((d) => !rejected.has(d));
    const liveSkus = new Set(live.map((d) => d.sku));
    const owners = new Map<string, { sku: string; line: number | null }>();
    for (const p of existing)
      if (!liveSkus.has(p.sku)) for (const b of p.barcodes) owners.set(barcodeKey(b), { sku: p.sku, line: null });
    for (const d of live) {
      const clashes = d.barcodes.filter((b) => (owners.get(barcodeKey(b))?.sku ?? d.sku) !== d.sku);
      for (const b of clashes) {
        const owner = owners.get(barcodeKey(b));
        const where = owner?.line === null ? 'on the hub' : `line ${owner?.line}`;
        errors.push({
          line: d.line,
          field: 'barcodes',
          message: `expected a barcode no other product has, got "${b}" (already on ${owner?.sku}, ${where})`,
        });
      }
      if (clashes.length > 0) {
        rejected.add(d);
        changed = true;
      } else for (const b of d.barcodes) owners.set(barcodeKey(b), { sku: d.sku, line: d.line });
    }
  }
}

/**
 * Every lookup key must lead to one product, as stations index them (sku and barcodes, upper-cased,
 * GTINs as GTIN-14): SKUs that differ only in case, a SKU equal to another product's barcode. A row
 * replacing a hub product (same sku) frees that product's keys; rejecting it gives them back, so
 * repeat until stable.
 */
function claimKeys(drafts: Draft[], existing: readonly Product[], rejected: Set<Draft>, errors: ImportError[]): void {
  const ids = new Map(existing.map((p) => [p.sku, p.id]));
  for (let changed = true; changed;) {
    changed = false;
    const live = drafts.filter((d) => !rejected.has(d));
    // A new sku has no id yet: a negative stand-in keeps it apart from every hub product.
    const batch = live.map((d) => ({ id: ids.get(d.sku) ?? -d.line, sku: d.sku, barcodes: d.barcodes }));
    for (const clash of keyClashes(batch, existing)) {
      const d = live[clash.product.index] as Draft;
      const owner = clash.owner.index === null ? undefined : live[clash.owner.index];
      errors.push({
        line: d.line,
        field: clash.product.code === d.sku ? 'sku' : 'barcodes',
        message: describeClash(clash, (o) => (owner ? `${o.sku} on line ${owner.line}` : `${o.sku} on the hub`)),
      });
      rejected.add(d);
      changed = true;
    }
  }
}

/** What the contract (and so every station) takes; a row the parsers let through but it would not is refused. */
function checkContract(items: Product[], lineOf: Map<string, number>, errors: ImportError[]): Product[] {
  const failed = new Set<number>();
  for (const p of items) {
    const r = productSchema.safeParse(p);
    if (r.success) continue;
    failed.add(p.id);
    for (const problem of fieldProblems(r.error, p))
      errors.push({
        line: lineOf.get(p.sku) ?? 0,
        field: problem.path,
        message: `expected ${problem.expected}, got ${problem.got}`,
      });
  }
  if (failed.size === 0) return items;
  return items.filter((p) => {
    if (failed.has(p.id)) return false;
    const missing = p.components.find((c) => failed.has(c.productId));
    if (!missing) return true;
    errors.push({
      line: lineOf.get(p.sku) ?? 0,
      field: 'components',
      message: `expected components that import, got one whose row did not (product ${missing.productId})`,
    });
    return false;
  });
}

/** Components must be plain products from this file or the hub; a bundle without a weight gets theirs. */
function resolveBundles(
  drafts: Draft[],
  existing: readonly Product[],
  rejected: Set<Draft>,
  failedRows: Map<string, number>,
  errors: ImportError[],
): void {
  const live = new Map(drafts.filter((d) => !rejected.has(d)).map((d) => [d.sku, d]));
  const failed = new Map([
    ...failedRows,
    ...drafts.filter((d) => rejected.has(d)).map((d) => [d.sku, d.line] as const),
  ]);
  const onHub = new Map(existing.map((p) => [p.sku, p]));
  for (const d of live.values()) {
    if (d.components.length === 0) continue;
    let weightG = 0;
    const problems: string[] = [];
    for (const c of d.components) {
      const target = live.get(c.sku) ?? onHub.get(c.sku);
      if (c.sku === d.sku) problems.push(`expected components other than the bundle itself, got "${c.sku}"`);
      else if (!target) {
        const why = failed.has(c.sku) ? ` (its row, line ${failed.get(c.sku)}, did not import)` : '';
        problems.push(`expected the sku of a product in this file or on the hub, got "${c.sku}"${why}`);
      } else if (target.components.length > 0)
        problems.push(`expected a plain product as component, got "${c.sku}", which is a bundle itself`);
      else weightG += c.qty * ('unitWeightG' in target ? target.unitWeightG : (target.weightG ?? 0));
    }
    for (const message of problems) errors.push({ line: d.line, field: 'components', message });
    if (problems.length > 0) rejected.add(d);
    else d.weightG ??= weightG;
  }
}

export function importProducts(
  bytes: Uint8Array,
  mapping: ColumnMapping = NO_MAPPING,
  ctx: ProductImportContext = {},
): ImportResult<Product> {
  const table = readTable(bytes, PRODUCT_FIELDS, mapping);
  const errors = [...table.errors];
  const existing = ctx.existing ?? [];

  const drafts: Draft[] = [];
  const firstLine = new Map<string, number>();
  /** Skus whose rows failed on their own, so a bundle naming one can say why it is missing. */
  const failedRows = new Map<string, number>();
  for (const row of table.rows) {
    const draft = parseRow((field) => row.cell(field), row.line, mapping, errors);
    if (!draft) {
      if (!failedRows.has(row.cell('sku'))) failedRows.set(row.cell('sku'), row.line);
      continue;
    }
    const earlier = firstLine.get(draft.sku);
    if (earlier !== undefined) {
      errors.push({
        line: row.line,
        field: 'sku',
        message: `expected each sku once in the file, got "${draft.sku}" again (first on line ${earlier})`,
      });
      continue;
    }
    firstLine.set(draft.sku, row.line);
    drafts.push(draft);
  }

  const rejected = new Set<Draft>();
  claimBarcodes(drafts, existing, rejected, errors);
  claimKeys(drafts, existing, rejected, errors);
  resolveBundles(drafts, existing, rejected, failedRows, errors);

  const existingIds = new Map(existing.map((p) => [p.sku, p.id]));
  let next = Math.max(0, ...existing.map((p) => p.id));
  const idFor = ctx.idFor ?? ((sku: string) => existingIds.get(sku) ?? ++next);
  const ids = new Map<string, number>();
  const accepted = drafts.filter((d) => !rejected.has(d));
  for (const d of accepted) ids.set(d.sku, idFor(d.sku));

  const items = accepted.map((d): Product => ({
    id: ids.get(d.sku) ?? 0,
    sku: d.sku,
    title: d.title,
    category: d.category,
    unitWeightG: d.weightG ?? 0,
    priceFen: d.priceFen,
    barcodes: d.barcodes,
    components: d.components.map((c) => ({ productId: ids.get(c.sku) ?? existingIds.get(c.sku) ?? 0, qty: c.qty })),
    // The source URL rides on imageUrl until the hub has cached it (services/imports.ts).
    ...(d.imageUrl === null ? {} : { imageUrl: d.imageUrl }),
  }));
  const checked = checkContract(items, new Map(accepted.map((d) => [d.sku, d.line])), errors);
  return { rows: table.count, items: checked, errors: byLine(errors), encoding: table.encoding };
}
