// Weighing gate, labels, reprints, label-pending, printer faults and multi-parcel orders.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';

let t: TestStation;
beforeEach(async () => {
  t = await makeStation();
  t.scan('BADGE-P01');
});
afterEach(async () => {
  await t.close();
});

const snap = () => t.station.services.snapshot();

/** Opens O.clean and verifies its three units (expected 640 g ± 32 g). */
function verifyClean() {
  t.scan(O.clean);
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.earbuds);
}

describe('weighing gate and label', () => {
  it('prints the label by itself once a stable weight is inside the window', async () => {
    verifyClean();
    t.scale.place(650);
    t.clock.advance(300); // still settling: unstable readings never pass the gate
    expect(snap().pack?.state).toBe('weighing');
    t.clock.advance(400);
    await t.settle();
    expect(snap().pack).toBeNull();
    const last = snap().lastPack;
    expect(last?.state).toBe('done');
    expect(last?.labels).toHaveLength(1);
    expect(last?.labels[0]).toMatchObject({ status: 'printed', waybill: 'YT1000000000001', carrier: 'YTO' });
    const model = last?.labels[0]?.model;
    expect(model).toMatchObject({
      orderId: O.clean,
      waybill: 'YT1000000000001',
      weightG: 650,
      reprint: false,
      packer: { id: 'P01', name: '张伟' },
    });
    expect(model?.recipient).toEqual({ name: '林晓', phone: '18312342807', address: '浙江省杭州市西湖区文三路88号' });
    expect(model?.itemSummary).toBe('纯棉T恤 白色 L×2 / 蓝牙耳机×1');
    expect(t.printer.jobs()).toHaveLength(1);
    const job = t.printer.jobs()[0]?.job;
    expect(job?.layout.elements.some((e) => e.type === 'code128' && e.text === 'YT1000000000001')).toBe(true);
    const order = t.db.prepare('SELECT status FROM orders WHERE id = ?').get(O.clean) as { status: string };
    expect(order.status).toBe('packed');
    const types = t.outbox().map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['pack.started', 'weight.accepted', 'parcel.packed', 'pack.completed', 'label.printed']),
    );
    const idx = (x: string) => types.indexOf(x);
    expect(idx('weight.accepted')).toBeLessThan(idx('parcel.packed'));
    expect(idx('parcel.packed')).toBeLessThan(idx('pack.completed'));
    expect(idx('pack.completed')).toBeLessThan(idx('label.printed'));
    expect(snap().counters).toEqual({ orders: 1, units: 3, errors: 0 });
    expect(snap().waybillPool.YTO).toBe(3);
  });

  it('ignores readings below the minimum and the previous parcel left on the scale', async () => {
    verifyClean();
    await t.weigh(645);
    expect(snap().lastPack?.order.id).toBe(O.clean);
    // Next order while the first parcel is still on the platform: its weight must not be reused.
    t.scan(O.vase);
    t.scan(BARCODE.vase);
    t.scale.place(645);
    t.clock.advance(1000);
    await t.settle();
    expect(snap().pack?.state).toBe('weighing');
    t.lift();
    await t.weigh(1021); // 800 g + 220 g carton and bubble wrap
    expect(snap().lastPack?.order.id).toBe(O.vase);
    expect(snap().lastPack?.labels[0]?.status).toBe('printed');
  });

  it('outside tolerance: weight exception, ACK refused, supervisor badge + reason overrides', async () => {
    verifyClean();
    await t.weigh(900);
    expect(snap().pack?.state).toBe('exception');
    expect(snap().alert).toMatchObject({
      kind: 'weight',
      code: 'weight_out_of_tolerance',
      clearBy: 'supervisor',
      params: { measuredG: 900, expectedG: 640 },
    });
    expect(t.scan('CMD-ACK').verdict).toBe('command_rejected');
    expect(snap().notice?.code).toBe('supervisor_required');
    expect(t.scan('BADGE-P02').verdict).toBe('blocked'); // a packer badge cannot override
    expect(t.scan('BADGE-S01').verdict).toBe('supervisor');
    expect(snap().prompt).toEqual({ kind: 'reason', purpose: 'override', supervisorId: 'S01' });
    expect(t.scan('RSN-STOCK-SHORT').verdict).toBe('command_rejected'); // a hold reason is not an override reason
    expect(t.scan('RSN-PACKAGING-HEAVY').verdict).toBe('reason');
    await t.settle();
    expect(snap().alert).toBeNull();
    expect(snap().lastPack?.labels[0]?.status).toBe('printed');
    const parcel = t.db.prepare('SELECT weight_g, expected_g, override_by, override_reason FROM parcels').get();
    expect(parcel).toEqual({ weight_g: 900, expected_g: 640, override_by: 'S01', override_reason: 'PACKAGING-HEAVY' });
    const accepted = t.outbox().find((e) => e.type === 'weight.accepted');
    expect(accepted?.payload.override).toEqual({ supervisorId: 'S01', reason: 'PACKAGING-HEAVY' });
    expect(t.outbox().filter((e) => e.type === 'weight.exception')).toHaveLength(1);
  });

  it('CMD-OVERRIDE then supervisor badge then reason works the same way', async () => {
    verifyClean();
    await t.weigh(400);
    expect(t.scan('CMD-OVERRIDE').verdict).toBe('command');
    expect(snap().prompt).toEqual({ kind: 'supervisor', purpose: 'override' });
    expect(t.scan('BADGE-S01').verdict).toBe('supervisor');
    expect(t.scan('RSN-WEIGHT-DATA').verdict).toBe('reason');
    await t.settle();
    expect(snap().lastPack?.state).toBe('done');
  });

  it('a fixed parcel re-weighed inside the window clears the exception without a supervisor', async () => {
    verifyClean();
    await t.weigh(520); // an item forgotten
    expect(snap().pack?.state).toBe('exception');
    t.lift();
    await t.weigh(640);
    expect(snap().alert).toBeNull();
    expect(snap().lastPack?.state).toBe('done');
    expect(snap().notice?.code).toBe('weight_accepted');
  });

  it('an unstable scale never passes the gate', async () => {
    verifyClean();
    t.scale.configure({ unstable: true });
    t.scale.place(640);
    t.clock.advance(5000);
    await t.settle();
    expect(snap().pack?.state).toBe('weighing');
  });
});

