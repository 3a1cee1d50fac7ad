// One statistics query over cells as columns (columns.ts): its parts, names and roll-up context, and
// what every grouping of it shares. Groupings are made and rolled up by column-rollup.ts, their
// duration percentiles found by column-percentiles.ts.
import type { StatsDimension } from '../../contract/stats.js';
import type { ColumnRange, Names } from './columns.js';
import type { PercentileHints } from './percentile-hints.js';
import type { RollupContext } from './rollup.js';

/** Which group each cell of the parts is in (flat over the parts, in order), and the groups' values. */
export interface Grouping {
  by: readonly StatsDimension[];
  count: number;
  /** Per cell, in part order. */
  groupOf: Int32Array;
  /** Per group: the Names ids of its dimension values, in `by` order. */
  values: number[][];
}

/** Where the durations of one kind lie in the query's cells: the histograms' common range. */
export interface Span {
  min: number;
  scale: number;
}

/** One query's cells and what every grouping of it shares. */
export interface ColumnQuery {
  parts: readonly ColumnRange[];
  names: Names;
  ctx: RollupContext;
  /** Instances of the query per shift key id (a key is "start:end"; two shifts may share one). */
  byKey: ReadonlyMap<number, number[]>;
  /** Per duration kind, found when a large group first needs it. */
  spans: (Span | undefined)[];
  /** Pairs of (group, subject, instance) up to this many are told apart by a byte each. */
  bytemapMax: number;
  /** Large groups' percentile windows, kept by the caller from one query to the next. */
  hints: PercentileHints | undefined;
  /**
   * The shift settings (zone and shifts) the query's shift instances come from; with it, whole-run
   * groups are kept with their columns (runMemos). Without it, nothing is.
   */
  settingsKey: string | undefined;
}

export interface ColumnQueryOptions {
  hints?: PercentileHints;
  settingsKey?: string;
  bytemapMax?: number;
}

export function columnQuery(
  parts: readonly ColumnRange[],
  names: Names,
  ctx: RollupContext,
  { hints, settingsKey, bytemapMax = 1 << 24 }: ColumnQueryOptions = {},
): ColumnQuery {
  const byKey = new Map<number, number[]>();
  ctx.instances.forEach((inst, j) => {
    const id = names.id(`${inst.start}:${inst.end}`);
    const list = byKey.get(id);
    if (list) list.push(j);
    else byKey.set(id, [j]);
  });
  return { parts, names, ctx, byKey, spans: [], bytemapMax, hints, settingsKey };
}
