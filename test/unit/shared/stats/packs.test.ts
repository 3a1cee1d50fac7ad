// Pack time (pack.started → last non-reprint label) and outbound times (paid → packed → handed over).
import { describe, expect, it } from 'vitest';
import { computeStats } from '../../../../src/domain/stats/compute.js';
import type { Handover } from '../../../../src/contract/stats.js';
import { MIN, ev, q, t } from './log.js';

// The range is 09:00–10:00; K1 and K2 at station A, K4 at station B.
const log = [
  // K1 started before the range; its label names only the parcel (mapped through parcel.packed).
  ev('pack.started', t('08:50'), { packId: 'K1', paidAt: t('07:00') }),
  ev('parcel.packed', t('09:05'), { parcelId: 'K1-1', packId: 'K1' }),
  ev('label.printed', t('09:06'), { parcelId: 'K1-1', reprint: false }),
  ev('pack.completed', t('09:07'), { packId: 'K1', units: 1 }),
  ev('label.printed', t('09:20'), { parcelId: 'K1-1', reprint: true }), // a reprint is not the end
  // K2: two parcels; the second parcel's label waited for a waybill and printed after the range.
  ev('pack.started', t('09:10'), { packId: 'K2', paidAt: t('09:00') }),
  ev('parcel.packed', t('09:11'), { parcelId: 'K2-1', packId: 'K2' }),
  ev('label.printed', t('09:12'), { parcelId: 'K2-1', packId: 'K2', reprint: false }),
  ev('parcel.packed', t('09:13'), { parcelId: 'K2-2', packId: 'K2' }),
  ev('pack.completed', t('09:14'), { packId: 'K2', units: 2 }),
  ev('label.printed', t('10:05'), { parcelId: 'K2-2', reprint: false }),
  // K3: never labelled, no payment time.
  ev('pack.started', t('09:20'), { packId: 'K3', paidAt: null }),
  ev('pack.completed', t('09:25'), { packId: 'K3', units: 1 }),
  // K4 at station B; its label names the pack directly.
  ev('pack.started', t('09:30'), { packId: 'K4', paidAt: t('08:00') }, 'B', 'P2'),
  ev('parcel.packed', t('09:32'), { parcelId: 'K4-1', packId: 'K4' }, 'B', 'P2'),
  ev('label.printed', t('09:33'), { parcelId: 'K4-1', packId: 'K4', reprint: false }, 'B', 'P2'),
  ev('pack.completed', t('09:34'), { packId: 'K4', units: 1 }, 'B', 'P2'),
  ev('label.printed', t('09:40'), { parcelId: 'K4-1', packId: 'K4', reprint: true }, 'B', 'P2'),
  // K5 completes after the range: not counted, however it was labelled.
  ev('pack.started', t('09:55'), { packId: 'K5', paidAt: t('09:00') }),
  ev('label.printed', t('09:58'), { parcelId: 'K5-1', packId: 'K5', reprint: false }),
  ev('pack.completed', t('10:00'), { packId: 'K5', units: 1 }),
];

const handovers: Handover[] = [
  { parcelId: 'K1-1', at: t('11:05') },
  { parcelId: 'K2-1', at: t('10:11') },
  { parcelId: 'K2-2', at: t('12:00') },
  { parcelId: 'K2-2', at: t('09:43') }, // reported twice: the first hand-over counts
  { parcelId: 'NOT-PACKED-HERE', at: t('09:50') },
];

const query = q({ from: t('09:00'), to: t('10:00'), groupings: [['station']] });

describe('pack time', () => {
  const r = computeStats(log, query, { handovers });

  it('runs from pack.started to the latest non-reprint label, via parcelId or packId', () => {
    // K1: 09:06 − 08:50 = 16 min (start before `from`, label by parcel, reprint at 09:20 ignored).
    // K2: 10:05 − 09:10 = 55 min (the later label, after `to`). K3: no label, left out.
    // K4: 09:33 − 09:30 = 3 min. Sorted [3, 16, 55]: p50 at index ⌈1.5⌉−1 = 1, p90 at ⌈2.7⌉−1 = 2.
    expect(r.total.packTimeP50Ms).toBe(16 * MIN);
    expect(r.total.packTimeP90Ms).toBe(55 * MIN);
  });

  it('is credited to the group of the pack.completed event', () => {
    const [a, b] = r.groupings[0]?.groups ?? [];
    // A: [16, 55] → p50 index ⌈1⌉−1 = 0, p90 index ⌈1.8⌉−1 = 1.
    expect([a?.figures.packTimeP50Ms, a?.figures.packTimeP90Ms]).toEqual([16 * MIN, 55 * MIN]);
    expect([b?.figures.packTimeP50Ms, b?.figures.packTimeP90Ms]).toEqual([3 * MIN, 3 * MIN]);
  });

  it("falls back to pack.completed's startedAt when pack.started is not in the log", () => {
    const f = computeStats(
      [
        ev('label.printed', t('09:48'), { parcelId: 'K6-1', packId: 'K6', reprint: false }),
        ev('pack.completed', t('09:50'), { packId: 'K6', units: 1, startedAt: t('09:45') }),
      ],
      query,
    ).total;
    expect(f.packTimeP50Ms).toBe(3 * MIN); // 09:48 − 09:45
  });

  it('maps a label logged before its parcel.packed', () => {
    const f = computeStats(
      [
        ev('pack.started', t('09:00'), { packId: 'K7' }),
        ev('label.printed', t('09:04'), { parcelId: 'K7-1', reprint: false }),
        ev('parcel.packed', t('09:05'), { parcelId: 'K7-1', packId: 'K7' }),
        ev('pack.completed', t('09:06'), { packId: 'K7', units: 1 }),
      ],
      query,
    ).total;
    expect(f.packTimeP50Ms).toBe(4 * MIN); // 09:04 − 09:00
  });
});

describe('outbound times', () => {
  const r = computeStats(log, query, { handovers });

  it('measures paid → packed over completed packs with a payment time', () => {
    // K1 09:07 − 07:00 = 127 min, K2 09:14 − 09:00 = 14 min, K4 09:34 − 08:00 = 94 min (K3: no paidAt).
    // Sorted [14, 94, 127]: p50 index 1, p90 index 2.
    expect(r.total.paidToPackedP50Ms).toBe(94 * MIN);
    expect(r.total.paidToPackedP90Ms).toBe(127 * MIN);
  });

  it('measures packed → handed over per parcel, from its first hand-over', () => {
    // K1-1 11:05 − 09:05 = 120, K2-1 10:11 − 09:11 = 60, K2-2 09:43 − 09:13 = 30; K4-1 not handed over.
    // Sorted [30, 60, 120]: p50 index 1, p90 index 2.
    expect(r.total.packedToHandoverP50Ms).toBe(60 * MIN);
    expect(r.total.packedToHandoverP90Ms).toBe(120 * MIN);
    const b = r.groupings[0]?.groups[1];
    expect(b?.key.station).toBe('B');
    expect(b?.figures.packedToHandoverP50Ms).toBeNull();
    expect(b?.figures.paidToPackedP50Ms).toBe(94 * MIN);
  });

  it('has no outbound times without handovers', () => {
    expect(computeStats(log, query).total.packedToHandoverP50Ms).toBeNull();
  });
});
