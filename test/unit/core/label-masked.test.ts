// A masked receiver never gets a Packdesk label: the desk says why instead of printing, and a
// reprint of that parcel is refused the same way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O, ORDERS } from '../../helpers/fixtures.js';

let t: TestStation;
beforeEach(async () => {
  t = await makeStation();
  const masked = (id: string) => {
    const o = ORDERS.find((x) => x.id === id)!;
    return { ...o, recipientName: '林**', recipientPhone: '183****2807', address: { ...o.address, detail: '****' } };
  };
  t.station.services.stores.orders.upsert([masked(O.clean), masked(O.nuts)]);
  t.scan('BADGE-P01');
});
afterEach(async () => {
  await t.close();
});

const snap = () => t.station.services.snapshot();

describe('masked receiver', () => {
  it('keeps the label as failed with the reason and tells the packer, printing nothing', async () => {
    t.scan(O.clean);
    t.scan(BARCODE.tshirt);
    t.scan(BARCODE.tshirt);
    t.scan(BARCODE.earbuds);
    await t.weigh(650);
    await t.settle();
    const labels = snap().lastPack?.labels ?? snap().pack?.labels ?? [];
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ status: 'failed', error: 'masked_address: name,phone,address' });
    expect(snap().notice).toEqual({
      level: 'error',
      code: 'label_masked_address',
      params: { orderId: O.clean, fields: 'name,phone,address' },
    });
    expect(t.printer.jobs()).toHaveLength(0);

    t.scan('CMD-REPRINT');
    await t.settle();
    expect(snap().notice?.code).toBe('label_masked_address');
    expect(t.printer.jobs()).toHaveLength(0);
  });

  it('refuses the label when its waybill arrives later from the pool, too', async () => {
    t.scan(O.nuts); // food → JD, whose pool is empty
    t.scan(BARCODE.nuts);
    await t.weigh(860);
    expect(snap().lastPack?.labels[0]).toMatchObject({ status: 'pending_waybill' });
    await t.station.core.call('waybills.add', { carrier: 'JD', numbers: ['JDV000000000001'] });
    await t.settle();
    expect(snap().lastPack?.labels[0]).toMatchObject({
      status: 'failed',
      waybill: 'JDV000000000001',
      error: 'masked_address: name,phone,address',
    });
    expect(t.printer.jobs()).toHaveLength(0);
  });
});
