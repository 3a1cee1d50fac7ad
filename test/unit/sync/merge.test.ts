// The merge rules for an upstream order against the station's copy, case by case (pure).
import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus } from '../../../src/contract/entities.js';
import { mergeOrder, type MergeInput } from '../../../src/main/sync/merge.js';
import { O } from '../../helpers/fixtures.js';
import { fixtureOrder, hubOrder } from './harness.js';

const local = (status: OrderStatus, patch: Partial<Order> = {}): Order => ({
  ...fixtureOrder(O.clean),
  status,
  ...patch,
});
const merge = (m: Partial<MergeInput> & Pick<MergeInput, 'incoming'>) =>
  mergeOrder({ local: undefined, known: undefined, packingHere: false, hasParcels: false, ...m });
const applied = (r: ReturnType<typeof mergeOrder>) => {
  if (r.kind !== 'apply') throw new Error(`expected apply, got ${r.kind}`);
  return r;
};
const moved = { province: '上海市', city: '上海市', district: '浦东新区', detail: '张江路1号' };

describe('order versions', () => {
  it('ignores a copy not newer than the last one applied', () => {
    expect(merge({ incoming: hubOrder(O.clean, 3), known: { version: 3, status: 'open' } })).toEqual({ kind: 'stale' });
    expect(merge({ incoming: hubOrder(O.clean, 2), known: { version: 3, status: 'open' } })).toEqual({ kind: 'stale' });
    expect(
      merge({ incoming: hubOrder(O.clean, 4), known: { version: 3, status: 'open' }, local: local('open') }).kind,
    ).toBe('apply');
  });

  it('takes a new order as the hub sends it', () => {
    const r = applied(merge({ incoming: hubOrder(O.clean, 1, { status: 'held', holdReason: 'ADDR' }) }));
    expect(r.order).toMatchObject({ id: O.clean, status: 'held', holdReason: 'ADDR' });
    expect(r.order).not.toHaveProperty('version');
    expect(r.labelConflict).toBeNull();
  });
});

