// The statistics cells recomputed from the event log (`packdesk cloud stats rebuild`, and the hub's
// first start after an upgrade or after the time zone, idle gap or shifts changed). The log is read
// in steps of STEP events in time order, each step's cells written before the next is read, so
// memory stays flat however long the log is. It runs as one unit of work: events pushed meanwhile
// wait for it and are then folded as usual.
import type { FoldSettings, StreamPoint } from '../../domain/stats/cell-fold.js';
import type { HubStore, HubTx } from '../store/types.js';
import { CELLS_SETTINGS_KEY, HANDOVERS_KEY, StatsFolder } from './stats-fold.js';

const STEP = 50_000;

export interface RebuildReport {
  events: number;
  packs: number;
  cells: number;
}

export async function rebuildCells(
  t: HubTx,
  settings: FoldSettings,
  progress?: (line: string) => void,
): Promise<RebuildReport> {
  await t.statsCells.clear();
  await t.settings.set(HANDOVERS_KEY, null);
  const folder = await StatsFolder.open(t, settings);
  const points = new Map<string, StreamPoint>();
  let after = { at: Number.MIN_SAFE_INTEGER, position: 0 };
  let events = 0;
  for (;;) {
    const step = await t.statsCells.walk(after, STEP);
    if (step.events.length === 0) break;
    folder.walk(step.events, points);
    await folder.flush();
    events += step.events.length;
    after = step.last;
    progress?.(`${events.toLocaleString('en-US')} events folded`);
  }
  for (const [key, point] of points) {
    const [station, packer] = key.split('\u0001') as [string, string];
    await t.statsCells.setStream(station, packer, point);
  }
  let packs = 0;
  let lastPack = '';
  for (;;) {
    const ids = await t.statsCells.completedPacks(lastPack, STEP);
    if (ids.length === 0) break;
    for (const id of ids) await folder.refreshPack(id);
    await folder.flush();
    packs += ids.length;
    lastPack = ids[ids.length - 1] as string;
    progress?.(`${packs.toLocaleString('en-US')} packs' durations placed`);
  }
  await folder.handovers();
  await folder.flush();
  await t.settings.set(CELLS_SETTINGS_KEY, settings);
  return { events, packs, cells: await t.statsCells.count() };
}

/** Rebuilds unless the stored cells were made with these settings; true when it rebuilt. */
export async function ensureCells(
  store: HubStore,
  settings: FoldSettings,
  progress?: (line: string) => void,
): Promise<boolean> {
  return store.tx(async (t) => {
    const made = await t.settings.get<FoldSettings>(CELLS_SETTINGS_KEY);
    if (made !== null && JSON.stringify(made) === JSON.stringify(settings)) return false;
    await rebuildCells(t, settings, progress);
    return true;
  });
}
