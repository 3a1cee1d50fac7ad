// Pull: everything in a response and the cursor commit together; long-poll; `more`; pool counts on
// the query; orders merged and handed to the desk (intercepts on the order being packed).
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../src/contract/entities.js';
import type { HubException, RoutingTable } from '../../../src/contract/sync.js';
import { applyPull } from '../../../src/main/sync/pull.js';
import { SyncStore } from '../../../src/main/sync/store.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { hubOrder, makeRig, orderRow, waitFor, type SyncRig } from './harness.js';

let rig: SyncRig;
let plain: TestStation | undefined;
afterEach(async () => {
  await rig?.close();
  await plain?.close();
  plain = undefined;
});

const speaker: Product = {
  id: 9,
  sku: 'SKU-SPK',
  title: '蓝牙音箱',
  category: 'general',
  unitWeightG: 400,
  priceFen: 19900,
  barcodes: ['6901000000099'],
  components: [],
};
const routing: RoutingTable = {
  version: 3,
  rules: [{ carrier: 'SF', categories: ['fragile'] }],
  defaultCarrier: 'ZTO',
  rates: {},
  carrierNames: { SF: '顺丰速运', ZTO: '中通快递' },
};
const exception: HubException = {
  id: 'EX-1',
  orderId: O.vase,
  stationId: 'T2',
  kind: 'packed_twice',
  detail: 'packed at T1 and T2',
  at: 1000,
};
const speakerOrder = hubOrder(O.clean, 1, {
  id: '3700000000000000099',
  pickSlip: 'PS-0099',
  lines: [{ lineNo: 1, productId: 9, sku: 'SKU-SPK', title: '蓝牙音箱', qty: 1, priceFen: 19900 }],
});
const count = (t: TestStation, sql: string, ...args: unknown[]) =>
  t.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;
const freeJd = (t: TestStation) =>
  count(t, "SELECT count(*) FROM waybill_pool WHERE carrier = 'JD' AND parcel_id IS NULL");

describe('applying a pull', () => {
  it('applies products, packers, routing, orders, waybills and exceptions with the new cursor', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    hub.publish({
      products: [speaker],
      packers: [{ id: 'P09', name: '赵六', badge: 'BADGE-P09', role: 'packer' }],
      routing,
      orders: [speakerOrder],
      waybills: [{ batchId: 'B1', carrier: 'JD', numbers: ['JD0001', 'JD0002'] }],
      exceptions: [exception],
    });
    await waitFor(() => engine.status().cursor === 1, 'cursor 1');
    const stores = t.station.services.stores;
    expect(stores.catalog.get(9)?.title).toBe('蓝牙音箱');
    expect(stores.packers.findByBadge('BADGE-P09')?.name).toBe('赵六');
    expect(stores.desk.get<RoutingTable>('routing')).toEqual(routing);
    expect(stores.orders.get(speakerOrder.id)?.lines[0]?.productId).toBe(9);
    expect(freeJd(t)).toBe(2);
    expect(engine.exceptions()).toEqual([{ ...exception, source: 'hub', receivedAt: expect.any(Number) }]);
    expect(new SyncStore(t.db).cursor()).toBe(1);
    expect(engine.status()).toMatchObject({ mode: 'online', lastError: null, cursor: 1 });
    expect(engine.status().lastPullAt).toEqual(expect.any(Number));
    expect(engine.preassigned(speakerOrder.id)).toBeNull();
  });

  it('remembers the waybill the hub took in advance for an order', async () => {
    rig = await makeRig();
    rig.hub.publish({ orders: [hubOrder(O.nuts, 2, { preassigned: { carrier: 'JD', waybill: 'JD9000' } })] });
    await waitFor(() => rig.engine.status().cursor === 1, 'cursor 1');
    expect(rig.engine.preassigned(O.nuts)).toEqual({ carrier: 'JD', waybill: 'JD9000' });
  });

  it('adds a waybill batch once, and a number once, however often they arrive', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    hub.publish({ waybills: [{ batchId: 'B1', carrier: 'JD', numbers: ['JD0001', 'JD0002'] }] });
    hub.publish({ waybills: [{ batchId: 'B1', carrier: 'JD', numbers: ['JD0001', 'JD0002'] }] });
    hub.publish({ waybills: [{ batchId: 'B2', carrier: 'JD', numbers: ['JD0002', 'JD0003'] }] });
    await waitFor(() => engine.status().cursor === 3, 'cursor 3');
    expect(freeJd(t)).toBe(3);
    expect(t.db.prepare('SELECT batch_id, numbers, added FROM hub_waybill_batches ORDER BY batch_id').all()).toEqual([
      { batch_id: 'B1', numbers: 2, added: 2 },
      { batch_id: 'B2', numbers: 2, added: 1 },
    ]);
  });

  it('sends the cursor, wait, limit and the free pool per carrier on every pull', async () => {
    rig = await makeRig({ hub: { pullWaitS: 1, poolTarget: 300 } });
    const { hub, engine } = rig;
    hub.publish({ waybills: [{ batchId: 'B1', carrier: 'JD', numbers: ['JD0001'] }] });
    await waitFor(() => engine.status().cursor === 1, 'cursor 1');
    await waitFor(() => hub.count('/v1/sync/pull') >= 2, 'a second pull');
    const [first, second] = hub.requests
      .filter((r) => r.path === '/v1/sync/pull')
      .map((r) => Object.fromEntries(r.query));
    expect(first).toEqual({ cursor: '0', wait: '1', limit: '5000', pool: 'JD:0,SF:3,YTO:4,ZTO:2', poolTarget: '300' });
    expect(second).toMatchObject({ cursor: '1', pool: 'JD:1,SF:3,YTO:4,ZTO:2' });
    expect(hub.count('/v1/sync/hello')).toBe(1);
  });

  it('long-polls: news published while the pull waits arrives at once', async () => {
    rig = await makeRig({ hub: { pullWaitS: 20 } });
    const { hub, engine } = rig;
    await waitFor(() => hub.count('/v1/sync/pull') === 1 && engine.status().mode === 'online', 'a waiting pull');
    const published = Date.now();
    hub.publish({ products: [speaker] });
    await waitFor(() => engine.status().cursor === 1, 'cursor 1', 5000);
    expect(Date.now() - published).toBeLessThan(5000); // far below the 20 s the pull may wait
  });

  it('pulls again at once while the hub says there is more', async () => {
    // No long-poll and a minute between pulls: only `more` can bring the next page at once.
    rig = await makeRig({ start: false, hub: { pullWaitS: 0 }, engine: { pullIntervalMs: 60_000 } });
    const { hub, engine } = rig;
    hub.perPull = 1;
    for (let i = 0; i < 3; i++)
      hub.publish({ waybills: [{ batchId: `B${i}`, carrier: 'JD', numbers: [`JD000${i}`] }] });
    engine.start();
    await waitFor(() => engine.status().cursor === 3, 'cursor 3', 5000);
    expect(freeJd(rig.t)).toBe(3);
  });
});

