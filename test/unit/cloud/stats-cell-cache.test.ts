// The statistics cells' block revisions (store/stats-blocks-ddl.ts) and the hub's cache of decoded
// blocks (services/stats-cell-cache.ts), on the store under test (SQLite, or PostgreSQL with
// PACKDESK_TEST_STORE=postgres): every change of a cell bumps its block's revision and nothing else
// does, a rebuild never brings a revision back, and statistics read through the cache are the ones
// read from the store directly — after late events, from a second instance's cache, over ranges cut
// inside a block, and with fewer blocks kept than a query reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShiftDef, StatsDimension, StatsEvent, StatsQuery, StatsResult } from '../../../src/contract/stats.js';
import { hubConfigSchema } from '../../../src/cloud/config.js';
import type { HubContext } from '../../../src/cloud/context.js';
import { StatsCellCache } from '../../../src/cloud/services/stats-cell-cache.js';
import { StatsFolder } from '../../../src/cloud/services/stats-fold.js';
import { rebuildCells } from '../../../src/cloud/services/stats-rebuild.js';
import { hubStats } from '../../../src/cloud/services/stats.js';
import type { SampleRow } from '../../../src/cloud/store/stats-cells-types.js';
import type { HubStore } from '../../../src/cloud/store/types.js';
import { CellDelta } from '../../../src/domain/stats/cell-fold.js';
import { statsFromCells, statsFromColumns } from '../../../src/domain/stats/from-cells.js';
import { dropTestStore, openTestStore } from '../../helpers/store.js';
import { DAY, DAY0, HOUR, MIN, SEC } from '../shared/stats/log.js';

const TZ = 'Asia/Shanghai';
// 00:00–04:00 and 12:00–15:00 UTC: idle time is credited there only, so 04:00–12:00 UTC holds no cell.
const SHIFTS: ShiftDef[] = [
  { name: 'morning', start: '08:00', end: '12:00' },
  { name: 'evening', start: '20:00', end: '23:00' },
];
const settings = { timezone: TZ, idleGapMs: 5 * MIN, shifts: SHIFTS };
const config = hubConfigSchema.parse({ stats: { timezone: TZ, idleGapMinutes: 5, shifts: SHIFTS } });
const GROUPINGS: StatsDimension[][] = [
  ['station'],
  ['packer'],
  ['layout'],
  ['day'],
  ['hour'],
  ['station', 'packer', 'hour', 'layout'],
];

/** The block of 2026-11-25 UTC (DAY0); the tests' cells lie in B0 … B0 + 3. */
const B0 = DAY0 / DAY;
const DAYS = 4;
const at = (day: number, hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return DAY0 + day * DAY + h * HOUR + m * MIN;
};

let seq = 0;
const ev = (
  type: string,
  when: number,
  stationId: string,
  packerId: string,
  payload: Record<string, unknown> = {},
): StatsEvent => ({ id: `cc-${String(++seq).padStart(6, '0')}`, type, at: when, stationId, packerId, payload });

/** `count` packs of one station and packer, one every 6 minutes from `from` (UTC). */
function packs(stationId: string, packerId: string, from: number, count: number): StatsEvent[] {
  const out: StatsEvent[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = from + i * 6 * MIN;
    const packId = `${stationId}-${t0}`;
    const parcelId = `${packId}-p`;
    out.push(
      ev('pack.started', t0, stationId, packerId, { packId, paidAt: t0 - (i + 1) * 7 * MIN }),
      ev('scan.recorded', t0 + MIN, stationId, packerId, { verdict: 'item_ok', qty: 1 + (i % 3) }),
      ev('weight.accepted', t0 + 2 * MIN, stationId, packerId, { override: null }),
      ev('parcel.packed', t0 + 3 * MIN, stationId, packerId, { packId, parcelId, costFen: 600 + i, valueFen: 4000 }),
      ev('label.printed', t0 + 3 * MIN + 10 * SEC, stationId, packerId, { packId, parcelId }),
      ev('pack.completed', t0 + 4 * MIN + i * SEC, stationId, packerId, { packId, units: 1 + (i % 3) }),
    );
  }
  return out;
}