describe('status', () => {
  it('upstream cancelled always wins', () => {
    for (const s of ['open', 'packing', 'packed', 'held', 'shipped'] as const) {
      expect(
        applied(merge({ incoming: hubOrder(O.clean, 2, { status: 'cancelled' }), local: local(s) })).order.status,
      ).toBe('cancelled');
    }
  });

  it('upstream open never reopens a packing or packed order', () => {
    expect(
      applied(merge({ incoming: hubOrder(O.clean, 2, { remark: 'gift' }), local: local('packing'), packingHere: true }))
        .order,
    ).toMatchObject({ status: 'packing', remark: 'gift' });
    expect(applied(merge({ incoming: hubOrder(O.clean, 2), local: local('packed') })).order.status).toBe('packed');
  });

  it('upstream shipped marks an open or packed order shipped (the hub reported it), never one being packed', () => {
    expect(
      applied(merge({ incoming: hubOrder(O.clean, 2, { status: 'shipped' }), local: local('open') })).order.status,
    ).toBe('shipped');
    expect(
      applied(
        merge({
          incoming: hubOrder(O.clean, 2, { status: 'shipped' }),
          local: local('held', { holdReason: 'DAMAGED' }),
        }),
      ).order.status,
    ).toBe('shipped');
    expect(
      applied(
        merge({ incoming: hubOrder(O.clean, 2, { status: 'shipped' }), local: local('packing'), packingHere: true }),
      ).order.status,
    ).toBe('packing');
    expect(
      applied(merge({ incoming: hubOrder(O.clean, 2, { status: 'shipped' }), local: local('packed') })).order.status,
    ).toBe('shipped');
    // …and once packed here and shipped, a later upstream copy saying open does not reopen it.
    expect(
      applied(merge({ incoming: hubOrder(O.clean, 3, { status: 'open' }), local: local('shipped'), hasParcels: true }))
        .order.status,
    ).toBe('shipped');
  });

  it('upstream held holds an open order; on the pack at this desk it is handed on for the intercept', () => {
    const held = hubOrder(O.clean, 2, { status: 'held', holdReason: 'ADDRESS-CHECK' });
    expect(applied(merge({ incoming: held, local: local('open') })).order).toMatchObject({
      status: 'held',
      holdReason: 'ADDRESS-CHECK',
    });
    expect(applied(merge({ incoming: held, local: local('packing'), packingHere: true })).order).toMatchObject({
      status: 'held',
      holdReason: 'ADDRESS-CHECK',
    });
    expect(applied(merge({ incoming: held, local: local('packed') })).order.status).toBe('packed');
  });

  it("a packer's hold is the station's: upstream open does not lift it, an upstream hold's release does", () => {
    const packerHold = local('held', { holdReason: 'DAMAGED' });
    expect(
      applied(merge({ incoming: hubOrder(O.clean, 2), local: packerHold, known: { version: 1, status: 'open' } }))
        .order,
    ).toMatchObject({ status: 'held', holdReason: 'DAMAGED' });
    expect(applied(merge({ incoming: hubOrder(O.clean, 2), local: packerHold })).order.status).toBe('held');
    const upstreamHold = local('held', { holdReason: 'ADDRESS-CHECK' });
    expect(
      applied(merge({ incoming: hubOrder(O.clean, 3), local: upstreamHold, known: { version: 2, status: 'held' } }))
        .order,
    ).toMatchObject({ status: 'open', holdReason: null });
  });

  it('a cancelled or shipped order follows upstream again when the hub changes its mind', () => {
    expect(
      applied(
        merge({
          incoming: hubOrder(O.clean, 5),
          local: local('cancelled'),
          known: { version: 4, status: 'cancelled' },
        }),
      ).order.status,
    ).toBe('open');
  });
});

describe('recipient, address and lines', () => {
  it('a packed order keeps what its label says and reports address_changed_after_label', () => {
    const r = applied(
      merge({ incoming: hubOrder(O.clean, 2, { address: moved, remark: 'new remark' }), local: local('packed') }),
    );
    expect(r.order.address).toEqual(fixtureOrder(O.clean).address);
    expect(r.order.remark).toBe('new remark');
    expect(r.labelConflict).toMatch(/recipient\/address .*version 2.*张江路1号/);
  });

  it('changed lines on a packed order are reported too; the printed lines stay', () => {
    const vase = fixtureOrder(O.vase).lines;
    const r = applied(merge({ incoming: hubOrder(O.clean, 2, { lines: vase }), local: local('packed') }));
    expect(r.order.lines).toEqual(fixtureOrder(O.clean).lines);
    expect(r.labelConflict).toMatch(/lines/);
  });

  it('a cancelled packed order is not also an address conflict (the hub reports cancelled_while_packed)', () => {
    expect(
      applied(
        merge({ incoming: hubOrder(O.clean, 2, { status: 'cancelled', address: moved }), local: local('packed') }),
      ).labelConflict,
    ).toBeNull();
  });

  it('mid-pack the new address goes through (the desk intercepts); a conflict only once a parcel went out', () => {
    const incoming = hubOrder(O.clean, 2, { address: moved });
    const before = applied(merge({ incoming, local: local('packing'), packingHere: true }));
    expect(before.order.address).toEqual(moved);
    expect(before.labelConflict).toBeNull();
    expect(
      applied(merge({ incoming, local: local('packing'), packingHere: true, hasParcels: true })).labelConflict,
    ).toMatch(/recipient\/address/);
  });

  it('an open order simply takes the new address', () => {
    const r = applied(merge({ incoming: hubOrder(O.clean, 2, { address: moved }), local: local('open') }));
    expect(r.order.address).toEqual(moved);
    expect(r.labelConflict).toBeNull();
  });
});
