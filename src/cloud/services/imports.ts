// CSV imports at the hub: products (catalog for every station) and live-room orders. Bad lines are
// reported with their line numbers and skipped; importing the same file again changes nothing.
import { importProducts, PRODUCT_FIELDS } from '../imports/products.js';
import { importLiveOrders, LIVE_ORDER_FIELDS } from '../imports/live-orders.js';
import { ColumnMappingError, NO_MAPPING, parseColumnMapping } from '../imports/mapping.js';
import { formatImportError } from '../imports/table.js';
import type { HubContext } from '../context.js';
import { upsertOrder } from './orders.js';

export interface ImportSummary {
  encoding: string;
  rows: number;
  imported: number;
  changed: number;
  unchanged: number;
  errors: string[];
}

function mappingOr(input: Record<string, unknown> | undefined, fields: typeof PRODUCT_FIELDS) {
  if (!input) return { mapping: NO_MAPPING };
  try {
    return { mapping: parseColumnMapping(input, fields) };
  } catch (err) {
    if (err instanceof ColumnMappingError) return { error: err.message };
    throw err;
  }
}

export async function importProductsCsv(
  ctx: HubContext,
  bytes: Uint8Array,
  mappingInput?: Record<string, unknown>,
): Promise<ImportSummary> {
  const m = mappingOr(mappingInput, PRODUCT_FIELDS);
  if ('error' in m)
    return { encoding: 'unknown', rows: 0, imported: 0, changed: 0, unchanged: 0, errors: [m.error ?? 'bad mapping'] };
  return ctx.store.tx(async (t) => {
    const existing = await t.products.all();
    const result = importProducts(bytes, m.mapping, { existing });
    const changed = await t.products.upsert(result.items, { at: ctx.now() });
    ctx.log('products imported', {
      rows: result.rows,
      imported: result.items.length,
      changed,
      errors: result.errors.length,
    });
    return {
      encoding: result.encoding,
      rows: result.rows,
      imported: result.items.length,
      changed,
      unchanged: result.items.length - changed,
      errors: result.errors.map(formatImportError),
    };
  });
}

export async function importLiveOrdersCsv(
  ctx: HubContext,
  bytes: Uint8Array,
  mappingInput: Record<string, unknown>,
): Promise<ImportSummary> {
  const m = mappingOr(mappingInput, LIVE_ORDER_FIELDS);
  if ('error' in m)
    return { encoding: 'unknown', rows: 0, imported: 0, changed: 0, unchanged: 0, errors: [m.error ?? 'bad mapping'] };
  return ctx.store.tx(async (t) => {
    const products = new Map((await t.products.all()).map((p) => [p.sku, p]));
    const now = ctx.now();
    const result = importLiveOrders(bytes, m.mapping, { productBySku: (sku) => products.get(sku), now });
    let changed = 0;
    for (const { order } of result.items) {
      const status = order.status === 'cancelled' ? 'cancelled' : order.status === 'held' ? 'held' : 'open';
      const res = await upsertOrder(
        t,
        { order: { ...order, status }, source: 'import', shopId: null, wechatLines: [], payment: null },
        now,
      );
      if (res.changed) changed++;
    }
    ctx.log('live orders imported', {
      rows: result.rows,
      orders: result.items.length,
      changed,
      errors: result.errors.length,
    });
    return {
      encoding: result.encoding,
      rows: result.rows,
      imported: result.items.length,
      changed,
      unchanged: result.items.length - changed,
      errors: result.errors.map(formatImportError),
    };
  });
}