describe('labels', () => {
  it('CMD-REPRINT prints a new job marked as reprint with the same waybill', async () => {
    verifyClean();
    await t.weigh(640);
    expect(t.scan('CMD-REPRINT').verdict).toBe('command');
    await t.settle();
    const jobs = t.printer.jobs();
    expect(jobs).toHaveLength(2);
    expect(jobs[1]?.job.reprint).toBe(true);
    expect(jobs[1]?.job.id).not.toBe(jobs[0]?.job.id);
    expect(jobs[1]?.job.layout.elements.some((e) => e.type === 'code128' && e.text === 'YT1000000000001')).toBe(true);
    const printed = t
      .outbox()
      .filter((e) => e.type === 'label.printed')
      .map((e) => e.payload.reprint);
    expect(printed).toEqual([false, true]);
  });

  it('an empty pool keeps the pack as label pending and prints when numbers arrive', async () => {
    t.scan(O.nuts); // food → JD, whose pool is empty
    t.scan(BARCODE.nuts);
    await t.weigh(860); // 600 g + 260 g vacuum pack and ice
    expect(snap().lastPack?.labels[0]).toMatchObject({ status: 'pending_waybill', waybill: null, carrier: 'JD' });
    expect(snap().pendingLabels).toBe(1);
    expect(snap().notice?.code).toBe('label_pending');
    expect(t.printer.jobs()).toHaveLength(0);
    const result = await t.station.core.call('waybills.add', {
      carrier: 'JD',
      numbers: ['JDV000000000001', 'JDV000000000002'],
    });
    expect(result).toEqual({ added: 2, duplicates: 0, labelsReleased: 1 });
    await t.settle();
    expect(t.printer.jobs()).toHaveLength(1);
    expect(snap().lastPack?.labels[0]).toMatchObject({ status: 'printed', waybill: 'JDV000000000001' });
    expect(snap().pendingLabels).toBe(0);
    expect(t.outbox().find((e) => e.type === 'parcel.waybill')?.payload).toMatchObject({
      carrier: 'JD',
      waybill: 'JDV000000000001',
    });
  });

  it('paper out holds the job; after it clears the job prints exactly once', async () => {
    t.printer.setPaperOut(true);
    verifyClean();
    await t.weigh(640);
    expect(snap().lastPack?.state).toBe('labeling');
    expect(snap().lastPack?.labels[0]).toMatchObject({ status: 'queued', error: 'paper_out' });
    expect(snap().devices.find((d) => d.role === 'printer')).toMatchObject({ state: 'error', detail: 'paper_out' });
    // The next order can be packed meanwhile.
    t.scan(O.vase);
    expect(snap().pack?.state).toBe('verifying');
    t.printer.setPaperOut(false);
    await t.settle();
    await t.station.services.printQueue.kick();
    expect(t.printer.jobs()).toHaveLength(1);
    const printed = t.db.prepare("SELECT count(*) FROM labels WHERE status = 'printed'").pluck().get();
    expect(printed).toBe(1);
    expect(t.outbox().filter((e) => e.type === 'label.printed')).toHaveLength(1);
  });
});

