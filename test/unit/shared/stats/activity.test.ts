// Active time, idle gaps and shift time: the definitions in compute.ts, checked on logs small enough
// to work out by hand.
import { describe, expect, it } from 'vitest';
import { computeStats } from '../../../../src/domain/stats/compute.js';
import type { ShiftDef } from '../../../../src/contract/stats.js';
import { HOUR, MIN, ev, q, scan, t } from './log.js';

const DAY_SHIFT: ShiftDef[] = [{ name: 'day', start: '08:00', end: '20:00' }];

describe('active time and idle gaps', () => {
  it('counts gaps up to idleGapMs as active and a longer one as an idle gap inside the shift', () => {
    const log = ['09:00', '09:02', '09:04', '09:20', '09:21'].map((hhmm) => scan(t(hhmm), 'item_ok'));
    const f = computeStats(log, q({ shifts: DAY_SHIFT })).total;
    expect(f.activeMs).toBe(5 * MIN); // 2 + 2 + 1; 09:04 → 09:20 is 16 min > 5
    expect(f.idleGaps).toBe(1);
    expect(f.idleMs).toBe(16 * MIN);
    expect(f.shiftMs).toBe(12 * HOUR); // the day shift 08:00–20:00, in which station A worked
  });

  it('counts a gap of exactly idleGapMs as active', () => {
    const f = computeStats([scan(t('09:00'), 'item_ok'), scan(t('09:05'), 'item_ok')], q()).total;
    expect(f.activeMs).toBe(5 * MIN);
    expect(f.idleGaps).toBe(0);
  });

  it('does not count the time after a logout as active or idle', () => {
    const log = [
      ev('packer.login', t('09:00')),
      scan(t('09:03'), 'item_ok'),
      ev('packer.logout', t('09:04')),
      ev('packer.login', t('10:00')),
      scan(t('10:02'), 'item_ok'),
    ];
    const f = computeStats(log, q({ shifts: DAY_SHIFT })).total;
    expect(f.activeMs).toBe(6 * MIN); // 09:00–09:03, 09:03–09:04, (logout → login skipped), 10:00–10:02
    expect(f.idleGaps).toBe(0);
    expect(f.idleMs).toBe(0);
  });

  it('keeps the logout in force for the logout scan stamped at the same instant, in either order', () => {
    for (const order of ['logout first', 'scan first']) {
      const logout = [ev('packer.logout', t('09:04')), scan(t('09:04'), 'logout')];
      const log = [
        ev('packer.login', t('09:00')),
        scan(t('09:03'), 'item_ok'),
        ...(order === 'logout first' ? logout : logout.reverse()),
        ev('packer.login', t('10:00')),
        scan(t('10:02'), 'item_ok'),
      ];
      const f = computeStats(log, q({ shifts: DAY_SHIFT })).total;
      expect([order, f.activeMs, f.idleGaps, f.idleMs]).toEqual([order, 6 * MIN, 0, 0]);
    }
  });

  it('keeps streams apart: each station-packer pair has its own gaps, and their active time adds up', () => {
    const log = [
      scan(t('09:00'), 'item_ok', 1, 'A', 'P1'),
      scan(t('09:01'), 'item_ok', 1, 'B', 'P2'),
      scan(t('09:03'), 'item_ok', 1, 'A', 'P1'),
      scan(t('09:04'), 'item_ok', 1, 'B', 'P2'),
      scan(t('09:05'), 'item_ok', 1, 'B', null), // a third stream (B, —): a single event, no gap
    ];
    const r = computeStats(log, q({ groupings: [['station'], ['packer']] }));
    expect(r.total.activeMs).toBe(6 * MIN); // A 3 min + B/P2 3 min, at the same time: two station-time
    expect(r.groupings[0]?.groups.map((g) => [g.key.station, g.figures.activeMs])).toEqual([
      ['A', 3 * MIN],
      ['B', 3 * MIN],
    ]);
    expect(r.groupings[1]?.groups.map((g) => [g.key.packer, g.figures.scannedUnits])).toEqual([
      ['P1', 2],
      ['P2', 2],
      ['—', 1],
    ]);
  });

  it('clips intervals to the range: a gap straddling `from` counts its part inside', () => {
    const log = [scan(t('08:58'), 'item_ok'), scan(t('09:01'), 'item_ok'), scan(t('09:10'), 'item_ok')];
    const f = computeStats(log, q({ from: t('09:00'), to: t('10:00'), shifts: DAY_SHIFT })).total;
    expect(f.activeMs).toBe(1 * MIN); // 09:00–09:01 of the 08:58 → 09:01 gap
    expect(f.idleGaps).toBe(1); // 09:01 → 09:10, counted with 09:01
    expect(f.idleMs).toBe(9 * MIN);
    expect(f.scannedUnits).toBe(2); // 08:58 is out of range
  });
});

