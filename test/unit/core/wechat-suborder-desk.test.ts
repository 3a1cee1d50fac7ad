// A JD 子母单 with a masked receiver at a desk with WeChat's print component: the parent prints 1/2
// at once (the box was declared with CMD-SPLIT), then the hub's renumbered labels arrive with their
// own print_info; the child prints 2/2 and the parent's new number 1/2 as a reprint task (`.R`),
// reported as a reprint (WeChat re_print 1) — nothing drawn by Packdesk's own printer.
import { afterEach, describe, expect, it } from 'vitest';
import { makeStation } from '../../helpers/station.js';
import { deskWithComponent, maskedEwaybillOrder, type Cleanups } from '../../helpers/wechat-desk.js';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { waitFor } from '../../helpers/wait.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BASE = 'JDVA00000000001';

describe('子母单 labels through the WeChat print component', () => {
  it('JD: parent 1/2, child 2/2 from its print_info, the renumbered parent again as a marked reprint', async () => {
    const { t, sim } = await deskWithComponent(cleanups);
    const stores = t.station.services.stores;
    const hubOrder = maskedEwaybillOrder(t, O.nuts, {
      carrier: 'JD',
      waybill: BASE,
      ewaybillOrderId: '7000000000000000001',
      printInfo: 'parent',
      templateId: 'single',
    });
    t.scan('BADGE-P01');
    expect(t.scan(O.nuts).verdict).toBe('order_opened');
    t.scan(BARCODE.nuts);
    t.scan('CMD-SPLIT');
    await t.weigh(t.station.services.snapshot().pack?.weight?.expectedG ?? 0);
    // The parent prints before the next box is weighed.
    await waitFor(() => sim.tasks().length === 1, 5000, 'parent task');
    expect(sim.tasks()[0]).toMatchObject({ printInfo: 'parent', printNum: { curNum: 1, sumNum: 2 }, reprint: false });
    t.lift();
    t.clock.advance(600);
    await t.settle();
    await t.weigh(700);
    expect(t.station.services.snapshot().pack).toBeNull();

    // What a pull does: the order (with the labels' print_info) is stored, then the labels applied.
    const subWaybills = [1, 2].map((n) => ({ parcelNo: n, waybill: `${BASE}-${n}-2`, printInfo: `jd${n}` }));
    stores.sync.setHubOrder({ ...hubOrder, version: 3, subWaybills });
    t.station.services.desk.applyUpstream(
      (up) => up.subWaybills(O.nuts, subWaybills),
      () => true,
    );
    await t.settle();
    await waitFor(() => sim.tasks().length === 3, 5000, 'child and renumbered parent tasks');
    const byInfo = new Map(sim.tasks().map((x) => [x.printInfo, x]));
    expect(byInfo.get('jd2')).toMatchObject({ printNum: { curNum: 2, sumNum: 2 }, reprint: false });
    expect(byInfo.get('jd1')).toMatchObject({ printNum: { curNum: 1, sumNum: 2 }, reprint: true });
    expect(byInfo.get('jd1')?.taskID).toMatch(/\.R$/);
    expect(t.printer.jobs()).toHaveLength(0);
    const printed = t.outbox().filter((e) => e.type === 'label.printed');
    expect(printed.map((e) => [e.payload['waybill'], e.payload['reprint'], e.payload['printedBy']])).toEqual(
      expect.arrayContaining([
        [BASE, false, 'wechat_component'],
        [`${BASE}-2-2`, false, 'wechat_component'],
        [`${BASE}-1-2`, true, 'wechat_component'],
      ]),
    );
    expect(printed).toHaveLength(3);
  });

  it('refuses a child label that came without print_info for a masked receiver', async () => {
    const t = await makeStation();
    cleanups.push(() => t.close());
    // An e-waybill without print_info (print/get failed at the hub): every label would be Packdesk's own.
    maskedEwaybillOrder(t, O.nuts, { carrier: 'SF', waybill: 'SF9000000000001' });
    t.scan('BADGE-P01');
    expect(t.scan(O.nuts).verdict).toBe('order_opened');
    t.scan(BARCODE.nuts);
    t.scan('CMD-SPLIT');
    await t.weigh(t.station.services.snapshot().pack?.weight?.expectedG ?? 0);
    t.lift();
    await t.weigh(700);
    const queued = t.station.services.desk.applyUpstream(
      (up) =>
        up.subWaybills(O.nuts, [
          { parcelNo: 1, waybill: 'SF9000000000001' },
          { parcelNo: 2, waybill: 'SF9000000000002' },
        ]),
      () => true,
    );
    expect(queued).toBe(0);
    const child = t.db
      .prepare(
        `SELECT l.status, l.error FROM labels l JOIN parcels p ON p.id = l.parcel_id
         WHERE p.order_id = ? AND p.parcel_no = 2`,
      )
      .get(O.nuts) as { status: string; error: string | null };
    expect(child.status).toBe('failed');
    expect(child.error).toMatch(/^masked_address: /);
    expect(t.station.services.snapshot().notice).toMatchObject({ code: 'label_masked_address' });
  });

  it("prints a child refused for want of print_info once the hub's retry brings it, as a first print", async () => {
    const { t, sim } = await deskWithComponent(cleanups);
    const stores = t.station.services.stores;
    const parent = 'SF9000000000001';
    const hubOrder = maskedEwaybillOrder(t, O.nuts, {
      carrier: 'SF',
      waybill: parent,
      ewaybillOrderId: '7000000000000000001',
      printInfo: 'parent',
      templateId: 'single',
    });
    t.scan('BADGE-P01');
    expect(t.scan(O.nuts).verdict).toBe('order_opened');
    t.scan(BARCODE.nuts);
    t.scan('CMD-SPLIT');
    await t.weigh(t.station.services.snapshot().pack?.weight?.expectedG ?? 0);
    await waitFor(() => sim.tasks().length === 1, 5000, 'parent task');
    t.lift();
    t.clock.advance(600);
    await t.settle();
    await t.weigh(700);
    const pull = (version: number, subWaybills: { parcelNo: number; waybill: string; printInfo?: string }[]) => {
      stores.sync.setHubOrder({ ...hubOrder, version, subWaybills });
      return t.station.services.desk.applyUpstream(
        (up) => up.subWaybills(O.nuts, subWaybills),
        () => true,
      );
    };
    // print/get failed for the child at the hub: refused, nothing drawn.
    expect(
      pull(3, [
        { parcelNo: 1, waybill: parent },
        { parcelNo: 2, waybill: 'SF9000000000002' },
      ]),
    ).toBe(0);
    expect(t.station.services.snapshot().notice).toMatchObject({ code: 'label_masked_address' });
    // The hub fetched it again: the same label prints through the component, not as a reprint.
    expect(
      pull(4, [
        { parcelNo: 1, waybill: parent },
        { parcelNo: 2, waybill: 'SF9000000000002', printInfo: 'child' },
      ]),
    ).toBe(1);
    await t.settle();
    await waitFor(() => sim.tasks().length === 2, 5000, 'child task');
    expect(sim.tasks()[1]).toMatchObject({ printInfo: 'child', printNum: { curNum: 2, sumNum: 2 }, reprint: false });
    // A later copy of the order prints nothing more.
    expect(
      pull(5, [
        { parcelNo: 1, waybill: parent },
        { parcelNo: 2, waybill: 'SF9000000000002', printInfo: 'child' },
      ]),
    ).toBe(0);
    expect(t.printer.jobs()).toHaveLength(0);
  });
});
