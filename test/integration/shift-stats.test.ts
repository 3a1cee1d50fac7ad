// A simulated shift at three stations — U-shaped, straight and island — each packing at its own
// pace and error rate, with a break at the straight desk and the island desk re-laid as a U at
// 11:00. Every event reaches the hub over 127.0.0.1 through the real sync engine; the hub's stats
// API must return the figures worked out from the timetable (test/helpers/shift.ts), not from the
// stats module under test.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StatsResult, StatsGroup } from '../../src/contract/stats.js';
import type { SupervisorView } from '../../src/contract/api/supervisor.js';
import { startTestHub, until, type TestHub } from '../helpers/hub.js';
import {
  drained,
  expectedFigures,
  packShift,
  seedHub,
  seedOrders,
  startShiftStation,
  type ShiftStation,
  type StationPlan,
} from '../helpers/shift.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const H = 3_600_000;
/** 2026-11-23 08:00 in Shanghai: the day shift (08:00–16:00) starts. */
const T0 = Date.UTC(2026, 10, 23, 0);

const U1: StationPlan = {
  stationId: 'U1',
  layout: 'u_shaped',
  packer: { id: 'PU', name: '陈快手', badge: 'BADGE-PU' },
  orders: 40,
  cycleS: 105,
  itemGapS: 12,
  toScaleS: 8,
  errors: [{ order: 20, kind: 'wrong_item' }],
};
const S1: StationPlan = {
  stationId: 'S1',
  layout: 'straight',
  packer: { id: 'PS', name: '李稳', badge: 'BADGE-PS' },
  orders: 30,
  cycleS: 160,
  itemGapS: 20,
  toScaleS: 10,
  errors: [
    { order: 5, kind: 'unknown_code' },
    { order: 15, kind: 'unknown_code' },
    { order: 25, kind: 'unknown_code' },
  ],
  breakAfter: { order: 14, minutes: 12 },
};
const I1: StationPlan = {
  stationId: 'I1',
  layout: 'island',
  packer: { id: 'PI', name: '周岛', badge: 'BADGE-PI' },
  orders: 34,
  cycleS: 138,
  itemGapS: 16,
  toScaleS: 10,
  errors: [
    { order: 8, kind: 'over_scan' },
    { order: 25, kind: 'over_scan' },
  ],
};
/** I1 after it is re-laid as a U at 11:00: four more orders, faster. */
const I1_U: StationPlan = { ...I1, layout: 'u_shaped', orders: 4, cycleS: 100, errors: [], firstOrder: 100 };
const RELAYOUT_AT = T0 + 3 * H;

let hubNow = T0 - H;
let hub: TestHub;
const stations: ShiftStation[] = [];
let tokens: Map<string, string>;

const exp = {
  U1: expectedFigures(U1, T0),
  S1: expectedFigures(S1, T0),
  I1: expectedFigures(I1, T0),
  I1_U: expectedFigures(I1_U, RELAYOUT_AT),
};

beforeAll(async () => {
  hub = await startTestHub({ now: () => hubNow });
  tokens = await seedHub(hub.admin, [U1, S1, I1], T0 - 2 * H);
  await seedOrders(hub.admin, I1_U, T0 - 2 * H);
  for (const plan of [U1, S1, I1])
    stations.push(await startShiftStation(plan, hub.hub.url, tokens.get(plan.stationId)!, T0));
  const [u1, s1, i1] = stations as [ShiftStation, ShiftStation, ShiftStation];
  // The hub's clock follows the work: at 08:00 while the morning is packed.
  hubNow = T0;
  await Promise.all([packShift(u1), packShift(s1), packShift(i1)]);
  // 11:00: the island desk is re-laid as a U. The station reports its layout, and since when by its
  // own clock, on its next pull; the hub (whose clock says 11:30 here) dates the change 11:00.
  hubNow = RELAYOUT_AT + 30 * 60_000;
  i1.t.clock.advance(RELAYOUT_AT - i1.t.clock.now());
  const config = i1.t.station.services.config();
  i1.t.station.services.applyConfig({ ...config, station: { ...config.station, layout: 'u_shaped' } });
  await until(
    () => hub.admin<{ id: string; layout: string }[]>('GET', '/v1/admin/stations'),
    (r) => r.body.find((s) => s.id === 'I1')?.layout === 'u_shaped',
    10_000,
    'I1 re-laid at the hub',
  );
  const history = await hub.hub.store.tx((t) => t.stations.layoutHistory('I1'));
  expect(history.map((p) => [p.layout, p.from])).toEqual([
    ['island', T0 - H],
    ['u_shaped', RELAYOUT_AT],
  ]);
  await packShift(i1, I1_U);
  for (const s of stations) await drained(s);
  // Supervisor view "now": 16:00, the end of the day shift; stations are still pulling (online).
  hubNow = T0 + 8 * H;
  await until(
    () => hub.admin<{ id: string; lastSeenAt: number | null }[]>('GET', '/v1/admin/stations'),
    (r) => r.body.length === 3 && r.body.every((s) => s.lastSeenAt === hubNow),
    10_000,
    'every station pulled at 16:00',
  );
});

