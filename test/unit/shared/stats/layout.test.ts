// A station rebuilt mid-day: U-shaped until 12:00, island after. Figures go to the layout in force.
import { describe, expect, it } from 'vitest';
import { computeStats } from '../../../../src/domain/stats/compute.js';
import type { LayoutPeriod } from '../../../../src/contract/stats.js';
import { HOUR, MIN, ev, q, scan, t } from './log.js';

const layouts: LayoutPeriod[] = [
  { stationId: 'A', layout: 'island', from: t('12:00') },
  { stationId: 'A', layout: 'u_shaped', from: t('00:00', -1) },
  // B has no period: its events are grouped under 'unknown'.
];

const log = [
  scan(t('10:00'), 'item_ok'),
  ev('pack.completed', t('10:01'), { packId: 'K1', units: 2 }),
  scan(t('11:58'), 'item_ok'),
  scan(t('12:02'), 'item_ok'),
  ev('pack.completed', t('12:03'), { packId: 'K2', units: 3 }),
  scan(t('15:00'), 'item_ok'),
  scan(t('09:00'), 'item_ok', 1, 'B', 'P2'),
];

describe('a layout change mid-day', () => {
  const r = computeStats(
    log,
    q({ shifts: [{ name: 'day', start: '08:00', end: '20:00' }], groupings: [['layout'], ['station', 'layout']] }),
    { layouts },
  );
  const byLayout = Object.fromEntries((r.groupings[0]?.groups ?? []).map((g) => [g.key.layout, g.figures]));

  it('credits events before and after the change to the layout in force', () => {
    expect(r.groupings[0]?.groups.map((g) => g.key.layout)).toEqual(['island', 'u_shaped', 'unknown']);
    expect(byLayout.u_shaped).toMatchObject({ orders: 1, units: 2, scannedUnits: 2 }); // 10:00, 11:58
    expect(byLayout.island).toMatchObject({ orders: 1, units: 3, scannedUnits: 2 }); // 12:02, 15:00
    expect(byLayout.unknown).toMatchObject({ orders: 0, scannedUnits: 1 });
  });

  it('splits an active interval at the change', () => {
    // U-shaped: 10:00–10:01 + 11:58–12:00 = 3 min. Island: 12:00–12:02 + 12:02–12:03 = 3 min.
    expect(byLayout.u_shaped?.activeMs).toBe(3 * MIN);
    expect(byLayout.island?.activeMs).toBe(3 * MIN);
    // Idle gaps go with the event that opens them: 10:01 → 11:58 (117 min), 12:03 → 15:00 (177 min).
    expect(byLayout.u_shaped).toMatchObject({ idleGaps: 1, idleMs: 117 * MIN });
    expect(byLayout.island).toMatchObject({ idleGaps: 1, idleMs: 177 * MIN });
  });

  it('splits the day shift of the station between the two layouts', () => {
    expect(byLayout.u_shaped?.shiftMs).toBe(4 * HOUR); // 08:00–12:00
    expect(byLayout.island?.shiftMs).toBe(8 * HOUR); // 12:00–20:00
    expect(byLayout.unknown?.shiftMs).toBe(12 * HOUR); // B, the whole shift
    expect(r.total.shiftMs).toBe(24 * HOUR); // A 12 h + B 12 h
    expect(byLayout.island?.unitsPerShiftHour).toBe(0.375); // 3 units / 8 h
  });

  it('keys station × layout groups by both', () => {
    expect(r.groupings[1]?.groups.map((g) => [g.key.station, g.key.layout, g.figures.shiftMs])).toEqual([
      ['A', 'island', 8 * HOUR],
      ['A', 'u_shaped', 4 * HOUR],
      ['B', 'unknown', 12 * HOUR],
    ]);
  });

  it('takes the period given last when two start at the same instant', () => {
    const twice: LayoutPeriod[] = [
      { stationId: 'A', layout: 'straight', from: t('00:00') },
      { stationId: 'A', layout: 'island', from: t('00:00') },
    ];
    const g = computeStats([scan(t('09:00'), 'item_ok')], q({ groupings: [['layout']] }), { layouts: twice })
      .groupings[0]?.groups;
    expect(g?.map((x) => x.key.layout)).toEqual(['island']);
  });

  it('credits work stamped before the first period to the first layout (registered after, or a desk clock behind)', () => {
    const later: LayoutPeriod[] = [
      { stationId: 'A', layout: 'straight', from: t('10:00') },
      { stationId: 'A', layout: 'island', from: t('10:00') },
      { stationId: 'A', layout: 'u_shaped', from: t('14:00') },
    ];
    const r2 = computeStats(
      [scan(t('09:00'), 'item_ok'), scan(t('09:02'), 'item_ok'), scan(t('15:00'), 'item_ok')],
      q({ shifts: [{ name: 'day', start: '08:00', end: '20:00' }], groupings: [['layout']] }),
      { layouts: later },
    );
    expect(
      r2.groupings[0]?.groups.map((x) => [x.key.layout, x.figures.scannedUnits, x.figures.activeMs, x.figures.shiftMs]),
    ).toEqual([
      ['island', 2, 2 * MIN, 6 * HOUR], // 08:00–14:00: the first period reaches back to the start of the shift
      ['u_shaped', 1, 0, 6 * HOUR],
    ]);
  });
});
