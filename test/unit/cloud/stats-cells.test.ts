// The hub's statistics cells in the store (SQLite, or PostgreSQL with PACKDESK_TEST_STORE=postgres):
// a random log pushed event by event — late days, re-sends, layout changes, hand-overs recorded
// after packing — folded as apply.ts folds it, gives the full pass's figures over the stored log;
// and `packdesk cloud stats rebuild` (rebuildCells) leaves exactly the cells the events made.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsQuery } from '../../../src/contract/stats.js';
import type { HubStore, ShipmentRow } from '../../../src/cloud/store/types.js';
import type { StoredCell } from '../../../src/domain/stats/from-cells.js';
import { statsFromCells } from '../../../src/domain/stats/from-cells.js';
import { computeStats } from '../../../src/domain/stats/compute.js';
import { StatsFolder } from '../../../src/cloud/services/stats-fold.js';
import { rebuildCells } from '../../../src/cloud/services/stats-rebuild.js';
import { openTestStore } from '../../helpers/store.js';
import { SHIFTS, START, world, type World } from '../shared/stats/cell-world.js';
import { edgeEventsQuery, selectEdgeEvents } from '../../../src/domain/stats/edge-events.js';

vi.setConfig({ testTimeout: 120_000 });

const DAY = 86_400_000;
const settings = { timezone: 'Asia/Shanghai', idleGapMs: 5 * 60_000, shifts: SHIFTS };

function shipment(parcelId: string, stationId: string, at: number): ShipmentRow {
  return {
    parcelId,
    orderId: `O-${parcelId}`,
    stationId,
    packId: parcelId,
    parcelNo: 1,
    carrier: 'SF',
    waybill: `SF-${parcelId}`,
    items: [],
    weightG: 500,
    packedAt: at,
    state: 'done',
    attempts: 1,
    nextAt: at,
    uncertain: false,
    lastErrcode: 0,
    lastErrmsg: null,
    lastRid: null,
    doneAt: at,
  };
}

/** Cells in a canonical order with sorted lists, so two stores' or two runs' cells compare. */
function canonical(cells: StoredCell[]) {
  const key = (c: StoredCell) => `${c.station}|${c.packer}|${c.hourAt}|${c.layout}`;
  return cells
    .map((c) => ({
      ...c,
      shifts: c.shifts.split(',').sort().join(','),
      packTimes: Array.from(c.packTimes).sort((a, b) => a - b),
      paidToPacked: Array.from(c.paidToPacked).sort((a, b) => a - b),
      packedToHandover: Array.from(c.packedToHandover).sort((a, b) => a - b),
    }))
    .sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

async function addStations(store: HubStore, w: World): Promise<void> {
  await store.tx(async (t) => {
    for (const id of ['A', 'B', 'C']) {
      const periods = w.layouts.filter((p) => p.stationId === id);
      const first = periods[0];
      await t.stations.add({
        id,
        name: id,
        layout: first?.layout ?? 'island',
        tokenHash: `hash-${id}`,
        createdAt: first?.from ?? START,
        revokedAt: null,
        lastSeenAt: null,
      });
      for (const p of periods.slice(1)) await t.stations.setLayout(id, p.layout, p.from);
    }
  });
}

describe('stats cells in the store', () => {
  let store: HubStore;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('fold each pushed event so that the cells give the full pass, and a rebuild makes the same cells', async () => {
    const w = world(5);
    await addStations(store, w);
    // Some hand-overs are recorded before their parcel arrives (a late day), most after.
    const early = w.handovers.slice(0, 40);
    await store.tx(async (t) => {
      for (const h of early) await t.shipments.upsert(shipment(h.parcelId, 'C', h.at));
    });
    for (let i = 0; i < w.arrival.length; i += 50) {
      await store.tx(async (t) => {
        const folder = await StatsFolder.open(t, settings);
        for (const e of w.arrival.slice(i, i + 50)) if (await t.events.insertIfNew(e, e.at)) await folder.event(e);
        await folder.flush();
      });
    }
    await store.tx(async (t) => {
      for (const h of w.handovers.slice(40)) await t.shipments.upsert(shipment(h.parcelId, 'A', h.at));
      const folder = await StatsFolder.open(t, settings);
      await folder.handovers();
      await folder.flush();
    });

    const query: StatsQuery = {
      from: START,
      to: START + 4 * DAY,
      ...settings,
      groupings: [['station'], ['packer'], ['layout'], ['station', 'packer', 'hour', 'layout'], ['day']],
    };
    const read = await store.tx(async (t) => ({
      cells: await t.statsCells.range(query.from, query.to),
      events: await t.events.range(query.from - DAY, query.to + DAY),
      layouts: await t.stations.layoutPeriods(),
      handovers: await t.shipments.handovers(0, Number.MAX_SAFE_INTEGER),
    }));
    expect(read.events.length).toBeGreaterThan(1000);
    expect(read.layouts).toHaveLength(5); // C is registered as an island desk
    const want = computeStats(read.events, query, { layouts: read.layouts, handovers: read.handovers });
    expect(want.total.packedToHandoverP50Ms).not.toBeNull();
    expect(statsFromCells(read.cells, [], query, read.layouts)).toEqual(want);

    const report = await store.tx((t) => rebuildCells(t, settings));
    expect(report.events).toBeGreaterThan(1000);
    const rebuilt = await store.tx((t) => t.statsCells.range(query.from, query.to));
    expect(canonical(rebuilt)).toEqual(canonical(read.cells));
  });

  it("give a range's ends the events the pass uses around them, as selectEdgeEvents picks them from range()", async () => {
    const w = world(6);
    await addStations(store, w);
    await store.tx(async (t) => {
      for (const e of w.arrival) await t.events.insertIfNew(e, e.at);
    });
    const before = 6 * 3_600_000;
    const after = 3_600_000;
    let kept = 0;
    for (let h = 2; h < 70; h += 7) {
      const hour = START + h * 3_600_000;
      for (const [from, to] of [
        [hour - 1234, hour],
        [hour + 7 * 60_000, hour + 52 * 60_000],
      ] as const) {
        const q = edgeEventsQuery(from, to, before, after);
        const got = await store.tx(async (t) => ({
          edge: await t.events.edgeEvents(q),
          around: await t.events.range(from - before, to + after),
        }));
        expect(got.edge).toEqual(selectEdgeEvents(got.around, q));
        kept += got.edge.length;
      }
    }
    expect(kept).toBeGreaterThan(100);
  });
});
