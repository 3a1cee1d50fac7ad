// CSV imports at the hub: products (catalog for every station) and live-room orders. Bad lines are
// reported with their line numbers and skipped; importing the same file again changes nothing.
import { PRODUCT_FIELDS } from '../imports/products.js';
import { LIVE_ORDER_FIELDS, type ImportedOrder } from '../imports/live-orders.js';
import { parseImport } from '../imports/run.js';
import type { ImportResult } from '../imports/table.js';
import type { Product } from '../../contract/entities.js';
import { ColumnMappingError, NO_MAPPING, parseColumnMapping } from '../imports/mapping.js';
import { formatImportError } from '../imports/table.js';
import type { HubContext } from '../context.js';
import { upsertOrder } from './orders.js';
import { attachImages } from './catalog-images.js';

export interface ImportSummary {
  encoding: string;
  rows: number;
  imported: number;
  changed: number;
  unchanged: number;
  errors: string[];
}

/** The caller's column mapping checked against an importer's fields, or the message why it is wrong. */
export function mappingOr(input: Record<string, unknown> | undefined, fields: typeof PRODUCT_FIELDS) {
  if (!input) return { mapping: NO_MAPPING };
  try {
    return { mapping: parseColumnMapping(input, fields) };
  } catch (err) {
    if (err instanceof ColumnMappingError) return { error: err.message };
    throw err;
  }
}

export function summaryOf(result: ImportResult<unknown>, changed: number): ImportSummary {
  return {
    encoding: result.encoding,
    rows: result.rows,
    imported: result.items.length,
    changed,
    unchanged: result.items.length - changed,
    errors: result.errors.map(formatImportError),
  };
}

/** Rows written per transaction: other requests get the store between chunks of a big import. */
export const CHUNK = 2000;
export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

export async function importProductsCsv(
  ctx: HubContext,
  bytes: Uint8Array,
  mappingInput?: Record<string, unknown>,
): Promise<ImportSummary> {
  const m = mappingOr(mappingInput, PRODUCT_FIELDS);
  if ('error' in m)
    return { encoding: 'unknown', rows: 0, imported: 0, changed: 0, unchanged: 0, errors: [m.error ?? 'bad mapping'] };
  const existing = await ctx.store.tx((t) => t.products.all());
  const result = (await parseImport({
    kind: 'products',
    bytes,
    mapping: m.mapping,
    existing,
  })) as ImportResult<Product>;
  // The image column's URLs, downloaded once each (a re-import reuses the hub's copy).
  const items = await attachImages(ctx, result.items);
  let changed = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    changed += await ctx.store.tx((t) => t.products.upsert(chunk, { at: ctx.now() }));
    await nextTurn();
  }
  ctx.log('products imported', {
    rows: result.rows,
    imported: result.items.length,
    changed,
    errors: result.errors.length,
  });
  return summaryOf(result, changed);
}

export async function importLiveOrdersCsv(
  ctx: HubContext,
  bytes: Uint8Array,
  mappingInput: Record<string, unknown>,
): Promise<ImportSummary> {
  const m = mappingOr(mappingInput, LIVE_ORDER_FIELDS);
  if ('error' in m)
    return { encoding: 'unknown', rows: 0, imported: 0, changed: 0, unchanged: 0, errors: [m.error ?? 'bad mapping'] };
  const products = await ctx.store.tx((t) => t.products.all());
  const now = ctx.now();
  const result = (await parseImport({
    kind: 'orders',
    bytes,
    mapping: m.mapping,
    products,
    now,
  })) as ImportResult<ImportedOrder>;
  let changed = 0;
  for (let i = 0; i < result.items.length; i += CHUNK) {
    const chunk = result.items.slice(i, i + CHUNK);
    changed += await ctx.store.tx(async (t) => {
      let n = 0;
      for (const { order } of chunk) {
        const status = order.status === 'cancelled' ? 'cancelled' : order.status === 'held' ? 'held' : 'open';
        const res = await upsertOrder(
          t,
          { order: { ...order, status }, source: 'import', shopId: null, wechatLines: [], payment: null },
          now,
          { config: ctx.config.stock },
        );
        if (res.changed) n++;
      }
      return n;
    });
    await nextTurn();
  }
  ctx.log('live orders imported', {
    rows: result.rows,
    orders: result.items.length,
    changed,
    errors: result.errors.length,
  });
  return summaryOf(result, changed);
}
