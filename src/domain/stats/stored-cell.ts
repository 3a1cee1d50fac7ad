// A statistics cell as the hub's stores keep it (cell-fold.ts makes them, from-cells.ts reads them).
import type { Sums } from './figures.js';

/** The additive fields of a cell, as stored. */
export type SumField = Exclude<keyof Sums, 'add'>;
export const SUM_FIELDS: readonly SumField[] = [
  'orders',
  'units',
  'parcels',
  'activeMs',
  'idleGaps',
  'idleMs',
  'scannedUnits',
  'wrongItems',
  'unknownCodes',
  'overScans',
  'misreads',
  'weightExceptions',
  'reprints',
  'interceptions',
  'labelPending',
  'overrides',
  'costFen',
  'costParcels',
  'costValueFen',
];

/** A cell as the store returns it. */
export interface StoredCell {
  station: string;
  packer: string;
  hourAt: number;
  hour: string;
  day: string;
  layout: string;
  sums: Record<SumField, number>;
  /** Activity events counted in the cell (CellDelta.events). */
  events: number;
  /** Shift instances the cell has an event in, "start:end" (epoch ms), comma-separated. */
  shifts: string;
  packTimes: ArrayLike<number>;
  paidToPacked: ArrayLike<number>;
  packedToHandover: ArrayLike<number>;
}

/** A cell the pass would not have made: see CellDelta.events. */
export function isEmpty(s: Pick<StoredCell, 'events' | 'sums'>): boolean {
  return s.events === 0 && s.sums.activeMs === 0 && s.sums.idleMs === 0;
}
