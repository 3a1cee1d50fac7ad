// Pack durations for stored cells. A pack's durations depend only on that pack's own events (its
// starts, completions, parcels and labels, and labels naming one of its parcels), so when any of
// them arrives — in order or days late — the pack's samples are recomputed from those few events
// with the same join the pass uses (packs.ts), and replace what was stored for it.
import type { StatsEvent } from '../../contract/stats.js';
import { KIND, activityKind } from './counters.js';
import { Cell } from './figures.js';
import { sortedByAt } from './order.js';
import { PackJoin, type PackHint } from './packs.js';
import { NO_PACKER } from './pass.js';

/** The durations one pack.completed contributes to its cell. */
export interface PackSample {
  /** The pack.completed event. */
  eventId: string;
  stationId: string;
  packerId: string | null;
  at: number;
  packTimeMs: number | null;
  paidToPackedMs: number | null;
}

/**
 * The samples of one pack, given every event of the pack and every non-reprint label naming one of
 * its parcels, in storage order (ties in `at` keep it, as the pass's input does).
 */
export function packSamples(events: readonly StatsEvent[]): PackSample[] {
  const join = new PackJoin();
  // One memo per stream, as in the pass: a pack restarted at another stream is joined the same way.
  const hints = new Map<string, PackHint>();
  const out: { sample: PackSample; cell: Cell }[] = [];
  for (const e of sortedByAt(events)) {
    const kind = activityKind(e.type);
    if (kind === undefined) continue;
    const streamKey = `${e.stationId}\u0001${e.packerId ?? NO_PACKER}`;
    let hint = hints.get(streamKey);
    if (!hint) {
      hint = { packId: null, packSlot: 0, parcelId: null, parcelSlot: 0 };
      hints.set(streamKey, hint);
    }
    const p = e.payload;
    if (kind === KIND['pack.started']) {
      if (typeof p.packId === 'string') join.started(p.packId, e.at, p.paidAt, hint);
    } else if (kind === KIND['parcel.packed']) {
      if (typeof p.parcelId === 'string') join.parcelPacked(p.parcelId, p.packId, e.at, null, hint);
    } else if (kind === KIND['label.printed']) {
      if (p.reprint !== true) join.labelPrinted(p.packId, p.parcelId, e.at, hint);
    } else if (kind === KIND['pack.completed']) {
      // A cell of its own per completion, only to catch the durations the join pushes into it.
      const cell = new Cell(e.stationId, '', '', '', '');
      join.completed(p.packId, p.startedAt, e.at, cell, hint);
      const sample = {
        eventId: e.id,
        stationId: e.stationId,
        packerId: e.packerId,
        at: e.at,
        packTimeMs: null,
        paidToPackedMs: null,
      };
      out.push({ sample, cell });
    }
  }
  join.finish();
  return out.map(({ sample, cell }) => ({
    ...sample,
    packTimeMs: cell.packTimes[0] ?? null,
    paidToPackedMs: cell.paidToPacked[0] ?? null,
  }));
}
