// Stuck-parcel rules with an injected clock.
import { describe, expect, it } from 'vitest';
import { stuckAlert, stuckAlerts, type TrackedParcel } from '../../../src/domain/tracking/stuck.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 2);
const rules = { notCollectedH: 24, noScanH: 48 };
const parcel = (patch: Partial<TrackedParcel>): TrackedParcel => ({
  waybill: 'ZTO1',
  orderId: 'o1',
  carrier: 'ZTO',
  handedOverAt: T0,
  state: null,
  since: null,
  collectedAt: null,
  deliveredAt: null,
  returnStartedAt: null,
  lastScanAt: null,
  exceptionDetail: null,
  ...patch,
});

describe('stuck rules', () => {
  it('raises not_collected only once N hours have passed since handover', () => {
    const p = parcel({});
    expect(stuckAlert(p, T0 + 24 * H - 1, rules)).toBeNull();
    expect(stuckAlert(p, T0 + 24 * H, rules)).toMatchObject({ kind: 'not_collected', since: T0 });
  });

  it('raises no_movement after N hours without a scan, counted from the last scan', () => {
    const p = parcel({ state: 'in_transit', collectedAt: T0 + H, lastScanAt: T0 + 10 * H });
    expect(stuckAlert(p, T0 + 57 * H, rules)).toBeNull();
    expect(stuckAlert(p, T0 + 58 * H, rules)).toMatchObject({ kind: 'no_movement', since: T0 + 10 * H });
  });

  it('raises return_started and exception at once, and nothing for a delivered parcel', () => {
    expect(
      stuckAlert(parcel({ state: 'exception', returnStartedAt: T0 + 2 * H, collectedAt: T0 + H }), T0 + 3 * H, rules),
    ).toMatchObject({ kind: 'return_started', since: T0 + 2 * H });
    expect(
      stuckAlert(parcel({ state: 'exception', since: T0 + 2 * H, exceptionDetail: '破损' }), T0 + 3 * H, rules),
    ).toMatchObject({ kind: 'exception', detail: '破损' });
    expect(stuckAlert(parcel({ state: 'delivered', deliveredAt: T0 + 5 * H }), T0 + 500 * H, rules)).toBeNull();
  });

  it('lists the longest-standing first', () => {
    const list = stuckAlerts(
      [parcel({ waybill: 'B', handedOverAt: T0 + H }), parcel({ waybill: 'A', handedOverAt: T0 })],
      T0 + 100 * H,
      rules,
    );
    expect(list.map((a) => a.waybill)).toEqual(['A', 'B']);
  });
});
