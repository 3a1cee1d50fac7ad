// Multi-parcel packs at the desk: split refusals (one SKU in one parcel, a quantity-1 unit never
// under two waybills), and a 子母单 whose child labels wait (label pending) for the hub's child
// waybills, then print in parcel order — JD's renumbered labels printed again, marked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../src/contract/entities.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';

let t: TestStation;
beforeEach(async () => {
  t = await makeStation();
  // A plain address: labels with a masked one are refused by the printer path.
  const stores = t.station.services.stores;
  for (const id of [O.clean, O.vase, O.nuts]) {
    const o = stores.orders.get(id) as Order;
    stores.orders.upsert([
      {
        ...o,
        recipientName: '林一',
        recipientPhone: '18300002807',
        address: { ...o.address, detail: '文三路100号' },
      },
    ]);
  }
  t.scan('BADGE-P01');
});
afterEach(async () => {
  await t.close();
});

const snap = () => t.station.services.snapshot();
const stores = () => t.station.services.stores;
const expectedG = () => snap().pack?.weight?.expectedG ?? 0;
const labels = () =>
  t.db
    .prepare(
      `SELECT p.parcel_no AS parcelNo, l.status, l.reprint, json_extract(l.model, '$.waybill') AS waybill
       FROM labels l JOIN parcels p ON p.id = l.parcel_id ORDER BY l.created_at, l.rowid`,
    )
    .all() as { parcelNo: number; status: string; reprint: number; waybill: string | null }[];

/** The hub took an e-waybill with `carrier` for the order (WeChat e-waybill shop). */
function preassign(orderId: string, carrier: string, waybill: string): void {
  stores().sync.setHubOrder({
    ...(stores().orders.get(orderId) as Order),
    status: 'open',
    version: 2,
    preassigned: { carrier, waybill },
  } as never);
}

describe('split refusals', () => {
  it('a Channels parcel may not hold part of a SKU: CMD-NEXT is refused, naming the SKU', () => {
    t.scan(O.clean); // T恤×2 + 耳机×1
    t.scan(BARCODE.tshirt);
    expect(t.scan('CMD-NEXT').verdict).toBe('blocked');
    expect(snap().notice).toMatchObject({
      code: 'split_sku_partial',
      params: { inParcel: 1, expected: 2 },
    });
    t.scan(BARCODE.tshirt);
    expect(t.scan('CMD-NEXT').verdict).toBe('command');
    expect(snap().pack?.state).toBe('weighing');
  });

  it('one unit in two boxes under separate waybills is refused, offering the 子母单 carriers', () => {
    t.scan(O.vase); // 花瓶×1, SF from the station's pool: no e-waybill, so no 子母单
    t.scan(BARCODE.vase);
    expect(t.scan('CMD-SPLIT').verdict).toBe('blocked');
    expect(snap().notice).toMatchObject({
      code: 'split_qty1',
      params: { carriers: 'SF, DBKD, JD, SXJD, YDKY, ANEKY' },
    });
  });
});

describe('子母单 at the desk', () => {
  it('SF: parcel 1 carries the parent waybill, the extra box waits for its child number, then prints', async () => {
    preassign(O.vase, 'SF', 'SF9000000000001');
    const pool = stores().pool.counts(['SF']).SF;
    t.scan(O.vase);
    t.scan(BARCODE.vase);
    expect(t.scan('CMD-SPLIT').verdict).toBe('command');
    await t.weigh(expectedG());
    t.lift();
    expect(snap().pack?.parcelNo).toBe(2);
    await t.weigh(900); // the box holds the rest of the vase: no window to check
    expect(snap().pack).toBeNull();
    expect(labels()).toEqual([
      { parcelNo: 1, status: expect.any(String) as unknown, reprint: 0, waybill: 'SF9000000000001' },
      { parcelNo: 2, status: 'pending_waybill', reprint: 0, waybill: null },
    ]);
    expect(stores().pool.counts(['SF']).SF).toBe(pool); // no pool number for a 子母单 child

    const queued = t.station.services.desk.applyUpstream(
      (up) =>
        up.subWaybills(O.vase, [
          { parcelNo: 1, waybill: 'SF9000000000001' },
          { parcelNo: 2, waybill: 'SF9000000000002' },
        ]),
      () => true,
    );
    expect(queued).toBe(1);
    await t.settle();
    expect(labels()[1]).toMatchObject({ parcelNo: 2, reprint: 0, waybill: 'SF9000000000002' });
    expect(labels()[1]?.status).not.toBe('pending_waybill');
    expect(
      t
        .outbox()
        .filter((e) => e.type === 'parcel.waybill')
        .map((e) => e.payload['waybill']),
    ).toEqual(['SF9000000000002']);
    // The same labels again change nothing.
    expect(
      t.station.services.desk.applyUpstream(
        (up) => up.subWaybills(O.vase, [{ parcelNo: 2, waybill: 'SF9000000000002' }]),
        () => true,
      ),
    ).toBe(0);
  });

  it('JD renumbers every label: the child prints and the parent is printed again with its new number, marked', async () => {
    preassign(O.nuts, 'JD', 'JDVA00000000001');
    t.scan(O.nuts);
    t.scan(BARCODE.nuts);
    t.scan('CMD-SPLIT');
    await t.weigh(expectedG());
    t.lift();
    await t.weigh(700);
    t.station.services.desk.applyUpstream(
      (up) =>
        up.subWaybills(O.nuts, [
          { parcelNo: 1, waybill: 'JDVA00000000001-1-2' },
          { parcelNo: 2, waybill: 'JDVA00000000001-2-2' },
        ]),
      () => true,
    );
    await t.settle();
    expect(labels().map(({ parcelNo, reprint, waybill }) => ({ parcelNo, reprint, waybill }))).toEqual([
      { parcelNo: 1, reprint: 0, waybill: 'JDVA00000000001' },
      { parcelNo: 2, reprint: 0, waybill: 'JDVA00000000001-2-2' },
      { parcelNo: 1, reprint: 1, waybill: 'JDVA00000000001-1-2' },
    ]);
    const printed = t.printer.jobs().map((j) => j.job.id);
    const ids = t.db.prepare('SELECT id FROM labels ORDER BY created_at, rowid').pluck().all() as string[];
    expect(ids.every((id) => printed.includes(id))).toBe(true);
  });
});