/**
 * Four UTC days of work: A (packer P1) 01:00–02:00 UTC (09:00 local, the morning shift), B (P2)
 * 01:30–02:30 and 13:00–14:00 UTC (21:00 local, the evening shift); so some hours hold both stations.
 */
function fourDays(): StatsEvent[] {
  const out: StatsEvent[] = [];
  for (let d = 0; d < DAYS; d++) {
    out.push(...packs('A', 'P1', at(d, '01:00'), 10));
    out.push(...packs('B', 'P2', at(d, '01:30'), 10));
    out.push(...packs('B', 'P2', at(d, '13:00'), 10));
  }
  return out;
}

async function addStations(store: HubStore): Promise<void> {
  await store.tx(async (t) => {
    for (const id of ['A', 'B'])
      await t.stations.add({
        id,
        name: id,
        layout: id === 'A' ? 'island' : 'u_shaped',
        tokenHash: `hash-${id}`,
        createdAt: DAY0 - DAY,
        revokedAt: null,
        lastSeenAt: null,
      });
  });
}

/** Pushes events as the hub stores and folds them (apply.ts), in one unit of work. */
async function push(store: HubStore, events: readonly StatsEvent[]): Promise<void> {
  await store.tx(async (t) => {
    const folder = await StatsFolder.open(t, settings);
    for (const e of events) if (await t.events.insertIfNew(e, e.at)) await folder.event(e);
    await folder.flush();
  });
}

const revs = (store: HubStore, from = B0 - 1, to = B0 + DAYS + 1) => store.tx((t) => t.statsCells.blockRevs(from, to));

/** The blocks whose revision differs between two readings, ascending. */
function changed(before: Map<number, number>, after: Map<number, number>): number[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((b) => before.get(b) !== after.get(b))
    .sort((a, b) => a - b);
}

const query = (from: number, to: number, groupings = GROUPINGS): StatsQuery => ({
  from,
  to,
  timezone: TZ,
  idleGapMs: 5 * MIN,
  shifts: SHIFTS,
  groupings,
});

/** The statistics of [from, to) (hour boundaries) read from the store without a cache. */
async function uncached(store: HubStore, from: number, to: number): Promise<StatsResult> {
  const read = await store.tx(async (t) => ({
    cells: await t.statsCells.range(from, to),
    layouts: await t.stations.layoutPeriods(),
  }));
  return statsFromCells(read.cells, [], query(from, to), read.layouts);
}

/** The same through a cache, as hubStats reads the inner range (blocks kept once committed). */
async function cached(store: HubStore, cache: StatsCellCache, from: number, to: number): Promise<StatsResult> {
  const read = await store.tx(async (t) => ({
    cells: await cache.read(t, from, to),
    layouts: await t.stations.layoutPeriods(),
  }));
  read.cells.keep();
  return statsFromColumns(read.cells.parts, [], query(from, to), read.layouts, read.cells.names);
}

/** The hub's own statistics service on a context that has only what it reads. */
const hubContext = (store: HubStore, cache: StatsCellCache) =>
  ({ store, config, statsCache: cache }) as unknown as HubContext;

/** hourAt of every cell a cache's answer holds, ascending. */
async function cachedHours(store: HubStore, cache: StatsCellCache, from: number, to: number): Promise<number[]> {
  const read = await store.tx((t) => cache.read(t, from, to));
  read.keep();
  const hours: number[] = [];
  for (const { cols, lo, hi } of read.parts) for (let i = lo; i < hi; i++) hours.push(cols.hourAt[i] as number);
  return hours.sort((a, b) => a - b);
}

async function storedHours(store: HubStore, from: number, to: number): Promise<number[]> {
  const cells = await store.tx((t) => t.statsCells.range(from, to));
  return cells.map((c) => c.hourAt).sort((a, b) => a - b);
}

