// Unpaid intake orders: their stock is reserved but they stay off the desks; the hub clock gives
// the units back after stock.unpaidReleaseMin unless a later post marks the order paid.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLevels } from '../../../src/cloud/services/stock-levels.js';
import { releaseUnpaid } from '../../../src/cloud/services/stock-orders.js';
import { stockFixture, T0, type StockFixture } from '../../helpers/stock-ledger.js';

const MIN = 60_000;
let f: StockFixture;
beforeEach(async () => {
  f = await stockFixture({ unpaidReleaseMin: 15 });
  await f.store.tx((t) =>
    t.stock.move({
      id: 'm-1',
      key: 'opening-tea',
      sku: 'TEA',
      location: 'MAIN',
      pool: 'shared',
      kind: 'receipt',
      qty: 3,
      channel: null,
      orderId: null,
      ref: null,
      at: T0,
      by: null,
    }),
  );
});
afterEach(() => f.close());

const level = async () => (await f.store.tx((t) => readLevels(t, ['TEA'])))[0];
const release = () => f.store.tx((t) => releaseUnpaid(t, f.ctx.config.stock, f.clock.now));

describe('unpaid reservations', () => {
  it('reserve without reaching the desks, and are released by the clock after unpaidReleaseMin', async () => {
    expect(await f.intake('ORD-U1', [{ sku: 'TEA', qty: 2 }], { status: 'unpaid', paidAt: null })).toEqual({
      id: 'ORD-U1',
      unpaid: true,
      reservedUntil: T0 + 15 * MIN,
    });
    expect(await f.store.tx((t) => t.orders.get('ORD-U1'))).toBeUndefined();
    expect(await level()).toMatchObject({ reserved: 2, available: 1 });
    f.clock.now = T0 + 15 * MIN - 1;
    expect(await release()).toEqual([]);
    f.clock.now = T0 + 15 * MIN;
    expect(await release()).toEqual(['ORD-U1']);
    expect(await release()).toEqual([]);
    expect(await level()).toMatchObject({ reserved: 0, available: 3 });
    const [m] = await f.store.tx((t) => t.stock.movements({ orderId: 'ORD-U1', limit: 5 }));
    expect(m).toMatchObject({ kind: 'release', qty: -2, ref: 'unpaid_timeout' });
  });

  it('a post marking it paid keeps the same reservation and sends it to the desks', async () => {
    await f.intake('ORD-U1', [{ sku: 'TEA', qty: 2 }], { status: 'unpaid', paidAt: null });
    f.clock.now = T0 + 5 * MIN;
    await f.intake('ORD-U1', [{ sku: 'TEA', qty: 2 }]);
    expect((await f.store.tx((t) => t.orders.get('ORD-U1')))?.status).toBe('open');
    f.clock.now = T0 + 60 * MIN;
    expect(await release()).toEqual([]);
    expect(await level()).toMatchObject({ reserved: 2 });
    expect(await f.store.tx((t) => t.stock.movements({ orderId: 'ORD-U1', limit: 5 }))).toHaveLength(1);
  });

  it('paid after its time ran out, it reserves again (or waits short)', async () => {
    await f.intake('ORD-U1', [{ sku: 'TEA', qty: 2 }], { status: 'unpaid', paidAt: null });
    await f.intake('ORD-P2', [{ sku: 'TEA', qty: 1 }]);
    f.clock.now = T0 + 16 * MIN;
    await release();
    await f.intake('ORD-P3', [{ sku: 'TEA', qty: 1 }]);
    await f.intake('ORD-U1', [{ sku: 'TEA', qty: 2 }]);
    expect(await f.store.tx((t) => t.orders.get('ORD-U1'))).toMatchObject({
      status: 'held',
      holdReason: 'RSN-STOCK-SHORT',
    });
  });

  it('an unpaid order released by the clock lets a short paid order have the units', async () => {
    await f.intake('ORD-U1', [{ sku: 'TEA', qty: 3 }], { status: 'unpaid', paidAt: null });
    await f.intake('ORD-P1', [{ sku: 'TEA', qty: 1 }]);
    expect((await f.store.tx((t) => t.orders.get('ORD-P1')))?.status).toBe('held');
    f.clock.now = T0 + 15 * MIN;
    await release();
    expect((await f.store.tx((t) => t.orders.get('ORD-P1')))?.status).toBe('open');
  });

  it('a cancelled unpaid order gives its units back at once; an unpaid post cannot un-pay a paid order', async () => {
    await f.intake('ORD-U1', [{ sku: 'TEA', qty: 2 }], { status: 'unpaid', paidAt: null });
    await f.intake('ORD-U1', [{ sku: 'TEA', qty: 2 }], { status: 'unpaid', paidAt: null, cancelled: true });
    expect(await level()).toMatchObject({ reserved: 0 });
    await f.intake('ORD-P1', [{ sku: 'TEA', qty: 1 }]);
    expect(await f.intake('ORD-P1', [{ sku: 'TEA', qty: 1 }], { status: 'unpaid' })).toEqual({
      error: 'status: order ORD-P1 is paid at the hub already; an "unpaid" post cannot take that back',
    });
  });
});