describe('atomicity', () => {
  it('a row the station cannot store is quarantined; the rest of the page and the cursor apply; it applies once it can', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    const unknownProduct = hubOrder(O.clean, 1, {
      id: '3700000000000000098',
      pickSlip: 'PS-0098',
      lines: [{ ...speakerOrder.lines[0]!, productId: 777 }],
    });
    hub.publish({
      products: [speaker],
      routing,
      waybills: [{ batchId: 'B1', carrier: 'JD', numbers: ['JD0001'] }],
      exceptions: [exception],
      orders: [speakerOrder, unknownProduct], // the second one breaks a foreign key: product 777
    });
    await waitFor(() => engine.status().cursor === 1, 'cursor 1');
    expect(engine.status()).toMatchObject({ mode: 'online', lastError: null, quarantined: 1 });
    expect(count(t, 'SELECT count(*) FROM products WHERE id = 9')).toBe(1);
    expect(count(t, 'SELECT count(*) FROM orders WHERE id = ?', speakerOrder.id)).toBe(1);
    expect(count(t, 'SELECT count(*) FROM orders WHERE id = ?', unknownProduct.id)).toBe(0);
    expect(count(t, "SELECT count(*) FROM desk_state WHERE key = 'routing'")).toBe(1);
    expect(freeJd(t)).toBe(1);
    expect(new SyncStore(t.db).cursor()).toBe(1);
    const [aside] = new SyncStore(t.db).quarantine.open();
    expect(aside).toMatchObject({ kind: 'order', ref: unknownProduct.id, cursor: 1 });
    expect(aside?.reason).toMatch(/FOREIGN KEY/);
    expect(t.outbox().find((e) => e.type === 'sync.quarantined')?.payload).toMatchObject({
      quarantineId: aside?.id,
      kind: 'order',
      ref: unknownProduct.id,
    });
    expect(engine.exceptions().find((e) => e.kind === 'sync_quarantined')).toMatchObject({
      id: aside?.id,
      orderId: unknownProduct.id,
      source: 'station',
    });

    // The hub learns of product 777: the order set aside is tried again and applies.
    hub.publish({ products: [{ ...speaker, id: 777, sku: 'SKU-777', barcodes: [] }] });
    await waitFor(() => engine.status().cursor === 2, 'cursor 2');
    expect(engine.status()).toMatchObject({ mode: 'online', lastError: null, quarantined: 0 });
    expect(count(t, 'SELECT count(*) FROM orders WHERE id IN (?, ?)', speakerOrder.id, unknownProduct.id)).toBe(2);
  });

  it('a crash at the very end (writing the cursor) rolls everything back, desk memory included', async () => {
    plain = await makeStation();
    const desk = plain.station.services.desk;
    plain.scan('BADGE-P01');
    plain.scan(O.clean);
    const store = new SyncStore(plain.db);
    const crashing = Object.assign(Object.create(store) as SyncStore, {
      setCursor: () => {
        throw new Error('power cut');
      },
    });
    const res = {
      cursor: 5,
      more: false,
      orders: [hubOrder(O.clean, 2, { status: 'cancelled' as const })],
      products: [speaker],
      packers: [],
      routing,
      waybills: [{ batchId: 'B1', carrier: 'JD', numbers: ['JD0001'] }],
      exceptions: [exception],
      serverTime: 0,
    };
    expect(() => applyPull(desk, crashing, res, 0)).toThrow('power cut');
    expect(plain.station.services.snapshot().alert).toBeNull(); // the intercept raised mid-apply is gone with the rest
    expect(orderRow(plain, O.clean)?.status).toBe('packing');
    expect(count(plain, 'SELECT count(*) FROM products WHERE id = 9')).toBe(0);
    expect(freeJd(plain)).toBe(0);
    expect(store.cursor()).toBe(0);
    expect(plain.outbox().filter((e) => e.type === 'order.intercepted')).toEqual([]);

    applyPull(desk, store, res, 0);
    expect(store.cursor()).toBe(5);
    expect(plain.station.services.snapshot().alert?.code).toBe('order_cancelled');
  });
});

