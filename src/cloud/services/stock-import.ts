// `packdesk cloud import stock` at the hub: opening stock (on hand at a location becomes the
// file's quantity) or receipts (units arrive). Each good line books one movement keyed by the
// file's SHA-256 and the line, so a file imported twice (or resent after a dropped connection)
// books once; bad lines are reported by line number and the rest still import.
import { createHash } from 'node:crypto';
import { SHARED_POOL } from '../../contract/stock-ledger.js';
import type { HubContext } from '../context.js';
import { STOCK_FIELDS, type StockImportMode, type StockImportRow } from '../imports/stock.js';
import { parseImport } from '../imports/run.js';
import type { ImportResult } from '../imports/table.js';
import type { HubTx } from '../store/types.js';
import { CHUNK, mappingOr, nextTurn, summaryOf, type ImportSummary } from './imports.js';
import { book } from './stock-ledger.js';
import { refreshStockHints } from './stock-hints.js';
import { retryShortOrders } from './stock-orders.js';

async function bookRow(t: HubTx, key: string, row: StockImportRow, mode: StockImportMode, at: number) {
  const where = { key, sku: row.sku, location: row.location, pool: SHARED_POOL, by: 'import' };
  if (mode === 'receipt')
    return book(t, { ...where, kind: 'receipt', qty: row.qty, ref: row.reference ?? 'import' }, at);
  // Opening stock: the difference to what the location holds now; a line with nothing to change
  // is still booked (as 0), so importing the file again later cannot move it.
  const delta = row.qty - (await t.stock.onHandAt(row.sku, row.location));
  const ref = row.reference ? `opening ${row.reference}` : 'opening';
  return book(t, { ...where, kind: 'adjust', qty: delta, ref }, at, { keepZero: true });
}

export async function importStockCsv(
  ctx: HubContext,
  bytes: Uint8Array,
  mode: StockImportMode,
  mappingInput?: Record<string, unknown>,
): Promise<ImportSummary> {
  const m = mappingOr(mappingInput, STOCK_FIELDS);
  if ('error' in m)
    return { encoding: 'unknown', rows: 0, imported: 0, changed: 0, unchanged: 0, errors: [m.error ?? 'bad mapping'] };
  const stock = ctx.config.stock;
  if (!stock.enabled)
    return {
      encoding: 'unknown',
      rows: 0,
      imported: 0,
      changed: 0,
      unchanged: 0,
      errors: ['stock.enabled is false in the hub config: turn the stock ledger on before importing stock'],
    };
  const products = new Map(
    (await ctx.store.tx((t) => t.products.all())).map((p) => [p.sku, { bundle: p.components.length > 0 }]),
  );
  const result = (await parseImport({
    kind: 'stock',
    bytes,
    mapping: m.mapping,
    context: { mode, defaultLocation: stock.location, products },
  })) as ImportResult<StockImportRow>;
  const file = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  let changed = 0;
  for (let i = 0; i < result.items.length; i += CHUNK) {
    const chunk = result.items.slice(i, i + CHUNK);
    changed += await ctx.store.tx(async (t) => {
      let n = 0;
      const at = ctx.now();
      for (const row of chunk) if (await bookRow(t, `import:${file}:${row.line}`, row, mode, at)) n++;
      if (n > 0) {
        const skus = [...new Set(chunk.map((r) => r.sku))];
        await retryShortOrders(t, stock, skus, at);
        await refreshStockHints(t, stock, skus);
      }
      return n;
    });
    await nextTurn();
  }
  ctx.log('stock imported', { mode, rows: result.rows, lines: result.items.length, booked: changed });
  return summaryOf(result, changed);
}
