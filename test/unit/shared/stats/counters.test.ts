import { describe, expect, it } from 'vitest';
import { computeStats, emptyFigures } from '../../../../src/domain/stats/compute.js';
import { ev, q, scan, t } from './log.js';

// One station, one packer, events a minute apart from 09:00 so no gap is idle.
const log = [
  scan(t('09:00'), 'item_ok', 40),
  scan(t('09:01'), 'item_ok', 10),
  scan(t('09:02'), 'wrong_item'),
  scan(t('09:03'), 'unknown_code'),
  scan(t('09:04'), 'bad_check_digit'),
  scan(t('09:05'), 'over_scan'),
  scan(t('09:06'), 'order_opened'), // not an item scan: counts for nothing
  ev('weight.exception', t('09:07'), { packId: 'K1' }),
  ev('weight.accepted', t('09:08'), { packId: 'K1', override: { supervisorId: 'S', reason: 'scale' } }),
  ev('weight.accepted', t('09:09'), { packId: 'K2', override: null }),
  ev('order.released', t('09:10'), { orderId: 'O9', supervisorId: 'S', was: 'held' }),
  ev('label.printed', t('09:11'), { parcelId: 'X', reprint: true }),
  ev('label.printed', t('09:12'), { parcelId: 'Y', reprint: false }),
  // An original sent again marked 补打 after a crash mid-send: not the packer's reprint.
  ev('label.printed', t('09:12'), { parcelId: 'W', reprint: false, uncertain: true }),
  ev('order.intercepted', t('09:13'), { orderId: 'O1' }),
  ev('order.intercepted', t('09:14'), { orderId: 'O2' }),
  ev('label.pending', t('09:15'), { parcelId: 'Z' }),
  ev('pack.completed', t('09:16'), { packId: 'K1', units: 3 }),
  ev('pack.completed', t('09:17'), { packId: 'K2', units: 5 }),
  ev('parcel.packed', t('09:18'), { parcelId: 'K1-1', packId: 'K1', costFen: 600, valueFen: 10_000 }),
  ev('parcel.packed', t('09:19'), { parcelId: 'K2-1', packId: 'K2', costFen: 900, valueFen: 20_000 }),
  ev('parcel.packed', t('09:20'), { parcelId: 'K2-2', packId: 'K2', costFen: null, valueFen: 5_000 }),
];

describe('computeStats counters', () => {
  const total = computeStats(log, q()).total;

  it('counts orders and units from pack.completed and parcels from parcel.packed', () => {
    expect(total.orders).toBe(2);
    expect(total.units).toBe(8); // 3 + 5
    expect(total.parcels).toBe(3);
  });

  it('counts scanned units and each kind of scan error; a bad check digit is a misread, not an error', () => {
    expect(total.scannedUnits).toBe(50); // 40 + 10
    expect(total.wrongItems).toBe(1);
    expect(total.unknownCodes).toBe(1);
    expect(total.overScans).toBe(1);
    expect(total.misreads).toBe(1); // bad_check_digit
    expect(total.scanErrors).toBe(3); // 1 + 1 + 1
    expect(total.errorRate).toBe(0.06); // 3 / 50
  });

  it('misreads (fragments, noise, bad check digits) do not move the error rate (issue 12 §4)', () => {
    const noisy = [
      ...log,
      scan(t('09:21'), 'misread'),
      scan(t('09:22'), 'misread'),
      scan(t('09:23'), 'bad_check_digit'),
    ];
    const f = computeStats(noisy, q()).total;
    expect(f.misreads).toBe(4);
    expect(f.scanErrors).toBe(total.scanErrors);
    expect(f.errorRate).toBe(total.errorRate);
  });

  it('reads events recorded before misreads existed (no misread verdict) as they were', () => {
    const old = computeStats([scan(t('09:00'), 'item_ok', 10), scan(t('09:01'), 'wrong_item')], q()).total;
    expect(old.misreads).toBe(0);
    expect(old.errorRate).toBe(0.1);
  });

  it('counts weight exceptions, reprints, interceptions, pending labels and overrides', () => {
    expect(total.weightExceptions).toBe(1);
    expect(total.reprints).toBe(1); // the uncertain copy is not one
    expect(total.interceptions).toBe(2);
    expect(total.labelPending).toBe(1);
    expect(total.overrides).toBe(2); // weight accepted with an override + one release
  });

  it('sums shipping cost over the parcels that have one', () => {
    expect(total.costFen).toBe(1500); // 600 + 900; K2-2 has no cost
    expect(total.costPerParcelFen).toBe(750); // 1500 / 2
    expect(total.costShare).toBe(0.05); // 1500 / (10000 + 20000): K2-2's value is left out with its cost
  });

  it('has no error rate without scanned units, no cost figures without costed parcels', () => {
    const f = computeStats(
      [scan(t('09:00'), 'wrong_item'), ev('parcel.packed', t('09:01'), { costFen: null, valueFen: 100 })],
      q(),
    ).total;
    expect(f.scanErrors).toBe(1);
    expect(f.errorRate).toBeNull();
    expect(f.costPerParcelFen).toBeNull();
    expect(f.costShare).toBeNull();
  });

  it('counts only events with from ≤ at < to', () => {
    const f = computeStats(
      [
        ev('pack.completed', t('08:59'), { units: 1 }),
        ev('pack.completed', t('09:00'), { units: 2 }),
        ev('pack.completed', t('09:59'), { units: 4 }),
        ev('pack.completed', t('10:00'), { units: 8 }),
      ],
      q({ from: t('09:00'), to: t('10:00') }),
    ).total;
    expect(f.orders).toBe(2);
    expect(f.units).toBe(6); // 2 + 4
  });

  it('ignores an unknown event type entirely, even as activity', () => {
    // Without the unknown event 09:00 → 09:20 is one idle gap; with it counted it would be two.
    const withUnknown = computeStats(
      [scan(t('09:00'), 'item_ok'), ev('coffee.break', t('09:10')), scan(t('09:20'), 'item_ok')],
      q(),
    ).total;
    expect(withUnknown.idleGaps).toBe(1);
    expect(withUnknown.scannedUnits).toBe(2);
  });

  it('gives the same figures whatever order the events arrive in', () => {
    const shuffled = [...log].reverse();
    shuffled.push(shuffled.shift() as (typeof log)[number]);
    expect(computeStats(shuffled, q())).toEqual(computeStats(log, q()));
  });

  it('an empty log gives empty figures and no groups', () => {
    const r = computeStats([], q({ groupings: [['station']] }));
    expect(r.total).toEqual(emptyFigures());
    expect(r.groupings).toEqual([{ by: ['station'], groups: [] }]);
  });
});
