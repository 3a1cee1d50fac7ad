// Local hour and day keys, and shift instances placed through the time zone.
import { describe, expect, it } from 'vitest';
import { computeStats, localDayKey, localHourKey, shiftInstances } from '../../../../src/domain/stats/compute.js';
import { HOUR, MIN, q, scan } from './log.js';

describe('local hour and day keys', () => {
  it('keys the same instant by the zone: Asia/Shanghai is UTC+8', () => {
    const at = Date.UTC(2026, 10, 25, 17, 30);
    expect(localHourKey(at, 'UTC')).toBe('2026-11-25 17');
    expect(localHourKey(at, 'Asia/Shanghai')).toBe('2026-11-26 01');
    expect(localDayKey(at, 'UTC')).toBe('2026-11-25');
    expect(localDayKey(at, 'Asia/Shanghai')).toBe('2026-11-26');
  });

  it('changes the local hour mid-UTC-hour in a half-hour zone (Asia/Kolkata, UTC+5:30)', () => {
    expect(localHourKey(Date.UTC(2026, 10, 25, 17, 29, 59), 'Asia/Kolkata')).toBe('2026-11-25 22'); // 22:59:59
    expect(localHourKey(Date.UTC(2026, 10, 25, 17, 30), 'Asia/Kolkata')).toBe('2026-11-25 23');
    expect(localDayKey(Date.UTC(2026, 10, 25, 18, 29), 'Asia/Kolkata')).toBe('2026-11-25'); // 23:59
    expect(localDayKey(Date.UTC(2026, 10, 25, 18, 30), 'Asia/Kolkata')).toBe('2026-11-26'); // 00:00
    // Asked again, from the memo, in the other order.
    expect(localHourKey(Date.UTC(2026, 10, 25, 17, 30), 'Asia/Kolkata')).toBe('2026-11-25 23');
    expect(localHourKey(Date.UTC(2026, 10, 25, 17, 0), 'Asia/Kolkata')).toBe('2026-11-25 22');
  });

  it('follows a DST change that falls mid-UTC-hour (America/St_Johns, 2026-11-01 02:00 NDT → 01:00 NST)', () => {
    // NDT is UTC−2:30 until 04:30 UTC, then NST UTC−3:30.
    expect(localHourKey(Date.UTC(2026, 10, 1, 4, 29), 'America/St_Johns')).toBe('2026-11-01 01'); // 01:59 NDT
    expect(localHourKey(Date.UTC(2026, 10, 1, 4, 30), 'America/St_Johns')).toBe('2026-11-01 01'); // 01:00 NST
    expect(localHourKey(Date.UTC(2026, 10, 1, 5, 29), 'America/St_Johns')).toBe('2026-11-01 01'); // 01:59 NST
    expect(localHourKey(Date.UTC(2026, 10, 1, 5, 30), 'America/St_Johns')).toBe('2026-11-01 02'); // 02:00 NST
  });

  it('groups hours by the query zone', () => {
    const log = [scan(Date.UTC(2026, 10, 25, 15, 50), 'item_ok'), scan(Date.UTC(2026, 10, 25, 16, 10), 'item_ok')];
    const range = {
      from: Date.UTC(2026, 10, 25),
      to: Date.UTC(2026, 10, 26),
      idleGapMs: 30 * MIN,
      groupings: [['hour'], ['day']] as ('hour' | 'day')[][],
    };
    const utc = computeStats(log, q({ ...range, timezone: 'UTC' }));
    const sh = computeStats(log, q({ ...range, timezone: 'Asia/Shanghai' }));
    // 15:50 → 16:10 UTC (one active gap) is 23:50 → 00:10 in Shanghai: one UTC day, two Shanghai days.
    expect(utc.groupings[0]?.groups.map((g) => [g.key.hour, g.figures.activeMs])).toEqual([
      ['2026-11-25 15', 10 * MIN],
      ['2026-11-25 16', 10 * MIN],
    ]);
    expect(sh.groupings[0]?.groups.map((g) => [g.key.hour, g.figures.activeMs])).toEqual([
      ['2026-11-25 23', 10 * MIN],
      ['2026-11-26 00', 10 * MIN],
    ]);
    expect(utc.groupings[1]?.groups.map((g) => g.key.day)).toEqual(['2026-11-25']);
    expect(sh.groupings[1]?.groups.map((g) => g.key.day)).toEqual(['2026-11-25', '2026-11-26']);
  });
});

