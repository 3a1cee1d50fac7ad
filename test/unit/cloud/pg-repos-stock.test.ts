// The PostgreSQL stock repositories answer exactly as their SQLite twins: the same calls on a fresh
// SQLite store and a fresh PostgreSQL schema, every answer compared — the ledger and its totals,
// order states and their lines (short orders by SKU, last-unit marks), and the publisher's figures,
// WeChat SKU ids and WeChat's own moves. Runs only with PACKDESK_TEST_PG_URL.
import { beforeEach, describe, it, vi } from 'vitest';
import type { ShipmentRow } from '../../../src/cloud/store/types.js';
import type { NewStockMovement, StockOrderRow } from '../../../src/cloud/store/stock-types.js';
import { orderRow, PG_URL, storePairPerTest } from '../../helpers/store-pair.js';
import { shipmentRow } from '../../helpers/shipment-row.js';

vi.setConfig({ testTimeout: 30_000 });

let n = 0;
function move(patch: Partial<NewStockMovement> & Pick<NewStockMovement, 'kind' | 'sku' | 'qty'>): NewStockMovement {
  n += 1;
  return {
    id: `m${n}`,
    key: `k${n}`,
    location: 'MAIN',
    pool: 'shared',
    channel: null,
    orderId: null,
    ref: null,
    at: 1_000 + n,
    by: null,
    ...patch,
  };
}

function stockOrder(orderId: string, patch: Partial<StockOrderRow> = {}): StockOrderRow {
  return {
    orderId,
    channel: 'mini1',
    pool: 'shared',
    needs: [{ sku: 'TEA', qty: 1 }],
    state: 'reserved',
    unpaidUntil: null,
    shortAt: null,
    shortages: [],
    releasedBy: null,
    updatedAt: 5_000,
    ...patch,
  };
}

const parcel = (parcelId: string, orderId: string, waybill: string, packedAt: number): ShipmentRow =>
  shipmentRow(parcelId, orderId, { packId: `pack-${parcelId}`, waybill, packedAt, state: 'packing' });

