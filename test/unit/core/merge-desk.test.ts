// Merge (合单) at the desk: open orders of the same buyer and address are offered when one of them
// is opened; CMD-MERGE packs them in one parcel under one waybill, each order with its own parcel
// and events for the hub; held, cancelled, flagged or other buyers' orders never join.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../src/contract/entities.js';
import { mergeCandidates } from '../../../src/domain/packing/merge.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O, ORDERS } from '../../helpers/fixtures.js';

let t: TestStation;
const BUYER = 'oBUYER-1';
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-merge-'));
  t = await makeStation({ file: join(dir, 'station.db') });
  const stores = t.station.services.stores;
  for (const id of [O.clean, O.vase, O.nuts, O.held, O.cancelled, O.flagged, O.multi]) {
    const o = stores.orders.get(id) as Order;
    stores.orders.upsert([
      {
        ...o,
        recipientName: '林一',
        recipientPhone: '18300002807',
        address: { ...o.address, detail: '文三路100号' },
        // O.multi: another buyer at the same address.
        buyerId: id === O.multi ? 'oOTHER' : BUYER,
      },
    ]);
  }
  t.scan('BADGE-P01');
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const snap = () => t.station.services.snapshot();
const ofType = (type: string) => t.outbox().filter((e) => e.type === type);

describe('merge grouping', () => {
  it('same buyer, same address, same channel, open and unflagged only', () => {
    const base = ORDERS.find((o) => o.id === O.clean) as Order;
    const mk = (id: string, over: Partial<Order> = {}): Order => ({ ...base, id, buyerId: 'b', ...over });
    const others = [
      mk('ok'),
      mk('other-buyer', { buyerId: 'c' }),
      mk('other-address', { address: { ...base.address, detail: '别处1号' } }),
      mk('held', { status: 'held' }),
      mk('cancelled', { status: 'cancelled' }),
      mk('flagged', { flags: ['address_ambiguous'] }),
      mk('mini', { channel: 'mini_program' }),
    ];
    expect(mergeCandidates({ ...base, buyerId: 'b' }, others, 'b').map((o) => o.id)).toEqual(['ok']);
    expect(mergeCandidates(base, others, null)).toEqual([]);
  });
});

describe('CMD-MERGE', () => {
  it('offers the waiting orders, packs 3 orders in one parcel and one waybill, each reported', async () => {
    expect(t.scan(O.clean).verdict).toBe('order_opened');
    expect(snap().notice).toMatchObject({
      code: 'merge_offer',
      params: { count: 2, orderIds: `${O.vase}, ${O.nuts}` },
    });
    expect(t.scan('CMD-MERGE').verdict).toBe('command');
    expect(snap().notice).toMatchObject({ code: 'merge_joined', params: { count: 3 } });
    expect(t.scan('CMD-NEXT').verdict).toBe('command_rejected'); // one parcel
    for (const code of [BARCODE.tshirt, BARCODE.vase, BARCODE.tshirt, BARCODE.nuts, BARCODE.earbuds])
      expect(t.scan(code).verdict).toBe('item_ok');
    expect(snap().pack?.state).toBe('weighing');
    await t.weigh(snap().pack?.weight?.expectedG ?? 0);
    expect(snap().pack).toBeNull();

    const parcels = ofType('parcel.packed').map((e) => e.payload);
    expect(parcels.map((p) => p['orderId']).sort()).toEqual([O.clean, O.vase, O.nuts].sort());
    const waybills = new Set(parcels.map((p) => p['waybill']));
    expect(waybills.size).toBe(1);
    expect([...waybills][0]).toEqual(expect.any(String));
    const itemsOf = (id: string) => parcels.find((p) => p['orderId'] === id)?.['items'];
    expect(itemsOf(O.vase)).toEqual([expect.objectContaining({ qty: 1 })]);
    expect(itemsOf(O.clean)).toHaveLength(2);
    expect(
      ofType('pack.completed')
        .map((e) => e.payload['orderId'])
        .sort(),
    ).toEqual([O.clean, O.vase, O.nuts].sort());
    const stores = t.station.services.stores;
    for (const id of [O.clean, O.vase, O.nuts]) expect(stores.orders.get(id)?.status).toBe('packed');
    expect(t.db.prepare('SELECT count(*) FROM labels').pluck().get()).toBe(1);
  });

  it('a cancelled merged pack gives every joined order back', () => {
    t.scan(O.vase);
    t.scan('CMD-MERGE');
    t.scan('CMD-CANCEL');
    const stores = t.station.services.stores;
    for (const id of [O.clean, O.vase, O.nuts]) expect(stores.orders.get(id)?.status).toBe('open');
    expect(ofType('pack.cancelled')).toHaveLength(3);
  });

  it('with nothing to merge CMD-MERGE is refused with a reason', () => {
    t.scan(O.multi);
    expect(t.scan('CMD-MERGE').verdict).toBe('command_rejected');
    expect(snap().notice?.code).toBe('merge_none');
  });
});

describe('a merged pack across a restart', () => {
  it('resumes the primary pack with its joined orders', async () => {
    t.scan(O.clean);
    t.scan('CMD-MERGE');
    t.scan(BARCODE.tshirt);
    t.scan(BARCODE.vase);
    await t.close();
    t = await makeStation({ file: join(dir, 'station.db') });
    expect(snap().pack?.order.id).toBe(O.clean);
    // The primary's own lines keep their count; a joined order's product is scanned again.
    for (const code of [BARCODE.tshirt, BARCODE.vase, BARCODE.nuts, BARCODE.earbuds])
      expect(t.scan(code).verdict).toBe('item_ok');
    await t.weigh(snap().pack?.weight?.expectedG ?? 0);
    expect(snap().pack).toBeNull();
    const after = t.outbox().filter((e) => e.type === 'parcel.packed');
    expect(after.map((e) => e.payload['orderId']).sort()).toEqual([O.clean, O.vase, O.nuts].sort());
  });
});

describe('a merged parcel whose label waits for a number', () => {
  it('gives the number to every merged order when the pool is refilled', async () => {
    // Every category to JD, whose fixture pool is empty: the shared label is pending.
    const stores = t.station.services.stores;
    const allJd = { fragile: 'JD', apparel: 'JD', food: 'JD', fresh: 'JD', valuable: 'JD', general: 'JD' };
    t.station.services.applyConfig({
      ...t.station.services.config(),
      packing: {
        ...t.station.services.config().packing,
        carriers: { ...t.station.services.config().packing.carriers, byCategory: allJd },
      },
    });
    t.scan(O.vase);
    t.scan('CMD-MERGE');
    for (const code of [BARCODE.tshirt, BARCODE.vase, BARCODE.tshirt, BARCODE.nuts, BARCODE.earbuds]) t.scan(code);
    await t.weigh(snap().pack?.weight?.expectedG ?? 0);
    expect(snap().pack).toBeNull();
    expect(ofType('parcel.packed').every((e) => e.payload['waybill'] === null)).toBe(true);
    t.station.services.desk.addWaybills('JD', ['JDX000000001']);
    const told = ofType('parcel.waybill').map((e) => [e.payload['orderId'], e.payload['waybill']]);
    expect(told.sort()).toEqual([O.clean, O.vase, O.nuts].sort().map((id) => [id, 'JDX000000001']));
    expect(stores.orders.get(O.clean)?.status).toBe('packed');
  });
});
