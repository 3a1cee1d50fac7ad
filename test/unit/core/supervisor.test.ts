// The supervisor view at a desk without a hub (computed here from the outbox with the shared stats
// module), the packer's own figures on the pack screen, and the desk's layout history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { makeStation, type TestStation } from '../../helpers/station.js';

const MIN = 60_000;
const H = 60 * MIN;
/** 2026-11-25 09:00 in Shanghai (the test station's default start). */
const NINE = Date.UTC(2026, 10, 25, 1);

let t: TestStation;
beforeEach(async () => {
  t = await makeStation({ start: NINE });
});
afterEach(async () => {
  await t.close();
});

const snap = () => t.station.services.snapshot();

/** Opens the order, scans `items` 5 s apart (a wrong item first when asked), weighs, lifts. */
async function pack(orderId: string, items: string[], wrongFirst = false): Promise<void> {
  expect(t.scan(orderId).verdict).toBe('order_opened');
  if (wrongFirst) {
    expect(t.scan(BARCODE.vase).verdict).toBe('wrong_item');
    expect(t.scan('CMD-ACK').verdict).toBe('command');
  }
  for (const code of items) {
    t.clock.advance(5000);
    expect(t.scan(code).verdict).toBe('item_ok');
  }
  t.clock.advance(5000);
  await t.weigh(snap().pack?.weight?.expectedG ?? 0);
  expect(snap().lastPack?.state).toBe('done');
  t.lift();
}

const TEES = [BARCODE.tshirt, BARCODE.tshirt, BARCODE.tshirt];
const CLEAN = [BARCODE.tshirt, BARCODE.tshirt, BARCODE.earbuds];

describe('the supervisor view at a desk without a hub', () => {
  it('opens by supervisor badge while a packer works, shows this desk from its own log, and closes', async () => {
    t.scan('BADGE-P01');
    await pack(O.multi, TEES);
    t.clock.advance(10 * MIN);
    await pack(O.clean, CLEAN, true);

    expect(t.scan('BADGE-S01').verdict).toBe('supervisor');
    expect(snap().supervisor).toEqual({ id: 'S01', name: '王主管' });
    const view = await t.station.core.call('supervisor.view', {});
    expect(view.scope).toBe('station');
    expect(view.timezone).toBe('Asia/Shanghai');
    expect(view.tiles).toHaveLength(1);
    const tile = view.tiles[0]!;
    expect(tile).toMatchObject({
      stationId: 'T1',
      online: true,
      lastSeenAt: null,
      layout: 'u_shaped',
      packer: { id: 'P01', name: '张伟' },
      ordersToday: 2,
      unitsToday: 6,
      labelPending: 0,
    });
    // One wrong item over six units scanned.
    expect(tile.errorRateToday).toBeCloseTo(1 / 6, 10);
    expect(view.total).toMatchObject({
      orders: 2,
      units: 6,
      scannedUnits: 6,
      wrongItems: 1,
      scanErrors: 1,
      idleGaps: 1,
    });
    expect(view.packers.map((g) => [g.key.packer, g.figures.orders])).toEqual([['P01', 2]]);
    expect(view.layouts.map((g) => [g.key.layout, g.figures.units])).toEqual([['u_shaped', 6]]);
    expect(view.hourly.map((g) => [g.key.hour, g.figures.orders])).toEqual([['2026-11-25 09', 2]]);
    expect(view.names.packers.P01).toBe('张伟');

    await t.station.core.call('supervisor.close', {});
    expect(snap().supervisor).toBeNull();
    expect(snap().packer?.id).toBe('P01');
  });

  it('exports CSV computed here, named by the local date', async () => {
    t.scan('BADGE-P01');
    await pack(O.multi, TEES);
    const from = Date.UTC(2026, 10, 24, 16); // 2026-11-25 00:00 in Shanghai
    const { filename, csv } = await t.station.core.call('supervisor.csv', { from, to: from + 24 * H, by: 'packer' });
    expect(filename).toBe('packdesk-packer-2026-11-25.csv');
    const [header, row, extra] = csv.trim().split('\n');
    expect(header?.startsWith('packer,orders,units,')).toBe(true);
    expect(row?.startsWith('P01,1,3,')).toBe(true);
    expect(extra).toBeUndefined();
    await expect(t.station.core.call('supervisor.csv', { from, to: from, by: 'packer' })).rejects.toThrow(
      /to must be after from/,
    );
  });

  it('credits work to the layout in force: the desk keeps its own layout history', async () => {
    expect(t.station.services.stores.layouts.history()).toEqual([{ layout: 'u_shaped', from: NINE }]);
    t.scan('BADGE-P01');
    await pack(O.multi, TEES);
    t.clock.advance(H);
    // Set on the settings screen; saving the same layout again is not a change.
    expect((await t.station.core.call('settings.layout', { layout: 'island' })).layout).toBe('island');
    const changedAt = t.clock.now();
    await t.station.core.call('settings.layout', { layout: 'island' });
    t.station.services.applyConfig({ ...t.station.services.config() });
    expect(t.station.services.config().station.layout).toBe('island');
    const bad = await t.station.core.dispatch('settings.layout', { layout: 'circle' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'bad_request' });
    expect(t.station.services.stores.layouts.history()).toEqual([
      { layout: 'u_shaped', from: NINE },
      { layout: 'island', from: changedAt },
    ]);
    expect(t.station.services.report()).toMatchObject({ layout: 'island', layoutSince: changedAt });
    await pack(O.clean, CLEAN);
    const view = await t.station.core.call('supervisor.view', {});
    expect(view.layouts.map((g) => [g.key.layout, g.figures.orders, g.figures.units])).toEqual([
      ['island', 1, 3],
      ['u_shaped', 1, 3],
    ]);
    expect(view.tiles[0]?.layout).toBe('island');
  });
});

describe("the packer's own figures on the pack screen", () => {
  it('shows today, this hour, the best hour and the errors of whoever is logged in', async () => {
    expect(snap().packerFigures).toBeNull();
    t.scan('BADGE-P01');
    await pack(O.multi, TEES); // 09:00
    await pack(O.clean, CLEAN, true); // 09:00, one wrong item
    t.clock.advance(H); // 10:00
    await pack(O.vase, [BARCODE.vase]);
    expect(snap().packerFigures).toEqual({
      packerId: 'P01',
      todayUnits: 7,
      todayOrders: 3,
      thisHourUnits: 1,
      bestHourUnits: 6,
      bestHourAt: '2026-11-25 09',
      errorsToday: 1,
    });
    // Another packer starts from nothing.
    t.scan('CMD-LOGOUT');
    t.scan('BADGE-P02');
    expect(snap().packerFigures).toMatchObject({
      packerId: 'P02',
      todayUnits: 0,
      bestHourUnits: 0,
      bestHourAt: null,
      errorsToday: 0,
    });
  });
});
