// CSV export of one grouping, for supervisors who take the figures into a spreadsheet.
import type { Figures, StatsResult } from '../../contract/stats.js';
import { csvTextCell } from '../csv-cell.js';

// Every Figures field in a fixed column order; the Record type makes a new field fail to compile here.
const FORMAT: Record<keyof Figures, 'int' | 'rate' | 'fraction'> = {
  orders: 'int',
  units: 'int',
  parcels: 'int',
  activeMs: 'int',
  shiftMs: 'int',
  unitsPerActiveHour: 'rate',
  ordersPerActiveHour: 'rate',
  unitsPerShiftHour: 'rate',
  ordersPerShiftHour: 'rate',
  packTimeP50Ms: 'int',
  packTimeP90Ms: 'int',
  idleGaps: 'int',
  idleMs: 'int',
  scannedUnits: 'int',
  scanErrors: 'int',
  wrongItems: 'int',
  unknownCodes: 'int',
  overScans: 'int',
  errorRate: 'fraction',
  weightExceptions: 'int',
  reprints: 'int',
  interceptions: 'int',
  labelPending: 'int',
  overrides: 'int',
  costFen: 'int',
  // An average of whole fen: a rate, one decimal.
  costPerParcelFen: 'rate',
  costShare: 'fraction',
  paidToPackedP50Ms: 'int',
  paidToPackedP90Ms: 'int',
  packedToHandoverP50Ms: 'int',
  packedToHandoverP90Ms: 'int',
  // Added after the rest (issue 12): appended so existing columns keep their places.
  misreads: 'int',
};
const COLUMNS = Object.keys(FORMAT) as (keyof Figures)[];

function number(value: number | null, format: 'int' | 'rate' | 'fraction'): string {
  if (value === null) return '';
  // Plain digits (no grouping, no exponent) so every spreadsheet locale reads them the same.
  if (format === 'rate') return value.toFixed(1);
  if (format === 'fraction') return value.toFixed(4);
  return String(value);
}

/** One row per group of grouping `groupingIndex`, header first; the grouping's dimensions lead. */
export function statsToCsv(result: StatsResult, groupingIndex: number): string {
  const grouping = result.groupings[groupingIndex];
  if (!grouping) throw new RangeError(`no grouping ${groupingIndex}: the result has ${result.groupings.length}`);
  const lines = [[...grouping.by, ...COLUMNS].join(',')];
  for (const g of grouping.groups) {
    const keys = grouping.by.map((d) => csvTextCell(g.key[d] ?? ''));
    const values = COLUMNS.map((c) => number(g.figures[c] ?? null, FORMAT[c]));
    lines.push([...keys, ...values].join(','));
  }
  return `${lines.join('\n')}\n`;
}