/** A cell delta of station `station`, packer P1, at hourAt (a whole UTC hour; Shanghai is +8). */
function delta(station: string, hourAt: number, orders: number): CellDelta {
  const local = new Date(hourAt + 8 * HOUR).toISOString();
  const d = new CellDelta(
    station,
    'P1',
    hourAt,
    `${local.slice(0, 10)} ${local.slice(11, 13)}`,
    local.slice(0, 10),
    'island',
  );
  d.events = orders;
  d.orders = orders;
  d.activeMs = orders * MIN;
  return d;
}

describe('stats block revisions', () => {
  let store: HubStore;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('start at 1 or more for each block that gets cells, and only a change of a cell in a block moves its revision', async () => {
    expect(await revs(store)).toEqual(new Map());
    await store.tx((t) =>
      t.statsCells.add([delta('A', at(0, '01:00'), 2), delta('A', at(1, '01:00'), 3), delta('A', at(2, '23:00'), 1)]),
    );
    const first = await revs(store);
    expect([...first.keys()].sort((a, b) => a - b)).toEqual([B0, B0 + 1, B0 + 2]);
    for (const rev of first.values()) {
      expect(typeof rev).toBe('number');
      expect(rev).toBeGreaterThanOrEqual(1);
    }
    // [from, to) in blocks.
    expect(await revs(store, B0 + 1, B0 + 2)).toEqual(new Map([[B0 + 1, first.get(B0 + 1)]]));

    // One more order in an existing cell of block 1, then a new cell there: block 1 alone moves, each time.
    await store.tx((t) => t.statsCells.add([delta('A', at(1, '01:00'), 1)]));
    const second = await revs(store);
    expect(changed(first, second)).toEqual([B0 + 1]);
    expect(second.get(B0 + 1)).toBeGreaterThan(first.get(B0 + 1) as number);
    await store.tx((t) => t.statsCells.add([delta('B', at(1, '05:00'), 1)]));
    const third = await revs(store);
    expect(changed(second, third)).toEqual([B0 + 1]);

    // A delta that adds nothing to an existing cell changes no column.
    await store.tx((t) => t.statsCells.add([delta('A', at(2, '23:00'), 0)]));
    expect(await revs(store)).toEqual(third);
    expect(await store.tx((t) => t.statsCells.range(at(2, '23:00'), at(3, '00:00')))).toMatchObject([
      { station: 'A', events: 1, sums: { orders: 1 } },
    ]);
  });

  it('do not move when an upsert rewrites a cell with what it already holds', async () => {
    const cell = {
      station: 'A',
      packer: 'P1',
      hourAt: at(0, '03:00'),
      hour: '2026-11-25 11',
      day: '2026-11-25',
      layout: 'island',
    };
    const rows: SampleRow[] = [
      { eventId: 'e-1', cell, packTimeMs: 90_000, paidToPackedMs: 600_000, toHandoverMs: null },
      { eventId: 'e-2', cell, packTimeMs: 120_000, paidToPackedMs: null, toHandoverMs: null },
    ];
    await store.tx((t) => t.statsCells.add([delta('A', at(0, '03:00'), 2)]));
    await store.tx((t) => t.statsCells.setSamples('pack', 'k1', rows));
    const after = await revs(store);
    expect(after.get(B0)).toBeGreaterThanOrEqual(1);
    const stored = await store.tx((t) => t.statsCells.range(at(0, '03:00'), at(0, '04:00')));
    expect(Array.from(stored[0]?.packTimes ?? [])).toEqual([90_000, 120_000]);

    // The same samples again: the cell is "upserted" for its id and its lists rewritten unchanged.
    await store.tx((t) => t.statsCells.setSamples('pack', 'k1', rows));
    expect(await revs(store)).toEqual(after);
    // Different samples do move it.
    await store.tx((t) => t.statsCells.setSamples('pack', 'k1', [{ ...(rows[0] as SampleRow), packTimeMs: 95_000 }]));
    expect(changed(after, await revs(store))).toEqual([B0]);
  });

  it('move on a rebuild (clear), never back: a cell written again after a rebuild is at a newer revision', async () => {
    await addStations(store);
    await push(store, packs('A', 'P1', at(0, '01:00'), 5));
    await push(store, packs('A', 'P1', at(1, '22:45'), 5)); // 22:45–23:10 UTC: block 1
    const before = await revs(store);
    expect([...before.keys()].sort((a, b) => a - b)).toEqual([B0, B0 + 1]);
    const cellsBefore = await storedHours(store, at(0, '00:00'), at(DAYS, '00:00'));

    await store.tx((t) => t.statsCells.clear());
    const cleared = await revs(store);
    // Blocks that had cells keep their revision row, moved on.
    expect([...cleared.keys()].sort((a, b) => a - b)).toEqual([B0, B0 + 1]);
    for (const [b, rev] of cleared) expect(rev).toBeGreaterThan(before.get(b) as number);
    expect(await storedHours(store, at(0, '00:00'), at(DAYS, '00:00'))).toEqual([]);

    await store.tx((t) => rebuildCells(t, settings));
    const rebuilt = await revs(store);
    for (const [b, rev] of rebuilt) expect(rev).toBeGreaterThan(cleared.get(b) as number);
    expect(await storedHours(store, at(0, '00:00'), at(DAYS, '00:00'))).toEqual(cellsBefore);
  });

  it('roll back with the unit of work that moved them', async () => {
    await store.tx((t) => t.statsCells.add([delta('A', at(0, '01:00'), 2)]));
    const before = await revs(store);
    await expect(
      store.tx(async (t) => {
        await t.statsCells.add([delta('A', at(0, '01:00'), 5)]);
        expect(changed(before, await t.statsCells.blockRevs(B0 - 1, B0 + DAYS + 1))).toEqual([B0]);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await revs(store)).toEqual(before);
  });
});

describe('stats cell cache', () => {
  let dir: string;
  let store: HubStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-cell-cache-'));
    store = await openTestStore(dir);
    await addStations(store);
    await push(store, fourDays());
  });
  afterEach(async () => {
    await store.close();
    await dropTestStore(dir);
    rmSync(dir, { recursive: true, force: true });
  });

  const FROM = at(0, '00:00');
  const TO = at(DAYS, '00:00');

  it('gives what the store gives, reloading only the blocks a late event changed, on this instance and another', async () => {
    const cache = new StatsCellCache();
    const ctx = hubContext(store, cache);
    const want = await uncached(store, FROM, TO);
    expect(want.total.orders).toBe(DAYS * 30);
    expect(want.total.packTimeP50Ms).not.toBeNull();
    expect(await hubStats(ctx, FROM, TO, GROUPINGS)).toEqual(want);
    expect(cache.loads).toBe(DAYS);
    expect(cache.size).toBe(DAYS);
    // Nothing changed: nothing is read again (hubStats's own fold of hand-overs changes no cell).
    expect(await hubStats(ctx, FROM, TO, GROUPINGS)).toEqual(want);
    expect(cache.loads).toBe(DAYS);

    // Another hub instance on the same store, with a cache of its own, warmed now.
    const other = await openTestStore(dir);
    try {
      const otherCache = new StatsCellCache();
      expect(await hubStats(hubContext(other, otherCache), FROM, TO, GROUPINGS)).toEqual(want);
      expect(otherCache.loads).toBe(DAYS);

      // Late events on past days: a wrong item at A on day 1, a misread at B's night on day 2.
      const before = await revs(store);
      await push(store, [
        ev('scan.recorded', at(1, '01:19') + 30 * SEC, 'A', 'P1', { verdict: 'wrong_item' }),
        ev('scan.recorded', at(2, '13:37') + 30 * SEC, 'B', 'P2', { verdict: 'misread' }),
      ]);
      const moved = changed(before, await revs(store));
      expect(moved).toEqual([B0 + 1, B0 + 2]);

      const late = await uncached(store, FROM, TO);
      expect(late.total.wrongItems).toBe(want.total.wrongItems + 1);
      expect(late.total.misreads).toBe((want.total.misreads ?? 0) + 1);
      expect(await hubStats(ctx, FROM, TO, GROUPINGS)).toEqual(late);
      expect(cache.loads).toBe(DAYS + moved.length);
      // The instance that did not write the events sees them too, reloading the same blocks.
      expect(await hubStats(hubContext(other, otherCache), FROM, TO, GROUPINGS)).toEqual(late);
      expect(otherCache.loads).toBe(DAYS + moved.length);

      // Today's block as desks keep packing: block 3 alone.
      const beforeToday = await revs(store);
      await push(other, packs('A', 'P1', at(3, '05:00'), 3));
      expect(changed(beforeToday, await revs(store))).toEqual([B0 + 3]);
      const today = await uncached(store, FROM, TO);
      expect(today.total.orders).toBe(late.total.orders + 3);
      expect(await hubStats(ctx, FROM, TO, GROUPINGS)).toEqual(today);
      expect(cache.loads).toBe(DAYS + moved.length + 1);
      expect(await cached(other, otherCache, FROM, TO)).toEqual(today);
      expect(otherCache.loads).toBe(DAYS + moved.length + 1);
    } finally {
      await other.close();
    }
  });

  it('reloads every block after a rebuild, and still gives what the store gives', async () => {
    const cache = new StatsCellCache();
    const want = await uncached(store, FROM, TO);
    expect(await cached(store, cache, FROM, TO)).toEqual(want);
    expect(cache.loads).toBe(DAYS);
    await store.tx((t) => rebuildCells(t, settings));
    expect(await uncached(store, FROM, TO)).toEqual(want);
    expect(await cached(store, cache, FROM, TO)).toEqual(want);
    expect(cache.loads).toBe(2 * DAYS);
  });

  it('cuts ranges inside a block at hours: only the cells in range, from blocks already kept', async () => {
    const cache = new StatsCellCache();
    expect(await cached(store, cache, FROM, TO)).toEqual(await uncached(store, FROM, TO));
    expect(cache.loads).toBe(DAYS);
    const ranges: [number, number][] = [
      [at(1, '02:00'), at(2, '14:00')], // from inside block 1 to inside block 2
      [at(0, '01:00'), at(0, '02:00')], // one hour of block 0: A's and B's cells of 01:00
      [at(2, '13:00'), at(3, '02:00')], // B's night of day 2, then day 3 up to 02:00
      [at(1, '04:00'), at(1, '12:00')], // hours with no cell
      [at(3, '13:00'), at(DAYS + 2, '00:00')], // past the last block with cells
      [at(-1, '20:00'), at(0, '02:00')], // from before the first block with cells
    ];
    for (const [from, to] of ranges) {
      const hours = await cachedHours(store, cache, from, to);
      expect(hours).toEqual(await storedHours(store, from, to));
      for (const h of hours) {
        expect(h).toBeGreaterThanOrEqual(from);
        expect(h).toBeLessThan(to);
      }
      expect(await cached(store, cache, from, to)).toEqual(await uncached(store, from, to));
      expect(await hubStats(hubContext(store, cache), from, to, GROUPINGS)).toEqual(await uncached(store, from, to));
    }
    expect(await cachedHours(store, cache, at(1, '04:00'), at(1, '12:00'))).toEqual([]);
    expect(await cachedHours(store, cache, at(1, '02:00'), at(1, '02:00'))).toEqual([]);
    expect((await cachedHours(store, cache, at(0, '01:00'), at(0, '02:00'))).length).toBe(2);
    expect(cache.loads).toBe(DAYS);
  });

  it('keeps at most maxBlocks, least recently used out first, and stays right', async () => {
    const cache = new StatsCellCache(2);
    const want = await uncached(store, FROM, TO);
    expect(await cached(store, cache, FROM, TO)).toEqual(want);
    expect(cache.size).toBeLessThanOrEqual(2);
    expect(cache.loads).toBe(DAYS);
    expect(await hubStats(hubContext(store, cache), FROM, TO, GROUPINGS)).toEqual(want);
    expect(cache.size).toBeLessThanOrEqual(2);

    // One block at a time: 0, 1, 0 again (kept), 2 (1 goes, being the least recent), 0 (kept), 1 (read again).
    const day = (d: number) => [at(d, '00:00'), at(d + 1, '00:00')] as const;
    const loadsOf = async (d: number) => {
      const n = cache.loads;
      expect(await cached(store, cache, ...day(d))).toEqual(await uncached(store, ...day(d)));
      expect(cache.size).toBeLessThanOrEqual(2);
      return cache.loads - n;
    };
    const fresh = new StatsCellCache(2);
    const freshLoads = async (d: number) => {
      const n = fresh.loads;
      expect(await cached(store, fresh, ...day(d))).toEqual(await uncached(store, ...day(d)));
      expect(fresh.size).toBeLessThanOrEqual(2);
      return fresh.loads - n;
    };
    expect(await loadsOf(3)).toBe(0); // the last two blocks of the full query stay
    expect([await freshLoads(0), await freshLoads(1), await freshLoads(0), await freshLoads(2)]).toEqual([1, 1, 0, 1]);
    expect([await freshLoads(0), await freshLoads(1)]).toEqual([0, 1]);

    // A late event in a kept block and in an evicted one: both answers stay right.
    await push(store, [
      ev('scan.recorded', at(1, '01:07') + 30 * SEC, 'A', 'P1', { verdict: 'over_scan' }),
      ev('scan.recorded', at(2, '01:07') + 30 * SEC, 'A', 'P1', { verdict: 'over_scan' }),
    ]);
    const late = await uncached(store, FROM, TO);
    expect(late.total.overScans).toBe(want.total.overScans + 2);
    expect(await cached(store, fresh, FROM, TO)).toEqual(late);
    expect(await cached(store, cache, FROM, TO)).toEqual(late);
    expect(fresh.size).toBeLessThanOrEqual(2);
    expect(cache.size).toBeLessThanOrEqual(2);
  });

  it('does not keep a block read by a unit of work that then rolled back', async () => {
    const cache = new StatsCellCache();
    const want = await uncached(store, FROM, TO);
    expect(await cached(store, cache, FROM, TO)).toEqual(want);
    // hubStats folds and reads the cache in one unit of work; when that unit fails afterwards (a
    // dropped connection, a COMMIT answered with ROLLBACK), its writes and revisions are undone.
    await expect(
      store.tx(async (t) => {
        await t.statsCells.add([delta('A', at(1, '05:00'), 7)]);
        // Kept only after a commit: hubStats calls keep() once its unit of work has committed.
        await cache.read(t, FROM, TO);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    // The next write to that block brings its revision to the number the abandoned one had.
    await store.tx((t) => t.statsCells.add([delta('A', at(1, '05:00'), 2)]));
    const now = await uncached(store, FROM, TO);
    expect(now.total.orders).toBe(want.total.orders + 2);
    expect(await cached(store, cache, FROM, TO)).toEqual(now);
  });

  it('starts again past maxNames, and a query in flight then neither mixes names tables nor keeps its blocks', async () => {
    const dayOne = [at(0, '00:00'), at(1, '00:00')] as const;
    const probe = new StatsCellCache();
    const oneDayNames = (await store.tx((t) => probe.read(t, ...dayOne))).names.size;
    // A table of one day's names: a query of every day outgrows it, one of a day does not.
    const cache = new StatsCellCache(410, oneDayNames);
    const want = await uncached(store, FROM, TO);
    const first = await store.tx(async (t) => ({
      cells: await cache.read(t, FROM, TO),
      layouts: await t.stations.layoutPeriods(),
    }));
    expect(first.cells.names.size).toBeGreaterThan(oneDayNames);
    // Another query starts the cache again while the first has not rolled up yet.
    expect(await cached(store, cache, ...dayOne)).toEqual(await uncached(store, ...dayOne));
    first.cells.keep();
    expect(cache.size).toBe(1);
    // The first still rolls up against its own table; the next query reads the other days anew.
    expect(statsFromColumns(first.cells.parts, [], query(FROM, TO), first.layouts, first.cells.names)).toEqual(want);
    const loads = cache.loads;
    expect(await cached(store, cache, FROM, TO)).toEqual(want);
    expect(cache.loads - loads).toBe(DAYS - 1);
  });
});
