// Group keys, sort order, rates, percentiles and the CSV export.
import { describe, expect, it } from 'vitest';
import { computeStats, percentile, statsToCsv } from '../../../../src/domain/stats/compute.js';
import { select } from '../../../../src/domain/stats/select.js';
import { HOUR, MIN, ev, q, scan, t } from './log.js';

describe('groupings', () => {
  const log = [
    scan(t('10:15'), 'item_ok', 1, 'A', 'P1'),
    scan(t('09:30'), 'item_ok', 2, 'A', 'P1'),
    scan(t('09:45'), 'item_ok', 4, 'B', 'P2'),
    scan(t('09:10'), 'item_ok', 8, 'A', null),
    scan(t('09:50'), 'item_ok', 16, 'B10', 'P1'),
  ];
  const r = computeStats(log, q({ groupings: [['station', 'hour'], ['packer'], ['hour', 'station']] }));

  it('keys [station, hour] groups by both and sorts them by station, then hour', () => {
    expect(r.groupings[0]?.by).toEqual(['station', 'hour']);
    expect(r.groupings[0]?.groups.map((g) => [g.key, g.figures.scannedUnits])).toEqual([
      [{ station: 'A', hour: '2026-11-25 09' }, 10], // 09:10 (no packer) + 09:30
      [{ station: 'A', hour: '2026-11-25 10' }, 1],
      [{ station: 'B', hour: '2026-11-25 09' }, 4],
      [{ station: 'B10', hour: '2026-11-25 09' }, 16], // code-unit order: 'B' < 'B10'
    ]);
  });

  it('sorts by the dimensions in the order the grouping lists them', () => {
    expect(r.groupings[2]?.groups.map((g) => [g.key.hour, g.key.station])).toEqual([
      ['2026-11-25 09', 'A'],
      ['2026-11-25 09', 'B'],
      ['2026-11-25 09', 'B10'],
      ['2026-11-25 10', 'A'],
    ]);
  });

  it("groups events without a packer under '—', after the named packers", () => {
    expect(r.groupings[1]?.groups.map((g) => [g.key.packer, g.figures.scannedUnits])).toEqual([
      ['P1', 19], // 1 + 2 + 16, at two stations
      ['P2', 4],
      ['—', 8],
    ]);
  });

  it('counts the shift of a packer once however many stations the packer worked at', () => {
    const shifts = [{ name: 'day', start: '08:00', end: '20:00' }];
    const res = computeStats(log, q({ shifts, groupings: [['packer'], ['station']] }));
    expect(res.groupings[0]?.groups[0]?.figures.shiftMs).toBe(12 * HOUR); // P1 at A and B10
    expect(res.total.shiftMs).toBe(36 * HOUR); // stations A, B, B10
  });
});

describe('rates', () => {
  // Two orders, 10 units, 20 active minutes (gaps of 10 min with idleGap 15 min), a 1-hour shift.
  const log = [
    ev('pack.started', t('09:00'), { packId: 'K1' }),
    ev('pack.completed', t('09:10'), { packId: 'K1', units: 6 }),
    ev('pack.completed', t('09:20'), { packId: 'K2', units: 4 }),
  ];
  const f = computeStats(log, q({ idleGapMs: 15 * MIN, shifts: [{ name: 'h', start: '09:00', end: '10:00' }] })).total;

  it('divides by active hours and by shift hours', () => {
    expect(f.activeMs).toBe(20 * MIN);
    expect(f.unitsPerActiveHour).toBe(30); // 10 / (20/60)
    expect(f.ordersPerActiveHour).toBe(6); // 2 / (20/60)
    expect(f.shiftMs).toBe(HOUR);
    expect(f.unitsPerShiftHour).toBe(10);
    expect(f.ordersPerShiftHour).toBe(2);
  });

  it('has no per-active-hour rate without active time', () => {
    const one = computeStats([ev('pack.completed', t('09:00'), { units: 3 })], q()).total;
    expect(one.activeMs).toBe(0);
    expect(one.unitsPerActiveHour).toBeNull();
  });
});