describe.runIf(PG_URL)('PostgreSQL stock repositories match SQLite', () => {
  const s = storePairPerTest();
  beforeEach(() => {
    n = 0;
  });

  it('ledger: movements once per key, totals, held units, sales and the movement filters', async () => {
    // Built once: both stores book the very same movements.
    const moves = [
      move({ kind: 'receipt', sku: 'TEA', qty: 10, key: 'po-1' }),
      move({ kind: 'receipt', sku: 'TEA', qty: 10, key: 'po-1' }),
      move({ kind: 'receipt', sku: 'CUP', qty: 4, location: 'A-01' }),
      move({ kind: 'receipt', sku: 'CUP', qty: 3, pool: 'group1' }),
      move({ kind: 'reserve', sku: 'TEA', qty: 3, orderId: 'o1', channel: 'mini1' }),
      move({ kind: 'reserve', sku: 'CUP', qty: 1, orderId: 'o1', channel: 'mini1' }),
      move({ kind: 'release', sku: 'TEA', qty: -1, orderId: 'o1', channel: 'mini1' }),
      move({ kind: 'reserve', sku: 'TEA', qty: 2, orderId: 'o2', channel: 'oa1' }),
      move({ kind: 'adjust', sku: 'TEA', qty: -2, ref: 'broken', by: 'admin' }),
      move({ kind: 'return_damaged', sku: 'CUP', qty: 1, location: 'A-01' }),
    ];
    await s.same('book', async (t) => {
      const booked = [];
      for (const m of moves) booked.push(await t.stock.move(m));
      await t.stock.putOrder(stockOrder('o1'));
      await t.stock.putOrder(stockOrder('o2', { state: 'unpaid', unpaidUntil: 9_000, channel: 'oa1' }));
      return booked;
    });
    await s.same('has', async (t) => [await t.stock.has('po-1'), await t.stock.has('nope')]);
    await s.same('totals all', (t) => t.stock.totals(null, null));
    await s.same('totals at', (t) => t.stock.totals(null, 'A-01'));
    await s.same('totals some', (t) => t.stock.totals(['CUP', 'NONE'], null));
    await s.same('totals some at', (t) => t.stock.totals(['TEA', 'CUP'], 'MAIN'));
    await s.same('totals none', (t) => t.stock.totals([], null));
    await s.same('onHandAt', async (t) => [await t.stock.onHandAt('CUP', 'A-01'), await t.stock.onHandAt('X', 'A')]);
    await s.same('heldBy', async (t) => [...(await t.stock.heldBy('o1'))]);
    await s.same('movements all', (t) => t.stock.movements({ limit: 100 }));
    await s.same('movements filtered', (t) => t.stock.movements({ sku: 'TEA', kind: 'reserve', limit: 10 }));
    await s.same('movements order', (t) => t.stock.movements({ orderId: 'o1', limit: 2 }));
    await s.same('movements where/when', (t) =>
      t.stock.movements({ location: 'A-01', from: 1_003, to: 1_100, limit: 10 }),
    );
    await s.same('movements page', (t) => t.stock.movements({ before: 5, limit: 3 }));
    // o2 is unpaid: its reservation is not a sale yet.
    await s.same('sales', (t) => t.stock.sales(0));
    await s.same('sales later', (t) => t.stock.sales(1_006));
  });

  it('orders: states, lines, short orders by SKU, last-unit marks, unpaid due, unsettled and waybills', async () => {
    const moves = [
      move({ kind: 'receipt', sku: 'TEA', qty: 5 }),
      move({ kind: 'reserve', sku: 'TEA', qty: 1, orderId: 'o1' }),
      move({ kind: 'reserve', sku: 'TEA', qty: 1, orderId: 'o2' }),
    ];
    await s.same('setup', async (t) => {
      await t.orders.upsert(orderRow('o1', null));
      await t.orders.upsert(orderRow('o2', null));
      await t.orders.upsert(orderRow('o3', null, 'held'));
      await t.orders.upsert(orderRow('o4', null, 'cancelled'));
      await t.orders.upsert(orderRow('o5', null));
      for (const m of moves) await t.stock.move(m);
      await t.stock.putOrder(stockOrder('o1'));
      await t.stock.putOrder(
        stockOrder('o2', {
          needs: [
            { sku: 'TEA', qty: 1 },
            { sku: 'CUP', qty: 2 },
          ],
        }),
      );
      const short: Partial<StockOrderRow> = { state: 'short', shortages: [{ sku: 'CUP', need: 2, available: 0 }] };
      await t.stock.putOrder(stockOrder('s2', { ...short, shortAt: 3_000, needs: [{ sku: 'CUP', qty: 2 }] }));
      await t.stock.putOrder(stockOrder('s1', { ...short, shortAt: 3_000, needs: [{ sku: 'CUP', qty: 2 }] }));
      await t.stock.putOrder(stockOrder('s3', { ...short, shortAt: 2_000, needs: [{ sku: 'JAM', qty: 1 }] }));
      await t.stock.putOrder(stockOrder('u1', { state: 'unpaid', unpaidUntil: 4_000 }));
      await t.stock.putOrder(stockOrder('u2', { state: 'unpaid', unpaidUntil: 8_000 }));
      await t.stock.putOrder(stockOrder('c1', { state: 'closed' }));
      await t.shipments.upsert(parcel('p2', 'o2', 'SF1', 2_000));
      await t.shipments.upsert(parcel('p1', 'o1', 'SF1', 2_000));
    });
    await s.same('order', async (t) => [await t.stock.order('s1'), await t.stock.order('nope')]);
    await s.same('short all', (t) => t.stock.shortOrders(null, 10));
    await s.same('short of CUP', (t) => t.stock.shortOrders(['CUP'], 10));
    await s.same('short limited', (t) => t.stock.shortOrders(['CUP', 'JAM'], 2));
    await s.same('short none', (t) => t.stock.shortOrders(['TEA'], 10));
    await s.same('newest holder', async (t) => [
      await t.stock.newestHolder('TEA', 'shared'),
      await t.stock.newestHolder('CUP', 'shared'),
      await t.stock.newestHolder('TEA', 'group1'),
    ]);
    await s.same('last unit', async (t) => {
      await t.stock.setLastUnit('o2', 'TEA', true);
      await t.stock.setLastUnit('o1', 'TEA', true);
      await t.stock.setLastUnit('o2', 'NOT-NEEDED', true);
      return [await t.stock.lastUnitHolders('TEA'), await t.stock.lastUnitSkus('o2')];
    });
    // A line the order no longer needs goes; a mark stays while the order holds the SKU; short or
    // closed ends it.
    await s.same('lines follow the row', async (t) => {
      await t.stock.putOrder(stockOrder('o2', { needs: [{ sku: 'TEA', qty: 3 }] }));
      const kept = await t.stock.lastUnitSkus('o2');
      await t.stock.putOrder(stockOrder('o1', { state: 'short', shortAt: 6_000, shortages: [] }));
      await t.stock.putOrder(stockOrder('s2', { state: 'closed' }));
      return [kept, await t.stock.lastUnitHolders('TEA'), await t.stock.shortOrders(['CUP', 'TEA'], 10)];
    });
    await s.same('unpaid due', (t) => t.stock.unpaidDue(5_000, 10));
    await s.same('unsettled', async (t) => [
      await t.stock.unsettledOrders('', 10),
      await t.stock.unsettledOrders('o2', 1),
    ]);
    await s.same('waybill', async (t) => [await t.stock.orderOfWaybill('SF1'), await t.stock.orderOfWaybill('NONE')]);
  });

  it('publisher: targets, served figures, in flight, outcomes, SKU refs and WeChat moves', async () => {
    await s.same('targets', async (t) => {
      await t.stockPublish.setTargets([
        { channel: 'shop1', sku: 'TEA', target: 10 },
        { channel: 'shop1', sku: 'CUP', target: 3 },
        { channel: 'shop2', sku: 'TEA', target: 4 },
      ]);
      await t.stockPublish.setTargets([{ channel: 'shop1', sku: 'TEA', target: 9 }]);
      await t.stockPublish.serve(
        [
          { channel: 'mini1', sku: 'TEA', qty: 5 },
          { channel: 'mini1', sku: 'CUP', qty: 0 },
        ],
        1_000,
      );
      // The same figure again keeps its time.
      await t.stockPublish.serve([{ channel: 'mini1', sku: 'TEA', qty: 5 }], 2_000);
      return t.stockPublish.rows(null);
    });
    await s.same('rows filtered', async (t) => [
      await t.stockPublish.rows(['TEA'], 'shop1'),
      await t.stockPublish.rows(['TEA', 'CUP']),
      await t.stockPublish.rows(null, 'mini1'),
      await t.stockPublish.rows([]),
    ]);
    await s.same('outcomes', async (t) => {
      await t.stockPublish.read('shop1', 'TEA', 7, 3_000);
      await t.stockPublish.markInFlight('shop1', ['TEA', 'CUP']);
      await t.stockPublish.markInFlight('shop1', []);
      await t.stockPublish.applied('shop1', 'TEA', 2, 3_100);
      await t.stockPublish.applied('shop1', 'CUP', 3, 3_100);
      await t.stockPublish.adjust('shop1', 'TEA', -1);
      await t.stockPublish.failed('shop2', 'TEA', 'busy');
      await t.stockPublish.forget('mini1', 'CUP', 'lost');
      const before = await t.stockPublish.rows(null);
      const recovered = await t.stockPublish.recoverInFlight();
      return { before, recovered, after: await t.stockPublish.rows(null) };
    });
    await s.same('sku refs', async (t) => {
      const ref = { shopId: 'shop1', sku: 'TEA', productId: 'p1', skuId: 's1', source: 'order', at: 1 } as const;
      const learnt = [
        await t.stockPublish.learnSkuRef(ref),
        await t.stockPublish.learnSkuRef(ref),
        await t.stockPublish.learnSkuRef({ ...ref, skuId: 's2', at: 2 }),
      ];
      await t.stockPublish.putSkuRef({ ...ref, sku: 'CUP', productId: 'p2', at: 3 });
      learnt.push(await t.stockPublish.learnSkuRef({ ...ref, sku: 'CUP', productId: 'p9', at: 4 }));
      return [
        learnt,
        await t.stockPublish.skuRefs('shop1', null),
        await t.stockPublish.skuRefs('shop1', ['CUP', 'JAM']),
      ];
    });
    await s.same('wechat moves', async (t) => {
      const m = { shopId: 'shop1', orderId: 'w2', sku: 'TEA', kind: 'take', qty: 1, atS: 100 } as const;
      const noted = [
        await t.stockPublish.notePlatformMove(m),
        await t.stockPublish.notePlatformMove(m),
        await t.stockPublish.notePlatformMove({ ...m, orderId: 'w1' }),
        await t.stockPublish.notePlatformMove({ ...m, kind: 'giveback', atS: 90 }),
        await t.stockPublish.notePlatformMove({ ...m, orderId: 'w3', atS: 200 }),
      ];
      return [
        noted,
        await t.stockPublish.platformMovesSince('shop1', 'TEA', 100),
        await t.stockPublish.platformMovesSince('shop1', 'TEA', 0),
      ];
    });
  });
});