describe('midnight', () => {
  // A night shift 20:00–08:00 and one stream working across 00:00 (UTC).
  const NIGHT: ShiftDef[] = [{ name: 'night', start: '20:00', end: '08:00' }];
  const log = [
    scan(t('23:50'), 'item_ok', 1, 'A', 'P2'),
    scan(t('23:54'), 'item_ok', 1, 'A', 'P2'),
    scan(t('23:58'), 'item_ok', 1, 'A', 'P2'),
    ev('pack.completed', t('00:02', 1), { packId: 'K1', units: 4 }, 'A', 'P2'),
    scan(t('00:03', 1), 'item_ok', 1, 'A', 'P2'),
    scan(t('00:30', 1), 'item_ok', 1, 'A', 'P2'),
    scan(t('00:31', 1), 'item_ok', 1, 'A', 'P2'),
  ];
  const r = computeStats(
    log,
    q({ from: t('00:00'), to: t('00:00', 2), shifts: NIGHT, groupings: [['day'], ['hour']] }),
  );
  const [days, hours] = r.groupings.map((g) => g.groups);

  it('splits the stream into two day groups at midnight', () => {
    // 25th: 23:50–23:54, 23:54–23:58, 23:58–24:00 = 4 + 4 + 2 = 10 min.
    // 26th: 00:00–00:02 (rest of the 23:58 gap), 00:02–00:03, 00:30–00:31 = 2 + 1 + 1 = 4 min;
    //       00:03 → 00:30 is an idle gap of 27 min inside the night shift.
    expect(days?.map((g) => [g.key.day, g.figures.activeMs, g.figures.idleGaps, g.figures.idleMs])).toEqual([
      ['2026-11-25', 10 * MIN, 0, 0],
      ['2026-11-26', 4 * MIN, 1, 27 * MIN],
    ]);
  });

  it('gives each day its part of the night shift', () => {
    // Night of the 25th: 20:00 → 08:00. Day 25 holds 20:00–24:00, day 26 holds 00:00–08:00.
    // The night of the 24th (ending 08:00 on the 25th) had no events: no shift time.
    expect(days?.map((g) => g.figures.shiftMs)).toEqual([4 * HOUR, 8 * HOUR]);
    expect(r.total.shiftMs).toBe(12 * HOUR);
  });

  it('splits into the two local hours either side of midnight', () => {
    expect(hours?.map((g) => [g.key.hour, g.figures.activeMs, g.figures.idleMs, g.figures.shiftMs])).toEqual([
      ['2026-11-25 23', 10 * MIN, 0, HOUR],
      ['2026-11-26 00', 4 * MIN, 27 * MIN, HOUR],
    ]);
  });

  it('computes the rates of each day from its own time', () => {
    const day26 = days?.[1]?.figures;
    expect(day26?.units).toBe(4);
    expect(day26?.unitsPerActiveHour).toBe(60); // 4 units / (4/60 h)
    expect(day26?.unitsPerShiftHour).toBe(0.5); // 4 units / 8 h
    expect(day26?.ordersPerShiftHour).toBe(0.125); // 1 order / 8 h
  });
});

describe('shift boundaries', () => {
  // Early 08:00–12:00, late 14:00–22:00, nothing between; the range is 10:00–21:00.
  const SHIFTS: ShiftDef[] = [
    { name: 'early', start: '08:00', end: '12:00' },
    { name: 'late', start: '14:00', end: '22:00' },
  ];
  const log = [
    scan(t('11:00'), 'item_ok', 1, 'A'),
    scan(t('11:03'), 'item_ok', 1, 'A'),
    scan(t('14:30'), 'item_ok', 1, 'A'),
    scan(t('14:32'), 'item_ok', 1, 'A'),
    scan(t('09:00'), 'item_ok', 1, 'B', 'P2'), // before the range: not activity in the early shift
    scan(t('11:30'), 'item_ok', 1, 'B', 'P2'),
    scan(t('13:00'), 'item_ok', 1, 'B', 'P2'), // between shifts
  ];
  const r = computeStats(log, q({ from: t('10:00'), to: t('21:00'), shifts: SHIFTS, groupings: [['station']] }));
  const [a, b] = r.groupings[0]?.groups ?? [];

  it('counts shift time only for shift instances with activity, clipped to the range', () => {
    expect(a?.figures.shiftMs).toBe(9 * HOUR); // early 10:00–12:00 (2 h) + late 14:00–21:00 (7 h)
    expect(b?.figures.shiftMs).toBe(2 * HOUR); // early only: B did nothing in the late shift
    expect(r.total.shiftMs).toBe(11 * HOUR);
  });

  it('counts idle time only inside shifts', () => {
    // A: 11:03 → 14:30 is idle; inside shifts: 11:03–12:00 (57 min) + 14:00–14:30 (30 min).
    expect(a?.figures.idleGaps).toBe(1);
    expect(a?.figures.idleMs).toBe(87 * MIN);
    expect(a?.figures.activeMs).toBe(5 * MIN); // 3 + 2
    // B: 09:00 → 11:30 (gap starts before the range: idle time 10:00–11:30 but no gap counted),
    //    11:30 → 13:00 (counted; inside a shift only 11:30–12:00).
    expect(b?.figures.idleGaps).toBe(1);
    expect(b?.figures.idleMs).toBe(120 * MIN); // 90 + 30
  });

  it('has no shift time and no per-shift-hour rates without shifts', () => {
    const f = computeStats([ev('pack.completed', t('09:00'), { units: 2 }), scan(t('09:01'), 'item_ok')], q()).total;
    expect(f.shiftMs).toBe(0);
    expect(f.unitsPerShiftHour).toBeNull();
    expect(f.ordersPerShiftHour).toBeNull();
    expect(f.unitsPerActiveHour).toBe(120); // 2 units / (1/60 h)
  });
});
