// The desk's stock warnings follow the stock after the reservation: when a SKU's level changes
// (receipt, release, adjust, return) the orders holding it or short of it get their warnings
// recomputed, written through the orders feed so the desks pull them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvents } from '../../../src/cloud/services/apply.js';
import { bookManualMovement } from '../../../src/cloud/services/stock-admin.js';
import { stockMovementRequest } from '../../../src/contract/stock-ledger.js';
import { deskEvent, stockFixture, T0, type StockFixture } from '../../helpers/stock-ledger.js';

let f: StockFixture;
beforeEach(async () => {
  f = await stockFixture();
});
afterEach(() => f.close());

const manual = (body: Record<string, unknown>) =>
  f.store.tx((t) => bookManualMovement(t, f.ctx.config.stock, stockMovementRequest.parse(body), f.clock.now));
const hints = async (id: string) => (await f.store.tx((t) => t.orders.get(id)))?.lines.map((l) => l.stockHint);
/** Feed entries naming the order: each is a change the desks pull. */
const feedOf = (id: string) =>
  f.store.tx(async (t) => (await t.feed.since(0, 'ST-1', 10_000)).filter((e) => e.kind === 'order' && e.ref === id));
const push = (e: ReturnType<typeof deskEvent>) =>
  applyEvents(f.store, 'ST-1', [e], f.clock.now, { claimTtlMs: 60_000, stock: f.ctx.config.stock });

describe('stock warnings after the reservation', () => {
  it('a receipt ends "last unit", an adjustment down brings it back, through the orders feed', async () => {
    await manual({ kind: 'receipt', sku: 'TEA', qty: 3, key: 'r1' });
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }]);
    await f.intake('ORD-2', [{ sku: 'TEA', qty: 1 }]);
    expect(await hints('ORD-1')).toEqual([undefined]);
    expect(await hints('ORD-2')).toEqual(['last_unit']);
    const before = (await feedOf('ORD-2')).length;

    await manual({ kind: 'receipt', sku: 'TEA', qty: 4, key: 'r2' });
    expect(await hints('ORD-2')).toEqual([undefined]);
    expect((await feedOf('ORD-2')).length).toBe(before + 1);

    // Four broken on the shelf: nothing spare again, the last order to reserve holds the last unit.
    await manual({ kind: 'adjust', sku: 'TEA', qty: -4, key: 'broken' });
    expect(await hints('ORD-2')).toEqual(['last_unit']);
    expect(await hints('ORD-1')).toEqual([undefined]);
  });

  it('a cancelled order gives its units back: the holder of the last unit is told it is not the last', async () => {
    await manual({ kind: 'receipt', sku: 'TEA', qty: 2, key: 'r1' });
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 1 }]);
    await f.intake('ORD-2', [{ sku: 'TEA', qty: 1 }]);
    expect(await hints('ORD-2')).toEqual(['last_unit']);
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 1 }], { cancelled: true });
    expect(await hints('ORD-2')).toEqual([undefined]);
  });

  it('a good return ends "last unit" on a bundle line whose component it was', async () => {
    await manual({ kind: 'receipt', sku: 'TEA', qty: 2, key: 'r1' });
    await manual({ kind: 'receipt', sku: 'CUP', qty: 5, key: 'r2' });
    await f.intake('ORD-1', [{ sku: 'GIFT', qty: 1 }]);
    expect(await hints('ORD-1')).toEqual(['last_unit']);
    const ret = deskEvent(
      'return.received',
      { returnId: 'RT-1', orderId: null, waybill: null, lines: [{ sku: 'TEA', qty: 1, condition: 'good' }] },
      f.clock.now,
    );
    await push(ret);
    expect(await hints('ORD-1')).toEqual([undefined]);
  });

  it('a short order keeps "short" until it gets its stock, then shows the warning of its reservation', async () => {
    f.clock.now = T0 + 1000;
    await f.intake('ORD-1', [
      { sku: 'TEA', qty: 2 },
      { sku: 'CUP', qty: 1 },
    ]);
    expect(await hints('ORD-1')).toEqual(['short', 'short']);
    // CUP is there now, TEA still missing: only the TEA line stays short.
    await manual({ kind: 'receipt', sku: 'CUP', qty: 3, key: 'r1' });
    expect(await hints('ORD-1')).toEqual(['short', undefined]);
    await manual({ kind: 'receipt', sku: 'TEA', qty: 2, key: 'r2' });
    expect(await hints('ORD-1')).toEqual(['last_unit', undefined]);
  });
});