describe('multi-parcel orders', () => {
  it('CMD-NEXT closes a parcel; each parcel is weighed and labelled', async () => {
    // Splitting one SKU over parcels is refused for Channels orders (split rules): a live-room order.
    const multi = t.station.services.stores.orders.get(O.multi);
    if (multi) t.station.services.stores.orders.upsert([{ ...multi, channel: 'live_room' }]);
    t.scan(O.multi);
    expect(t.scan('CMD-NEXT').verdict).toBe('command_rejected'); // nothing in the parcel yet
    expect(snap().notice?.code).toBe('next_parcel_empty');
    t.scan(BARCODE.tshirt);
    t.scan(BARCODE.tshirt);
    expect(t.scan('CMD-NEXT').verdict).toBe('command');
    expect(snap().pack?.state).toBe('weighing');
    expect(snap().pack?.weight?.expectedG).toBe(520); // 2 × 250 g + 20 g bag
    await t.weigh(520);
    expect(snap().pack).toMatchObject({ state: 'verifying', parcelNo: 2, parcelUnits: 0 });
    expect(snap().notice?.code).toBe('parcel_closed');
    t.lift();
    t.scan(BARCODE.tshirt);
    expect(snap().pack?.state).toBe('weighing');
    expect(snap().pack?.weight?.expectedG).toBe(270);
    await t.weigh(270);
    const last = snap().lastPack;
    expect(last?.state).toBe('done');
    // The done screen says done: no "fill the next parcel" left over from parcel 1 (issue 12 §2).
    expect(snap().notice).toBeNull();
    expect(last?.labels.map((l) => [l.parcelNo, l.waybill])).toEqual([
      [1, 'YT1000000000001'],
      [2, 'YT1000000000002'],
    ]);
    const items = t.db
      .prepare(
        'SELECT p.parcel_no, i.qty FROM parcels p JOIN parcel_items i ON i.parcel_id = p.id ORDER BY p.parcel_no',
      )
      .all();
    expect(items).toEqual([
      { parcel_no: 1, qty: 2 },
      { parcel_no: 2, qty: 1 },
    ]);
    const completed = t.outbox().find((e) => e.type === 'pack.completed');
    expect(completed?.payload).toMatchObject({ parcels: 2, units: 3 });
  });
});
