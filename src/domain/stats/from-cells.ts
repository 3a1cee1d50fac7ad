// Statistics from stored cells (cell-fold.ts) instead of events. The cells hold whole local-hour
// segments, so a range is cut into an inner part made of whole segments, read from the cells, and
// at most two partial segments at its ends, computed by the pass over those minutes' events. Cells
// of both kinds are then rolled up together exactly as computeStats rolls up its own.
import type { Handover, LayoutPeriod, StatsEvent, StatsQuery, StatsResult } from '../../contract/stats.js';
import { Cell, Scratch, type Sums } from './figures.js';
import { LayoutTimelines } from './layouts.js';
import { LocalHourCursor } from './local-time.js';
import { sortedByAt } from './order.js';
import { Pass } from './pass.js';
import { groupCells, totalFigures, type RollupContext } from './rollup.js';
import { shiftInstances } from './shifts.js';

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

/** Events of a partial segment at an end of the range, with what the pass needs around them. */
export interface EdgeInput {
  from: number;
  to: number;
  events: readonly StatsEvent[];
  handovers: readonly Handover[];
}

/**
 * The whole segments inside [from, to): [inner.from, inner.to), empty (from = to) when the range
 * lies within one or two segments.
 */
export function innerRange(from: number, to: number, timezone: string): { from: number; to: number } {
  const cursor = new LocalHourCursor(timezone);
  cursor.seek(from);
  const a = cursor.from === from ? from : cursor.to;
  cursor.seek(to);
  const b = cursor.from;
  return a < b ? { from: a, to: b } : { from: to, to };
}

/** A cell the pass would not have made: see CellDelta.events. */
export function isEmpty(s: Pick<StoredCell, 'events' | 'sums'>): boolean {
  return s.events === 0 && s.sums.activeMs === 0 && s.sums.idleMs === 0;
}

/** The stores decode samples into Float64Arrays already; anything else is copied once. */
function float64(list: ArrayLike<number>): Float64Array {
  return list instanceof Float64Array ? list : Float64Array.from(list);
}

function toCell(s: StoredCell, instanceIndex: ReadonlyMap<string, number[]>): Cell {
  const c = new Cell(s.station, s.packer, s.hour, s.day, s.layout);
  for (const f of SUM_FIELDS) c[f] = s.sums[f];
  c.stored = {
    packTimes: float64(s.packTimes),
    paidToPacked: float64(s.paidToPacked),
    packedToHandover: float64(s.packedToHandover),
  };
  if (s.shifts) for (const key of s.shifts.split(',')) for (const j of instanceIndex.get(key) ?? []) c.markShift(j);
  return c;
}

/**
 * The result computeStats gives for `query`, from the stored cells of the inner range and the
 * pass over the edges' events.
 */
export function statsFromCells(
  stored: readonly StoredCell[],
  edges: readonly EdgeInput[],
  query: StatsQuery,
  layouts: readonly LayoutPeriod[],
): StatsResult {
  const rollup: RollupContext = {
    instances: shiftInstances(query.shifts, query.from, query.to, query.timezone),
    from: query.from,
    to: query.to,
    cursor: new LocalHourCursor(query.timezone),
    layouts: new LayoutTimelines(layouts),
    scratch: new Scratch(),
  };
  const instanceIndex = new Map<string, number[]>();
  rollup.instances.forEach((inst, j) => {
    const key = `${inst.start}:${inst.end}`;
    instanceIndex.set(key, [...(instanceIndex.get(key) ?? []), j]);
  });
  const cells: Cell[] = [];
  for (const s of stored) if (!isEmpty(s)) cells.push(toCell(s, instanceIndex));
  for (const edge of edges) {
    const pass = new Pass({ ...query, from: edge.from, to: edge.to }, rollup, edge.handovers);
    pass.run(sortedByAt(edge.events));
    pass.packs.finish();
    for (const c of pass.cells) cells.push(c);
  }
  return {
    query,
    total: totalFigures(cells, rollup),
    groupings: query.groupings.map((by) => ({ by: [...by], groups: groupCells(cells, by, rollup) })),
  };
}