afterAll(async () => {
  for (const s of stations) await s.close();
  await hub?.close();
});

const stationToken = () => tokens.get('U1')!;
const range = `from=${T0 - H}&to=${T0 + 16 * H}`;

async function stats(by: string, token = stationToken()): Promise<StatsResult> {
  const r = await hub.call<StatsResult>(token, 'GET', `/v1/stats?${range}&by=${by}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const find = (groups: StatsGroup[], key: Record<string, string>) => {
  const g = groups.find((x) => Object.entries(key).every(([k, v]) => x.key[k as keyof typeof x.key] === v));
  if (!g) throw new Error(`no group ${JSON.stringify(key)} among ${JSON.stringify(groups.map((x) => x.key))}`);
  return g.figures;
};

describe('the hub stats API after a simulated shift', () => {
  it('gives each station its orders, units, scan errors and error rate', async () => {
    const r = await stats('station');
    const groups = r.groupings[0]!.groups;
    expect(groups.map((g) => g.key.station)).toEqual(['I1', 'S1', 'U1']);
    const i1 = find(groups, { station: 'I1' });
    const s1 = find(groups, { station: 'S1' });
    const u1 = find(groups, { station: 'U1' });
    expect([u1.orders, u1.units, u1.scannedUnits, u1.scanErrors, u1.wrongItems]).toEqual([40, 80, 80, 1, 1]);
    expect([s1.orders, s1.units, s1.scannedUnits, s1.scanErrors, s1.unknownCodes]).toEqual([30, 60, 60, 3, 3]);
    expect([i1.orders, i1.units, i1.scannedUnits, i1.scanErrors, i1.overScans]).toEqual([38, 76, 76, 2, 2]);
    expect(u1.errorRate).toBeCloseTo(1 / 80, 10);
    expect(s1.errorRate).toBeCloseTo(3 / 60, 10);
    expect(i1.errorRate).toBeCloseTo(2 / 76, 10);
    expect([r.total.orders, r.total.units, r.total.scanErrors]).toEqual([108, 216, 6]);
    // Nothing went wrong at the scale or the printer.
    expect([r.total.weightExceptions, r.total.reprints, r.total.interceptions, r.total.overrides]).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('measures active time from login to logout less idle gaps, and the shift as 8 h per station', async () => {
    const groups = (await stats('station')).groupings[0]!.groups;
    const u1 = find(groups, { station: 'U1' });
    const s1 = find(groups, { station: 'S1' });
    const i1 = find(groups, { station: 'I1' });
    expect(u1.activeMs).toBe(exp.U1.activeMs);
    expect([u1.idleGaps, u1.idleMs]).toEqual([0, 0]);
    // The 12-minute break after order 15 is one idle gap: from its label to the next order scan.
    expect(s1.activeMs).toBe(exp.S1.activeMs);
    expect([s1.idleGaps, s1.idleMs]).toEqual([1, exp.S1.idleMs]);
    // I1 logged out at 09:17 and in again at 11:00: time between a logout and a login is neither.
    expect(i1.activeMs).toBe(exp.I1.activeMs + exp.I1_U.activeMs);
    expect([i1.idleGaps, i1.idleMs]).toEqual([0, 0]);
    for (const f of [u1, s1, i1]) expect(f.shiftMs).toBe(8 * H);
    expect(u1.unitsPerShiftHour).toBe(10);
    expect(u1.unitsPerActiveHour).toBeCloseTo(80 / (exp.U1.activeMs / H), 9);
    expect(s1.ordersPerActiveHour).toBeCloseTo(30 / (exp.S1.activeMs / H), 9);
  });

  it('times each pack from the order scan to its label', async () => {
    const groups = (await stats('station')).groupings[0]!.groups;
    expect(exp.U1.packTimeMs).toBe(32_600);
    const u1 = find(groups, { station: 'U1' });
    expect([u1.packTimeP50Ms, u1.packTimeP90Ms]).toEqual([exp.U1.packTimeMs, exp.U1.packTimeMs]);
    const s1 = find(groups, { station: 'S1' });
    expect([s1.packTimeP50Ms, s1.packTimeP90Ms]).toEqual([exp.S1.packTimeMs, exp.S1.packTimeMs]);
    // Costs come from the hub's rate table: every parcel has one.
    expect(u1.parcels).toBe(40);
  });

  it('counts orders per local hour at each station', async () => {
    const groups = (await stats('station,hour')).groupings[0]!.groups;
    expect(find(groups, { station: 'U1', hour: '2026-11-23 08' }).orders).toBe(34);
    expect(find(groups, { station: 'U1', hour: '2026-11-23 09' }).orders).toBe(6);
    expect(find(groups, { station: 'I1', hour: '2026-11-23 11' }).orders).toBe(4);
    expect(groups.some((g) => g.key.station === 'I1' && g.key.hour === '2026-11-23 10')).toBe(false);
    // Cross-check the hour split from the timetable.
    const before9 = (e: typeof exp.U1) => e.completedAt.filter((t) => t < T0 + H).length;
    expect(before9(exp.U1)).toBe(34);
    expect(find(groups, { station: 'S1', hour: '2026-11-23 08' }).orders).toBe(before9(exp.S1));
    expect(find(groups, { station: 'I1', hour: '2026-11-23 08' }).orders).toBe(before9(exp.I1));
  });

  it('credits the work to the layout in force when it was done', async () => {
    const groups = (await stats('layout')).groupings[0]!.groups;
    expect(groups.map((g) => g.key.layout).sort()).toEqual(['island', 'straight', 'u_shaped']);
    const island = find(groups, { layout: 'island' });
    const straight = find(groups, { layout: 'straight' });
    const u = find(groups, { layout: 'u_shaped' });
    expect([island.orders, island.units, island.scanErrors]).toEqual([34, 68, 2]);
    expect([straight.orders, straight.units, straight.scanErrors]).toEqual([30, 60, 3]);
    expect([u.orders, u.units, u.scanErrors]).toEqual([44, 88, 1]);
    // I1's day shift splits at 11:00: 3 h island, 5 h U-shaped (plus U1's 8 h).
    expect(island.shiftMs).toBe(3 * H);
    expect(u.shiftMs).toBe(13 * H);
    expect(straight.shiftMs).toBe(8 * H);
    expect(island.activeMs).toBe(exp.I1.activeMs);
    expect(u.activeMs).toBe(exp.U1.activeMs + exp.I1_U.activeMs);
    expect(u.errorRate).toBeCloseTo(1 / 88, 10);
  });

  it('groups by packer', async () => {
    const groups = (await stats('packer')).groupings[0]!.groups;
    expect(groups.map((g) => [g.key.packer, g.figures.orders, g.figures.scanErrors])).toEqual([
      ['PI', 38, 2],
      ['PS', 30, 3],
      ['PU', 40, 1],
    ]);
  });

  it('assembles the supervisor view: tiles, layouts and the leaderboard', async () => {
    const r = await hub.call<SupervisorView>(
      stationToken(),
      'GET',
      `/v1/stats/supervisor?from=${T0 - 8 * H}&to=${T0 + 16 * H}`,
    );
    expect(r.status).toBe(200);
    const v = r.body;
    expect(v.scope).toBe('hub');
    const tile = (id: string) => v.tiles.find((t) => t.stationId === id)!;
    expect(v.tiles.map((t) => t.stationId).sort()).toEqual(['I1', 'S1', 'U1']);
    expect([tile('U1').ordersToday, tile('U1').unitsToday, tile('U1').layout]).toEqual([40, 80, 'u_shaped']);
    expect([tile('S1').ordersToday, tile('S1').unitsToday, tile('S1').layout]).toEqual([30, 60, 'straight']);
    expect([tile('I1').ordersToday, tile('I1').unitsToday, tile('I1').layout]).toEqual([38, 76, 'u_shaped']);
    for (const t of v.tiles) {
      expect(t.online).toBe(true);
      // Everyone has logged out; every event is at the hub.
      expect(t.packer).toBeNull();
      expect(t.queueDepth).toBe(0);
    }
    expect(tile('U1').unitsPerHourToday).toBeCloseTo(80 / (exp.U1.activeMs / H), 9);
    expect(tile('S1').errorRateToday).toBeCloseTo(0.05, 10);
    expect(v.layouts.map((g) => [g.key.layout, g.figures.orders])).toEqual(
      expect.arrayContaining([
        ['island', 34],
        ['straight', 30],
        ['u_shaped', 44],
      ]),
    );
    expect(v.packers.map((g) => g.key.packer).sort()).toEqual(['PI', 'PS', 'PU']);
    expect(v.names.packers.PU).toBe('陈快手');
    expect(v.hourly.find((g) => g.key.hour === '2026-11-23 11')?.figures.orders).toBe(4);
    // S1's last hour is quiet (16:00): no error-rate alert for old mistakes; nobody is offline.
    expect(v.alerts).toEqual([]);
  });

  it('exports CSV, and refuses a bad token or a bad query naming the field', async () => {
    const csv = await fetch(`${hub.hub.url}/v1/stats.csv?${range}&by=station`, {
      headers: { authorization: `Bearer ${stationToken()}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^station,orders,units,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['I1,38,76', 'S1,30,60', 'U1,40,80']);

    expect((await hub.call(null, 'GET', `/v1/stats?${range}`)).status).toBe(401);
    expect((await hub.call('not-a-token', 'GET', `/v1/stats?${range}`)).status).toBe(401);
    const badBy = await hub.call<{ message: string }>(stationToken(), 'GET', `/v1/stats?${range}&by=station,week`);
    expect(badBy.status).toBe(400);
    expect(badBy.body.message).toMatch(/^by: "week" is not one of station, packer, hour, day, layout/);
    const badRange = await hub.call<{ message: string }>(stationToken(), 'GET', `/v1/stats?from=${T0}&to=${T0}`);
    expect(badRange.status).toBe(400);
    expect(badRange.body.message).toMatch(/^from\/to:/);
  });
});
