// A pull page with poisoned rows: each bad row is rolled back alone and quarantined (recorded,
// reported to the hub as an outbox event, shown to the supervisor), the cancellation is applied
// first, the good rows apply, and the cursor advances — the desk never stalls on one row.
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../src/contract/entities.js';
import type { PullPage } from '../../../src/contract/sync.js';
import { applyPull } from '../../../src/main/sync/pull.js';
import { SyncStore } from '../../../src/main/sync/store.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { hubOrder } from './harness.js';

let t: TestStation | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const good: Product = {
  id: 53,
  sku: 'SKU-NEW',
  title: '新品',
  category: 'general',
  unitWeightG: 100,
  priceFen: 500,
  barcodes: [],
  components: [],
};
const page = (over: Partial<PullPage>): PullPage => ({
  cursor: 41,
  more: false,
  orders: [],
  products: [],
  packers: [],
  routing: null,
  waybills: [],
  exceptions: [],
  serverTime: 0,
  ...over,
});
const count = (sql: string, ...args: unknown[]) =>
  t?.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe('a pull page with poisoned rows', () => {
  it('applies the good rows and the cancellation, quarantines each bad row, and advances the cursor', async () => {
    t = await makeStation();
    t.scan('BADGE-P01');
    t.scan(O.clean);
    const desk = t.station.services.desk;
    const store = new SyncStore(t.db);
    const newOrder = hubOrder(O.clean, 1, {
      id: '3700000000000000090',
      pickSlip: 'PS-0090',
      lines: [{ lineNo: 1, productId: 53, sku: 'SKU-NEW', title: '新品', qty: 2, priceFen: 500 }],
    });
    const needsPoison = hubOrder(O.clean, 1, {
      id: '3700000000000000091',
      pickSlip: 'PS-0091',
      lines: [{ lineNo: 1, productId: 51, sku: 'SKU-HEAVY', title: '重', qty: 1, priceFen: 1 }],
    });
    const summary = applyPull(
      desk,
      store,
      page({
        products: [
          { ...good, id: 50, sku: 'sku-vase' }, // SKU-VASE in another letter case: the key is taken
          { ...good, id: 51, sku: 'SKU-HEAVY', unitWeightG: 1e20 }, // out of contract
          { ...good, id: 52, sku: BARCODE.nuts }, // another product's barcode as SKU
          { ...good, id: 54, sku: 'SKU-WEAPON', category: 'weapons' }, // not a category
          good,
        ],
        orders: [newOrder, needsPoison, { id: 'X', lines: 'nope' }, hubOrder(O.clean, 2, { status: 'cancelled' })],
      }),
      1000,
    );

    expect(summary).toMatchObject({ cursor: 41, products: 1, orders: 2, quarantined: 6 });
    expect(store.cursor()).toBe(41);
    // Good rows applied.
    expect(count('SELECT count(*) FROM products WHERE id = 53')).toBe(1);
    expect(count('SELECT count(*) FROM orders WHERE id = ?', newOrder.id)).toBe(1);
    // The cancellation reached the desk: the pack is intercepted.
    expect(t.station.services.snapshot().alert).toMatchObject({ kind: 'intercept', code: 'order_cancelled' });
    expect(count('SELECT count(*) FROM orders WHERE id = ? AND status = ?', O.clean, 'cancelled')).toBe(1);
    // Bad rows rolled back alone and set aside, each with why.
    expect(count('SELECT count(*) FROM products WHERE id IN (50, 51, 52, 54)')).toBe(0);
    expect(count('SELECT count(*) FROM orders WHERE id = ?', needsPoison.id)).toBe(0);
    const aside = store.quarantine
      .open()
      .map((q) => [q.kind, q.ref, q.reason] as const)
      .sort();
    expect(aside).toEqual([
      ['order', '3700000000000000091', expect.stringMatching(/FOREIGN KEY/)],
      ['order', 'X', expect.stringMatching(/lines: expected array/)],
      ['product', '50', expect.stringMatching(/UNIQUE.*product_barcodes/)],
      ['product', '51', expect.stringMatching(/unitWeightG: expected ≤ 1000000, got 100000000000000000000/)],
      ['product', '52', expect.stringMatching(/UNIQUE.*product_barcodes/)],
      ['product', '54', expect.stringMatching(/^category: expected one of/)],
    ]);
    // Reported to the hub (outbox) after the cancellation was applied, and counted for the supervisor.
    const events = t.outbox();
    expect(events.filter((e) => e.type === 'sync.quarantined')).toHaveLength(6);
    const firstProduct = events.findIndex(
      (e) => e.type === 'sync.quarantined' && (e.payload as { kind: string }).kind === 'product',
    );
    expect(events.findIndex((e) => e.type === 'order.intercepted')).toBeLessThan(firstProduct);
    expect(t.station.services.snapshot().exceptions.filter((e) => e.kind === 'sync_quarantined')).toHaveLength(6);
  });

  it('a corrected copy of a quarantined row resolves it; a failure of the station itself undoes the page', async () => {
    t = await makeStation();
    const desk = t.station.services.desk;
    const store = new SyncStore(t.db);
    applyPull(desk, store, page({ products: [{ ...good, unitWeightG: -1 }] }), 0);
    expect(store.quarantine.openCount()).toBe(1);
    applyPull(desk, store, page({ cursor: 42, products: [good] }), 0);
    expect(store.quarantine.openCount()).toBe(0);
    expect(count('SELECT unit_weight_g FROM products WHERE id = 53')).toBe(100);

    // A full disk is not the row's fault: nothing of the page is kept and the pull is tried again.
    const full = Object.assign(Object.create(store) as SyncStore, {
      setHubOrder: () => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
    });
    const order = hubOrder(O.clean, 5, { status: 'cancelled' });
    expect(() => applyPull(desk, full, page({ cursor: 43, orders: [order] }), 0)).toThrow('disk is full');
    expect(store.cursor()).toBe(42);
    expect(store.quarantine.openCount()).toBe(0);
  });
});
