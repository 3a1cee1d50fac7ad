// A real station synced with the hub and the WeChat sandbox: a Channels order whose e-waybill is SF
// packed in 3 boxes (CMD-SPLIT twice). Parcel 1 prints with the parent waybill; the two extra boxes
// wait as label pending until the hub asked WeChat for the children (addsuborder) and the order
// brought them back with each child's print_info; then, the receiver being masked, all three labels
// print through WeChat's print component (its simulator) as 1/3, 2/3, 3/3, and delivery/send names
// the parent alone.
// (The split refusals and CMD-MERGE at the desk: test/unit/core/multi-parcel-desk and merge-desk.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoutingTable } from '../../src/contract/sync.js';
import { generateChannelsOrders } from '../../src/demo/wechat-sandbox/generate.js';
import { SyncEngine } from '../../src/main/sync/engine.js';
import { systemClock } from '../../src/main/core/types.js';
import { startTestHub, until, type TestHub } from '../helpers/hub.js';
import { makeStation, type TestStation } from '../helpers/station.js';
import { WechatComponentSim } from '../../src/hardware/sim/wechat-component.js';
import { WechatComponentPrinter } from '../../src/hardware/printer/wechat-component.js';
import { maskedFields } from '../../src/domain/label/masked.js';

vi.setConfig({ testTimeout: 90_000 });
let t: TestHub | undefined;
let s: TestStation | undefined;
let sim: WechatComponentSim | undefined;
let dir: string | undefined;
afterEach(async () => {
  await s?.close();
  await t?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  s = t = sim = dir = undefined;
});

