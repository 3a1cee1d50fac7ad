// One CSV import's parsing and checking, as plain data in and out, so it can run on a worker thread:
// a 100,000-line file takes seconds of CPU, which on the hub's own thread would stall every desk's
// pull and push meanwhile (hardening §4). See run.ts for where it runs.
import type { Product } from '../../contract/entities.js';
import type { ColumnMapping } from './mapping.js';
import { importLiveOrders, type ImportedOrder } from './live-orders.js';
import { importProducts } from './products.js';
import { importStock, type StockImportContext, type StockImportRow } from './stock.js';
import type { ImportResult } from './table.js';

export type ImportJob =
  | { kind: 'products'; bytes: Uint8Array; mapping: ColumnMapping; existing: Product[] }
  | { kind: 'orders'; bytes: Uint8Array; mapping: ColumnMapping; products: Product[]; now: number }
  | { kind: 'stock'; bytes: Uint8Array; mapping: ColumnMapping; context: StockImportContext };

export type ImportJobResult = ImportResult<Product> | ImportResult<ImportedOrder> | ImportResult<StockImportRow>;

export function runImportJob(job: ImportJob): ImportJobResult {
  if (job.kind === 'products') return importProducts(job.bytes, job.mapping, { existing: job.existing });
  if (job.kind === 'stock') return importStock(job.bytes, job.mapping, job.context);
  const bySku = new Map(job.products.map((p) => [p.sku, p]));
  return importLiveOrders(job.bytes, job.mapping, { productBySku: (sku) => bySku.get(sku), now: job.now });
}