describe('shiftInstances', () => {
  const dayNight = [
    { name: 'day', start: '08:00', end: '20:00' },
    { name: 'night', start: '20:00', end: '08:00' },
  ];

  it('lists every instance overlapping the range, including last night still running', () => {
    // 2026-11-25 00:00–24:00 in Shanghai = 11-24 16:00Z – 11-25 16:00Z.
    const from = Date.UTC(2026, 10, 24, 16);
    expect(shiftInstances(dayNight, from, from + 24 * HOUR, 'Asia/Shanghai')).toEqual([
      { name: 'night', start: Date.UTC(2026, 10, 24, 12), end: Date.UTC(2026, 10, 25, 0) }, // 24th 20:00 → 25th 08:00
      { name: 'day', start: Date.UTC(2026, 10, 25, 0), end: Date.UTC(2026, 10, 25, 12) }, // 08:00 → 20:00
      { name: 'night', start: Date.UTC(2026, 10, 25, 12), end: Date.UTC(2026, 10, 26, 0) }, // 25th 20:00 → 26th 08:00
    ]);
  });

  it('makes a night shift 13 h when clocks go back and 11 h when they go forward', () => {
    const night = [{ name: 'night', start: '20:00', end: '08:00' }];
    // New York, 2026-11-01: 20:00 EDT on Oct 31 = 00:00Z; 08:00 EST on Nov 1 = 13:00Z.
    const fall = shiftInstances(night, Date.UTC(2026, 10, 1, 1), Date.UTC(2026, 10, 1, 2), 'America/New_York');
    expect(fall).toEqual([{ name: 'night', start: Date.UTC(2026, 10, 1, 0), end: Date.UTC(2026, 10, 1, 13) }]);
    // 2026-03-08: 20:00 EST on Mar 7 = 01:00Z; 08:00 EDT on Mar 8 = 12:00Z.
    const spring = shiftInstances(night, Date.UTC(2026, 2, 8, 2), Date.UTC(2026, 2, 8, 3), 'America/New_York');
    expect(spring).toEqual([{ name: 'night', start: Date.UTC(2026, 2, 8, 1), end: Date.UTC(2026, 2, 8, 12) }]);
  });

  it('reads an end equal to the start as a 24-hour shift and "24:00" as midnight', () => {
    const from = Date.UTC(2026, 10, 25, 9);
    expect(shiftInstances([{ name: 'all', start: '06:00', end: '06:00' }], from, from + HOUR, 'UTC')).toEqual([
      { name: 'all', start: Date.UTC(2026, 10, 25, 6), end: Date.UTC(2026, 10, 26, 6) },
    ]);
    expect(shiftInstances([{ name: 'late', start: '16:00', end: '24:00' }], from, from + 8 * HOUR, 'UTC')).toEqual([
      { name: 'late', start: Date.UTC(2026, 10, 25, 16), end: Date.UTC(2026, 10, 26, 0) },
    ]);
  });

  it('is empty without shifts or with an empty range, and refuses a malformed time', () => {
    expect(shiftInstances([], 0, HOUR, 'UTC')).toEqual([]);
    expect(shiftInstances(dayNight, HOUR, HOUR, 'UTC')).toEqual([]);
    expect(() => shiftInstances([{ name: 'x', start: '8am', end: '17:00' }], 0, HOUR, 'UTC')).toThrow(/"8am"/);
    expect(() => shiftInstances([{ name: 'x', start: '08:00', end: '25:00' }], 0, HOUR, 'UTC')).toThrow(RangeError);
  });
});