describe('子母单 with a real station', () => {
  it('SF in 3 boxes: parent label at once, child labels after the hub got them, one delivery/send', async () => {
    t = await startTestHub({ ewaybill: true });
    const hub = t;
    const table: RoutingTable = { version: 1, rules: [], defaultCarrier: 'SF', rates: {}, carrierNames: {} };
    await hub.hub.store.tx((tx) => tx.settings.set('routing', table));
    const token = await hub.addStation('A');
    // Channels e-waybills print through WeChat's print component (its simulator here).
    sim = new WechatComponentSim({ port: 0 });
    await sim.listen();
    dir = mkdtempSync(join(tmpdir(), 'packdesk-subparcel-'));
    const wechatPrinter = new WechatComponentPrinter({
      url: sim.url,
      printer: 'SIM-76x130',
      journalFile: join(dir, 'journal.txt'),
      faultPollMs: 50,
    });
    s = await makeStation({
      seed: false,
      wechatPrinter,
      config: {
        station: { id: 'A' },
        devices: { wechatComponent: { url: sim.url, printer: 'SIM-76x130' } },
      },
      sync: ({ desk, db, log }) =>
        new SyncEngine({
          hub: { url: hub.hub.url, token, pullWaitS: 1, pushBatch: 200, poolTarget: 10 },
          desk,
          db,
          log,
          clock: systemClock,
          random: () => 0.01,
        }),
    });
    const st = s;
    const opts = { count: 1, seed: 51, products: hub.fakeProducts, startTime: Math.floor(Date.now() / 1000) - 600 };
    const [made] = generateChannelsOrders(opts);
    hub.fake.generateChannelsOrders(opts);
    if (!made) throw new Error('no order');
    const stores = st.station.services.stores;
    const pre = await until(
      () => stores.sync.preassigned(made.order_id),
      (p) => p !== null,
      30_000,
      'the order with its SF e-waybill at the station',
    );
    const order = stores.orders.get(made.order_id);
    if (!order || !pre) throw new Error('order not at the station');
    const packer = hub.catalog.packers[0];
    if (!packer) throw new Error('no packer');
    await until(
      () => stores.packers.get(packer.id),
      (p) => p !== undefined,
      10_000,
      'packers',
    );
    expect(st.scan(packer.badge).verdict).toBe('login');
    const opened = st.scan(order.id).verdict;
    expect(opened).toBe('order_opened');
    for (const line of order.lines) {
      const barcode = hub.catalog.products.find((p) => p.id === line.productId)?.barcodes[0];
      if (!barcode) throw new Error(`no barcode for ${line.sku}`);
      for (let i = 0; i < line.qty; i++) expect(st.scan(barcode).verdict).toBe('item_ok');
    }
    expect(st.scan('CMD-SPLIT').verdict).toBe('command');
    expect(st.scan('CMD-SPLIT').verdict).toBe('command');
    const lift = async () => {
      st.lift();
      st.clock.advance(600);
      await st.settle();
    };
    await st.weigh(st.station.services.snapshot().pack?.weight?.expectedG ?? 0);
    await lift();
    await st.weigh(800); // the boxes hold the rest: no window to check
    expect(st.station.services.snapshot().pack?.parcelNo).toBe(3);
    await lift();
    await st.weigh(600);
    expect(st.station.services.snapshot().pack).toBeNull();

    const labels = () =>
      st.db
        .prepare(
          `SELECT p.parcel_no AS parcelNo, l.status, p.waybill FROM labels l JOIN parcels p ON p.id = l.parcel_id
           WHERE p.order_id = ? AND l.reprint = 0 ORDER BY p.parcel_no`,
        )
        .all(order.id) as { parcelNo: number; status: string; waybill: string | null }[];
    expect(labels()[0]?.waybill).toBe(pre.waybill);
    expect(
      labels()
        .slice(1)
        .map((l) => l.status),
    ).toEqual(['pending_waybill', 'pending_waybill']);

    // The hub asks for both children at once and sends them back with the order.
    const done = await until(
      () => labels(),
      (ls) => ls.length === 3 && ls.every((l) => l.status !== 'pending_waybill' && l.waybill),
      40_000,
      'child labels at the station',
    );
    const adds = hub.fake.calls('/channels/ec/logistics/ewaybill/biz/order/addsuborder');
    expect(adds).toHaveLength(1);
    expect((adds[0]?.body as Record<string, unknown>)['add_package_quantity']).toBe(2);
    expect(new Set(done.map((l) => l.waybill)).size).toBe(3);

    // The receiver is masked (a Channels privacy order): every label, children included, goes through
    // WeChat's print component with its own print_info and the n/N counter — none drawn by Packdesk.
    expect(maskedFields({ name: order.recipientName, phone: order.recipientPhone, address: '' })).not.toEqual([]);
    const component = sim;
    if (!component) throw new Error('no component simulator');
    const printed = await until(
      () => labels(),
      (ls) => ls.every((l) => l.status === 'printed'),
      30_000,
      'all three labels printed',
    );
    const tasks = component.tasks();
    expect(tasks).toHaveLength(3);
    expect(tasks.map((x) => x.printNum)).toEqual([1, 2, 3].map((curNum) => ({ curNum, sumNum: 3 })));
    expect(tasks.map((x) => x.reprint)).toEqual([false, false, false]);
    const printedWaybill = (info: string) =>
      (JSON.parse(Buffer.from(info, 'base64').toString()) as { waybill_id: string }).waybill_id;
    expect(tasks.map((x) => printedWaybill(x.printInfo))).toEqual(printed.map((l) => l.waybill));
    const gets = hub.fake.calls('/channels/ec/logistics/ewaybill/biz/print/get').filter((c) => c.errcode === 0);
    expect(gets.map((c) => (c.body as { sub_waybill_id?: string }).sub_waybill_id)).toEqual(
      expect.arrayContaining(printed.slice(1).map((l) => l.waybill)),
    );

    const [shipped] = await until(
      () => hub.fake.channelsShipments(order.id),
      (x) => x.length > 0,
      30_000,
      'delivery/send',
    );
    expect(hub.fake.channelsShipments(order.id)).toHaveLength(1);
    expect(shipped).toMatchObject({ waybill_id: pre.waybill, delivery_id: 'SF' });
  });
});