describe('orders at the desk', () => {
  it('an order cancelled upstream while it is packed here is intercepted; ACK ends the pack', async () => {
    rig = await makeRig();
    const { t, hub } = rig;
    t.scan('BADGE-P01');
    t.scan(O.clean);
    t.scan(BARCODE.tshirt);
    hub.publish({ orders: [hubOrder(O.clean, 2, { status: 'cancelled' })] });
    await waitFor(() => t.station.services.snapshot().alert, 'the intercept');
    expect(t.station.services.snapshot().alert).toMatchObject({
      kind: 'intercept',
      code: 'order_cancelled',
      clearBy: 'ack',
      orderId: O.clean,
    });
    expect(orderRow(t, O.clean)?.status).toBe('cancelled');
    t.scan('CMD-ACK');
    expect(t.station.services.snapshot().pack).toBeNull();
    expect(orderRow(t, O.clean)?.status).toBe('cancelled');
    expect(t.outbox().find((e) => e.type === 'pack.cancelled')?.payload).toMatchObject({
      orderId: O.clean,
      reason: 'order_cancelled',
    });
  });

  it('an upstream hold on the order being packed is intercepted as a change', async () => {
    rig = await makeRig();
    const { t, hub } = rig;
    t.scan('BADGE-P01');
    t.scan(O.clean);
    hub.publish({ orders: [hubOrder(O.clean, 2, { status: 'held', holdReason: 'ADDRESS-CHECK' })] });
    await waitFor(() => t.station.services.snapshot().alert, 'the intercept');
    expect(t.station.services.snapshot().alert?.code).toBe('order_changed');
  });

  it('upstream open leaves a pack alone and an older copy is ignored', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    t.scan('BADGE-P01');
    t.scan(O.clean);
    hub.publish({ orders: [hubOrder(O.clean, 3, { remark: 'v3' })] });
    hub.publish({ orders: [hubOrder(O.clean, 2, { remark: 'v2', status: 'cancelled' })] });
    await waitFor(() => engine.status().cursor === 2, 'cursor 2');
    expect(t.station.services.snapshot().alert).toBeNull();
    expect(t.station.services.stores.orders.get(O.clean)).toMatchObject({ status: 'packing', remark: 'v3' });
    expect(t.db.prepare('SELECT version, status FROM hub_orders WHERE order_id = ?').get(O.clean)).toEqual({
      version: 3,
      status: 'open',
    });
  });

  it('a packed order keeps its printed address; the station records address_changed_after_label', async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    t.scan('BADGE-P01');
    t.scan(O.vase);
    t.scan(BARCODE.vase);
    await t.weigh(1020);
    expect(orderRow(t, O.vase)?.status).toBe('packed');
    const moved = { province: '上海市', city: '上海市', district: '浦东新区', detail: '张江路1号' };
    hub.publish({ orders: [hubOrder(O.vase, 2, { address: moved })] });
    await waitFor(() => engine.exceptions().length === 1, 'the exception');
    expect(orderRow(t, O.vase)).toMatchObject({ status: 'packed', address: '文三路88号' });
    expect(engine.exceptions()[0]).toMatchObject({
      orderId: O.vase,
      stationId: 'T1',
      kind: 'address_changed_after_label',
      source: 'station',
    });
  });

  it("upstream open does not lift a packer's hold; shipped marks an open order shipped", async () => {
    rig = await makeRig();
    const { t, hub, engine } = rig;
    t.scan('BADGE-P01');
    t.scan(O.multi);
    t.scan('CMD-HOLD');
    t.scan('RSN-DAMAGED');
    expect(orderRow(t, O.multi)?.status).toBe('held');
    hub.publish({ orders: [hubOrder(O.multi, 2), hubOrder(O.nuts, 2, { status: 'shipped' })] });
    await waitFor(() => engine.status().cursor === 1, 'cursor 1');
    expect(orderRow(t, O.multi)).toMatchObject({ status: 'held', holdReason: 'DAMAGED' });
    expect(orderRow(t, O.nuts)?.status).toBe('shipped');
    expect(t.scan(O.nuts).verdict).toBe('order_intercepted');
    expect(t.station.services.snapshot().alert?.code).toBe('order_shipped');
  });
});
