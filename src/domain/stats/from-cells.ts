// Statistics from stored cells (cell-fold.ts) instead of events. The cells hold whole local-hour
// segments, so a range is cut into an inner part made of whole segments, read from the cells, and
// at most two partial segments at its ends, computed by the pass over those minutes' events. Cells
// of both kinds are then rolled up together as computeStats rolls up its own (column-rollup.ts).
import type { Handover, LayoutPeriod, StatsEvent, StatsQuery, StatsResult } from '../../contract/stats.js';
import { Scratch } from './figures.js';
import { Names, columnsOfCells, columnsOfStored, type ColumnRange } from './columns.js';
import { columnQuery, groupColumns, totalOfColumns } from './column-rollup.js';
import { isEmpty, type StoredCell } from './stored-cell.js';
import { LayoutTimelines } from './layouts.js';
import { LocalHourCursor } from './local-time.js';
import { sortedByAt } from './order.js';
import { Pass } from './pass.js';
import type { PercentileHints } from './percentile-hints.js';
import type { RollupContext } from './rollup.js';
import { shiftInstances } from './shifts.js';

export { SUM_FIELDS, isEmpty, type StoredCell, type SumField } from './stored-cell.js';

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

/**
 * The result computeStats gives for `query`, from stored cells of the inner range — as columns
 * (columns.ts), ranges of the blocks the hub keeps — and the pass over the edges' events. Hints,
 * when given, speed up large groups' percentiles and are updated for the next query.
 */
export function statsFromColumns(
  inner: readonly ColumnRange[],
  edges: readonly EdgeInput[],
  query: StatsQuery,
  layouts: readonly LayoutPeriod[],
  names: Names,
  hints?: PercentileHints,
): StatsResult {
  const rollup: RollupContext = {
    instances: shiftInstances(query.shifts, query.from, query.to, query.timezone),
    from: query.from,
    to: query.to,
    cursor: new LocalHourCursor(query.timezone),
    layouts: new LayoutTimelines(layouts),
    scratch: new Scratch(),
  };
  const parts = [...inner];
  for (const edge of edges) {
    const pass = new Pass({ ...query, from: edge.from, to: edge.to }, rollup, edge.handovers);
    pass.run(sortedByAt(edge.events));
    pass.packs.finish();
    const cols = columnsOfCells(pass.cells, names);
    parts.push({ cols, lo: 0, hi: cols.n });
  }
  // Shift time is the only figure the shift settings change: whole-run groups are kept under them.
  const settingsKey = `${query.timezone}|${JSON.stringify(query.shifts)}`;
  const q = columnQuery(parts, names, rollup, { hints, settingsKey });
  return {
    query,
    total: totalOfColumns(q),
    groupings: query.groupings.map((by) => ({ by: [...by], groups: groupColumns(q, by) })),
  };
}

/** statsFromColumns over a list of stored cells (the inner range's, read just now). */
export function statsFromCells(
  stored: readonly StoredCell[],
  edges: readonly EdgeInput[],
  query: StatsQuery,
  layouts: readonly LayoutPeriod[],
): StatsResult {
  const names = new Names();
  const cols = columnsOfStored(
    stored.filter((s) => !isEmpty(s)),
    names,
  );
  return statsFromColumns([{ cols, lo: 0, hi: cols.n }], edges, query, layouts, names);
}
