// The statistics of an event log (DESIGN §4), computed the same way at the station and at the hub.
// Sort once (order.ts), count every event once into cells — station × packer × local hour × layout —
// in a single pass (pass.ts), then roll the few thousand cells up into each grouping (rollup.ts).
//
// Where each definition lives:
//   group membership, streams, active and idle time, the counters .... pass.ts
//   shift time (subjects, restrictions) ............................. rollup.ts
//   rates, error rate, cost, percentiles ............................ figures.ts
//   pack time and outbound joins .................................... packs.ts
//   local hour/day keys, shift instances ............................ local-time.ts, shifts.ts
import type { Handover, LayoutPeriod, StatsEvent, StatsQuery, StatsResult } from '../../contract/stats.js';
import { Scratch } from './figures.js';
import { LayoutTimelines } from './layouts.js';
import { LocalHourCursor } from './local-time.js';
import { sortedByAt } from './order.js';
import { Pass } from './pass.js';
import { groupCells, totalFigures, type RollupContext } from './rollup.js';
import { shiftInstances } from './shifts.js';

export { emptyFigures, percentile, withMinActive } from './figures.js';
export { localDayKey, localHourKey } from './local-time.js';
export { NO_PACKER } from './pass.js';
export { shiftInstances } from './shifts.js';
export { statsToCsv } from './csv.js';

export function computeStats(
  events: readonly StatsEvent[],
  query: StatsQuery,
  ctx: { layouts?: readonly LayoutPeriod[]; handovers?: readonly Handover[] } = {},
): StatsResult {
  const sorted = sortedByAt(events);
  const rollup: RollupContext = {
    instances: shiftInstances(query.shifts, query.from, query.to, query.timezone),
    from: query.from,
    to: query.to,
    cursor: new LocalHourCursor(query.timezone),
    layouts: new LayoutTimelines(ctx.layouts),
    scratch: new Scratch(),
  };
  const pass = new Pass(query, rollup, ctx.handovers);
  pass.run(sorted);
  pass.packs.finish();
  return {
    query,
    total: totalFigures(pass.cells, rollup),
    groupings: query.groupings.map((by) => ({ by: [...by], groups: groupCells(pass.cells, by, rollup) })),
  };
}
