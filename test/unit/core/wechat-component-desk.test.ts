// The desk's side of WeChat's print component: a Channels order whose e-waybill came with
// print_info prints through the component (never drawn by Packdesk, even with a masked receiver),
// its label.printed says so, a 补打 goes out as a reprint task; a desk without the component refuses
// such an order at the order scan; the settings screen lists the component's printers and picks one.
import { afterEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { deskWithComponent, maskedEwaybillOrder, type Cleanups } from '../../helpers/wechat-desk.js';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { waitFor } from '../../helpers/wait.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const WAYBILL = 'YT9000000000001';
const PRINT_INFO = 'eyJwcmludERhdGEiOnt9fQ==';

/** O.clean as the hub sends it from a Channels e-waybill shop: masked receiver, e-waybill with print_info. */
function channelsEwaybillOrder(t: TestStation): void {
  maskedEwaybillOrder(t, O.clean, {
    carrier: 'YTO',
    waybill: WAYBILL,
    ewaybillOrderId: '7000000000000000001',
    printInfo: PRINT_INFO,
    templateId: 'single',
  });
}

const withComponent = () => deskWithComponent(cleanups);

async function pack(t: TestStation): Promise<void> {
  expect(t.scan(O.clean).verdict).toBe('order_opened');
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.earbuds);
  await t.weigh(640);
}

describe('WeChat print component at the desk', () => {
  it('prints the e-waybill through the component, not the desk printer, and says so in label.printed', async () => {
    const { t, sim } = await withComponent();
    t.scan('BADGE-P01');
    channelsEwaybillOrder(t);
    await pack(t);
    await waitFor(() => sim.tasks().length === 1, 5000, 'component task');
    await t.settle();
    expect(sim.tasks()[0]).toMatchObject({ printInfo: PRINT_INFO, printNum: { curNum: 1, sumNum: 1 }, reprint: false });
    expect(t.printer.jobs()).toHaveLength(0);
    const printed = t.outbox().filter((e) => e.type === 'label.printed');
    expect(printed).toHaveLength(1);
    expect(printed[0]?.payload).toMatchObject({ waybill: WAYBILL, reprint: false, printedBy: 'wechat_component' });
    expect(t.station.services.snapshot().devices.find((d) => d.role === 'wechat_printer')).toMatchObject({
      kind: 'wechat-component',
      state: 'ready',
    });

    // 补打: the component again, as a reprint task.
    t.scan('CMD-REPRINT');
    await waitFor(() => sim.tasks().length === 2, 5000, 'reprint task');
    await t.settle();
    expect(sim.tasks()[1]).toMatchObject({ printInfo: PRINT_INFO, reprint: true });
    expect(sim.tasks()[1]?.taskID).toMatch(/\.R$/);
    const reprinted = t.outbox().filter((e) => e.type === 'label.printed');
    expect(reprinted[1]?.payload).toMatchObject({ reprint: true, printedBy: 'wechat_component' });
  });

  it('refuses the order at the order scan at a desk without the component', async () => {
    const t = await makeStation();
    cleanups.push(() => t.close());
    t.scan('BADGE-P01');
    channelsEwaybillOrder(t);
    expect(t.scan(O.clean).verdict).toBe('order_intercepted');
    const snap = t.station.services.snapshot();
    expect(snap.alert).toMatchObject({
      code: 'order_needs_wechat_printer',
      params: { orderId: O.clean, carrier: 'YTO', waybill: WAYBILL },
      clearBy: 'ack',
    });
    expect(snap.pack).toBeNull();
    expect(snap.devices.some((d) => d.role === 'wechat_printer')).toBe(false);
  });

  it('lists the component printers for the settings screen and switches the printer', async () => {
    const { t, sim } = await withComponent();
    const core = t.station.core;
    const listed = await core.call('devices.wechatPrinter.list', {});
    expect(listed).toMatchObject({ configured: true, printer: 'SIM-76x130', state: 'ready', version: '1.3.4' });
    expect(listed.printers.map((p) => p.name)).toEqual(['SIM-76x130', 'SIM-100x180']);
    await expect(core.call('devices.wechatPrinter.use', { printer: 'NOPE' })).rejects.toThrow(
      'printer: expected one of the component\'s printers (SIM-76x130, SIM-100x180), got "NOPE"',
    );
    expect((await core.call('devices.wechatPrinter.use', { printer: 'SIM-100x180' })).printer).toBe('SIM-100x180');
    t.scan('BADGE-P01');
    channelsEwaybillOrder(t);
    await pack(t);
    await waitFor(() => sim.tasks().length === 1, 5000, 'component task');
    expect(sim.tasks()[0]?.printer).toBe('SIM-100x180');
  });
});