describe('percentile (nearest rank)', () => {
  it('takes the value at index ⌈p/100·n⌉ − 1', () => {
    const v = [10, 20, 30, 40];
    expect(percentile(v, 50)).toBe(20); // ⌈2⌉ − 1 = 1
    expect(percentile(v, 90)).toBe(40); // ⌈3.6⌉ − 1 = 3
    expect(percentile(v, 25)).toBe(10); // ⌈1⌉ − 1 = 0
    expect(percentile(v, 26)).toBe(20); // ⌈1.04⌉ − 1 = 1
    expect(percentile(v, 0)).toBe(10);
    expect(percentile(v, 100)).toBe(40);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('is exact where floating point is not: p70 of ten values is the 7th', () => {
    // 70/100·10 = 7.000000000000001 in floating point; the rank must still be 7.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 70)).toBe(7);
  });

  it('matches selection (used for groups) on the same values', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const values = Array.from({ length: n }, () => Math.floor(rnd() * 50)); // many repeats
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [50, 90]) {
        const k = Math.min(n - 1, Math.ceil((p * n) / 100) - 1);
        expect(select(Float64Array.from(values), k)).toBe(percentile(sorted, p));
      }
    }
  });
});

describe('statsToCsv', () => {
  const log = [
    scan(t('09:00'), 'item_ok', 3, 'A'),
    scan(t('09:01'), 'wrong_item', 1, 'A'),
    ev('pack.completed', t('09:02'), { packId: 'K1', units: 3 }, 'A'),
    ev('packer.login', t('09:00'), {}, 'B,"2"', 'P2'),
  ];
  const r = computeStats(log, q({ groupings: [['station'], ['station', 'packer']] }));

  it('writes a header and one row per group, keys first, rates with 1 decimal, fractions with 4', () => {
    const header =
      'station,orders,units,parcels,activeMs,shiftMs,unitsPerActiveHour,ordersPerActiveHour,unitsPerShiftHour,ordersPerShiftHour,' +
      'packTimeP50Ms,packTimeP90Ms,idleGaps,idleMs,scannedUnits,scanErrors,wrongItems,unknownCodes,overScans,errorRate,' +
      'weightExceptions,reprints,interceptions,labelPending,overrides,costFen,costPerParcelFen,costShare,' +
      'paidToPackedP50Ms,paidToPackedP90Ms,packedToHandoverP50Ms,packedToHandoverP90Ms,misreads';
    // A: 1 order, 3 units, active 2 min → 90.0 units/h and 30.0 orders/h; 1 error in 3 units → 0.3333.
    const a = 'A,1,3,0,120000,0,90.0,30.0,,,,,0,0,3,1,1,0,0,0.3333,0,0,0,0,0,0,,,,,,,0';
    // A station id with a comma and quotes is quoted, inner quotes doubled (RFC 4180).
    const b = '"B,""2""",0,0,0,0,0,,,,,,,0,0,0,0,0,0,0,,0,0,0,0,0,0,,,,,,,0';
    expect(statsToCsv(r, 0)).toBe(`${header}\n${a}\n${b}\n`);
  });

  it('writes a station or packer name that looks like a formula as text', () => {
    const evil = computeStats(
      [ev('packer.login', t('09:00'), {}, '=HYPERLINK("http://x")', 'P9')],
      q({ groupings: [['station']] }),
    );
    expect(statsToCsv(evil, 0).split('\n')[1]?.startsWith(`"'=HYPERLINK(""http://x"")",`)).toBe(true);
  });

  it('puts every dimension of the grouping first', () => {
    expect(statsToCsv(r, 1).split('\n')[0]?.startsWith('station,packer,orders,')).toBe(true);
    expect(statsToCsv(r, 1).split('\n')[1]?.startsWith('A,P1,1,3,')).toBe(true);
  });

  it('refuses a grouping the result does not have', () => {
    expect(() => statsToCsv(r, 2)).toThrow(RangeError);
  });
});
