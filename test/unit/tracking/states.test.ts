// The tracking state machine: out-of-order and duplicated events give the same state as in-order.
import { describe, expect, it } from 'vitest';
import type { TrackingEvent, TrackingState } from '../../../src/contract/tracking.js';
import { mergeEvents, progressOf, RETURNED } from '../../../src/domain/tracking/states.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 2);
const ev = (state: TrackingState, hours: number, detail: string = state): TrackingEvent => ({
  waybill: 'SF1',
  carrier: 'SF',
  state,
  at: T0 + hours * H,
  place: '',
  detail,
  source: 'kuaidi100',
});

const trip = [ev('collected', 1), ev('in_transit', 5), ev('out_for_delivery', 20), ev('delivered', 24)];

function feed(batches: TrackingEvent[][]): TrackingEvent[] {
  let known: TrackingEvent[] = [];
  for (const b of batches) known = mergeEvents(known, b).events;
  return known;
}

describe('tracking state machine', () => {
  it('follows a parcel in order', () => {
    const p = progressOf(trip);
    expect(p).toMatchObject({
      state: 'delivered',
      since: T0 + 24 * H,
      collectedAt: T0 + H,
      outForDeliveryAt: T0 + 20 * H,
      deliveredAt: T0 + 24 * H,
      lastScanAt: T0 + 24 * H,
    });
  });

  it('ends the same whatever order the events arrive in', () => {
    const reversed = feed([...trip].reverse().map((e) => [e]));
    const shuffled = feed([[trip[2]!], [trip[0]!], [trip[3]!], [trip[1]!]]);
    expect(progressOf(reversed)).toEqual(progressOf(trip));
    expect(progressOf(shuffled)).toEqual(progressOf(trip));
    expect(reversed.map((e) => e.at)).toEqual(trip.map((e) => e.at));
  });

  it('ignores duplicates: the second copy adds nothing', () => {
    const first = mergeEvents([], trip);
    const again = mergeEvents(first.events, [...trip, trip[1]!]);
    expect(again.added).toEqual([]);
    expect(again.events).toHaveLength(4);
  });

  it('never goes back: a late older scan leaves the later state', () => {
    const p = progressOf([ev('out_for_delivery', 20), ev('collected', 1)]);
    expect(p.state).toBe('out_for_delivery');
    // A scan stamped later but of an earlier stage (a carrier's clock skew) does not move it back either.
    expect(progressOf([ev('out_for_delivery', 20), ev('in_transit', 21)]).state).toBe('out_for_delivery');
  });

  it('holds an exception until a scan at or past the progress reached', () => {
    const held = progressOf([ev('in_transit', 5), ev('exception', 8, '地址不详'), ev('collected', 9)]);
    expect(held).toMatchObject({ state: 'exception', since: T0 + 8 * H, exceptionDetail: '地址不详' });
    const moved = progressOf([ev('in_transit', 5), ev('exception', 8), ev('out_for_delivery', 10)]);
    expect(moved).toMatchObject({ state: 'out_for_delivery', exceptionDetail: null });
  });

  it('keeps delivered final and marks a return', () => {
    expect(progressOf([...trip, ev('exception', 30)]).state).toBe('delivered');
    const back = progressOf([ev('in_transit', 5), ev('exception', 9, `${RETURNED}: 拒收`)]);
    expect(back).toMatchObject({ state: 'exception', returnStartedAt: T0 + 9 * H });
  });

  it('counts a first in-transit scan as collected when 揽收 was never scanned', () => {
    expect(progressOf([ev('in_transit', 3)]).collectedAt).toBe(T0 + 3 * H);
    expect(progressOf([ev('awaiting_pickup', 1)]).collectedAt).toBeNull();
  });
});
