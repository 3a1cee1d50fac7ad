// The stock board's CSV exports (README "Stock board"): the board one row per SKU and channel, the
// movements one row per movement. Times are ISO 8601 in UTC so a spreadsheet sorts them; text cells
// go through csvTextCell (a SKU or reference cannot run as a formula).
import type { StockBoard } from '../../contract/stock-board.js';
import type { StockMovement } from '../../contract/stock-ledger.js';
import { csvTextCell } from '../csv-cell.js';

export const BOARD_CSV_COLUMNS = [
  'sku',
  'name',
  'on_hand',
  'reserved',
  'available',
  'channel',
  'allocated',
  'published',
  'published_at',
  'velocity_per_day',
  'days_of_cover',
  'low',
  'short',
] as const;

export const MOVEMENTS_CSV_COLUMNS = [
  'at',
  'sku',
  'kind',
  'qty',
  'location',
  'pool',
  'channel',
  'order_id',
  'ref',
  'by',
  'key',
] as const;

type Cell = string | number | boolean | null;

function cell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'string') return csvTextCell(v);
  return String(v);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

function csv(columns: readonly string[], rows: Cell[][]): string {
  return [columns.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\r\n') + '\r\n';
}

export function boardCsv(board: StockBoard): string {
  const rows = board.items.flatMap((i) => {
    const sku: Cell[] = [i.sku, i.name, i.onHand, i.reserved, i.available];
    const tail: Cell[] = [round2(i.velocityPerDay), round2(i.daysOfCover), i.low, i.short];
    if (i.channels.length === 0) return [[...sku, null, null, null, null, ...tail]];
    return i.channels.map((c) => [...sku, c.channel, c.allocated, c.published, iso(c.publishedAt), ...tail]);
  });
  return csv(BOARD_CSV_COLUMNS, rows);
}

export function movementsCsv(items: readonly StockMovement[]): string {
  return csv(
    MOVEMENTS_CSV_COLUMNS,
    items.map((m) => [iso(m.at), m.sku, m.kind, m.qty, m.location, m.pool, m.channel, m.orderId, m.ref, m.by, m.key]),
  );
}
