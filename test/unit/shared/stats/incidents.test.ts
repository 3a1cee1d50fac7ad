// The incident list (issue 12 §6): who, when and why for overrides, interceptions, holds, releases
// and quarantined rows; a hold waits for a supervisor until a release of its order follows.
import { describe, expect, it } from 'vitest';
import { incidentLog } from '../../../../src/domain/stats/incidents.js';
import { ev, t } from './log.js';

const range = { from: t('00:00'), to: t('23:59') };

describe('incidentLog', () => {
  const events = [
    ev('weight.accepted', t('09:00'), { orderId: 'O1', override: { supervisorId: 'S9', reason: 'SCALE-DRIFT' } }),
    ev('weight.accepted', t('09:01'), { orderId: 'O2', override: null }),
    ev('order.intercepted', t('09:02'), { orderId: 'O3', reason: 'order_cancelled', packId: null }),
    ev('order.held', t('09:03'), { orderId: 'O4', packId: 'K4', reason: 'STOCK-SHORT' }),
    ev('order.held', t('09:04'), { orderId: 'O5', packId: 'K5', reason: 'DAMAGED' }),
    ev('order.released', t('09:05'), { orderId: 'O5', supervisorId: 'S9', was: 'held' }),
    ev('sync.quarantined', t('09:06'), {
      quarantineId: 'Q',
      kind: 'order',
      ref: 'O6',
      reason: 'bad address',
      cursor: 3,
    }),
    ev('scan.recorded', t('09:07'), { verdict: 'wrong_item' }),
  ];

  it('lists each with who, when and why, newest first, and counts them', () => {
    const { incidents, counts } = incidentLog(events, range);
    expect(incidents.map((i) => i.kind)).toEqual([
      'quarantined',
      'release',
      'hold',
      'hold',
      'interception',
      'weight_override',
    ]);
    expect(incidents.at(-1)).toMatchObject({
      packerId: 'P1',
      supervisorId: 'S9',
      reason: 'SCALE-DRIFT',
      orderId: 'O1',
    });
    expect(incidents[0]).toMatchObject({ orderId: 'O6', reason: 'order O6: bad address' });
    expect(counts).toMatchObject({
      weight_override: 1,
      interception: 1,
      hold: 2,
      release: 1,
      quarantined: 1,
      waiting: 1,
    });
  });

  it('a hold waits for a supervisor until its order is released, even after the range', () => {
    const held = incidentLog(events, range).incidents.filter((i) => i.kind === 'hold');
    expect(held.map((i) => [i.orderId, i.waiting])).toEqual([
      ['O5', false],
      ['O4', true],
    ]);
    const later = [...events, ev('order.released', t('10:00', 1), { orderId: 'O4', supervisorId: 'S9', was: 'held' })];
    expect(incidentLog(later, range).counts.waiting).toBe(0);
  });

  it('adds the hub’s report-back failures', () => {
    const failed = {
      kind: 'report_failed' as const,
      at: t('08:00'),
      stationId: 'A',
      packerId: null,
      supervisorId: null,
      orderId: 'O9',
      reason: 'failed errcode 10020: order status wrong',
      waiting: false,
    };
    const { incidents, counts } = incidentLog(events, range, [failed]);
    expect(incidents.at(-1)).toEqual(failed);
    expect(counts.report_failed).toBe(1);
  });
});
