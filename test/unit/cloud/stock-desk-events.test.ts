// The desk's stock events at the hub: receiving, counts (differences become adjustments), returns
// (good restocked, damaged written off, recorded against the order), and the shipment movement of a
// packed parcel; each applied once however often it is sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvents, type ApplyOptions } from '../../../src/cloud/services/apply.js';
import { readLevels } from '../../../src/cloud/services/stock-levels.js';
import { sumMovements } from '../../../src/domain/stock/effects.js';
import { deskEvent, stockFixture, T0, type StockFixture } from '../../helpers/stock-ledger.js';

let f: StockFixture;
let opts: ApplyOptions;
beforeEach(async () => {
  f = await stockFixture();
  opts = { claimTtlMs: 60_000, stock: f.ctx.config.stock };
});
afterEach(() => f.close());

const level = async (sku: string) => (await f.store.tx((t) => readLevels(t, [sku])))[0];
const push = (...events: ReturnType<typeof deskEvent>[]) => applyEvents(f.store, 'ST-1', events, f.clock.now, opts);
const received = (lines: { sku: string; qty: number }[], location = 'MAIN') =>
  deskEvent('stock.received', { receiptId: `RC-${lines.length}`, location, reference: 'PO-7', lines }, f.clock.now);

function parcel(orderId: string, parcelId: string, items: { productId: number; sku: string; qty: number }[]) {
  return deskEvent(
    'parcel.packed',
    {
      parcelId,
      packId: `PK-${orderId}`,
      orderId,
      parcelNo: 1,
      carrier: 'SF',
      waybill: `SF${parcelId}`,
      weightG: 500,
      packaging: 'box-s',
      valueFen: 1000,
      costFen: null,
      items,
    },
    f.clock.now,
  );
}

describe('desk stock events at the hub', () => {
  it('a receipt books each line once, even when the same event is sent twice', async () => {
    const e = received([
      { sku: 'TEA', qty: 6 },
      { sku: 'CUP', qty: 2 },
    ]);
    expect((await push(e, e)).accepted).toEqual([e.id, e.id]);
    expect(await level('TEA')).toMatchObject({ onHand: 6 });
    const [m] = await f.store.tx((t) => t.stock.movements({ sku: 'TEA', limit: 5 }));
    expect(m).toMatchObject({ key: `${e.id}:0`, kind: 'receipt', ref: 'PO-7', by: 'P-1', location: 'MAIN' });
  });

  it('a receipt of a bundle receives its components', async () => {
    await push(received([{ sku: 'GIFT', qty: 2 }]));
    expect(await level('TEA')).toMatchObject({ onHand: 4 });
    expect(await level('CUP')).toMatchObject({ onHand: 2 });
  });

  it('a packed parcel ships its units and ends the reservation; replays and duplicate parcels ship nothing more', async () => {
    await push(
      received([
        { sku: 'TEA', qty: 5 },
        { sku: 'CUP', qty: 1 },
      ]),
    );
    await f.intake('ORD-1', [{ sku: 'GIFT', qty: 1 }]);
    await f.intake('ORD-2', [{ sku: 'TEA', qty: 1 }]);
    expect(await level('TEA')).toMatchObject({ onHand: 5, reserved: 3 });
    const packed = parcel('ORD-2', 'PC-1', [{ productId: 1, sku: 'TEA', qty: 1 }]);
    await push(packed, packed);
    // The same parcel sent again under a new event id (a re-queued outbox row).
    await push({ ...parcel('ORD-2', 'PC-1', [{ productId: 1, sku: 'TEA', qty: 1 }]) });
    expect(await level('TEA')).toMatchObject({ onHand: 4, reserved: 2, available: 2 });
    const moves = await f.store.tx((t) => t.stock.movements({ orderId: 'ORD-2', limit: 10 }));
    expect(moves.map((m) => [m.kind, m.qty, m.ref])).toEqual([
      ['release', -1, 'shipped'],
      ['ship', -1, 'PC-1'],
      ['reserve', 1, null],
    ]);
  });

  it('a count books the difference to on hand at its location as an adjustment, once', async () => {
    await push(received([{ sku: 'TEA', qty: 10 }]));
    await push(received([{ sku: 'TEA', qty: 3 }], 'B-01'));
    const count = deskEvent(
      'stock.counted',
      {
        countId: 'CNT-1',
        location: 'MAIN',
        lines: [
          { sku: 'TEA', counted: 8 },
          { sku: 'CUP', counted: 4 },
        ],
        approvedBy: 'SUP-1',
        startedAt: T0 - 60_000,
      },
      f.clock.now,
    );
    await push(count, count);
    expect(await level('TEA')).toMatchObject({ onHand: 11 });
    expect(await level('CUP')).toMatchObject({ onHand: 4 });
    const [adjust] = await f.store.tx((t) => t.stock.movements({ sku: 'TEA', kind: 'adjust', limit: 5 }));
    expect(adjust).toMatchObject({ qty: -2, location: 'MAIN', ref: 'count CNT-1', by: 'SUP-1' });
    // A count that matches books nothing.
    const again = deskEvent(
      'stock.counted',
      { countId: 'CNT-2', location: 'MAIN', lines: [{ sku: 'TEA', counted: 8 }], approvedBy: 'SUP-1', startedAt: T0 },
      f.clock.now,
    );
    await push(again);
    expect(await f.store.tx((t) => t.stock.movements({ sku: 'TEA', kind: 'adjust', limit: 5 }))).toHaveLength(1);
  });

  it('a bundle counted on the shelf counts as its components, added to those counted loose', async () => {
    await push(received([{ sku: 'TEA', qty: 10 }]));
    await push(received([{ sku: 'CUP', qty: 1 }], 'A-01'));
    const count = deskEvent(
      'stock.counted',
      {
        countId: 'CNT-B',
        location: 'MAIN',
        lines: [
          { sku: 'TEA', counted: 1 },
          { sku: 'GIFT', counted: 3 },
        ],
        approvedBy: 'SUP-1',
        startedAt: T0,
      },
      f.clock.now,
    );
    await push(count, count);
    // TEA: 1 loose + 3 × 2 in gift boxes = 7 (was 10); CUP: 3 × 1 at MAIN, beside the one at A-01.
    expect(await level('TEA')).toMatchObject({ onHand: 7 });
    expect(await level('CUP')).toMatchObject({ onHand: 4 });
    const adjusts = await f.store.tx((t) => t.stock.movements({ kind: 'adjust', limit: 5 }));
    expect(adjusts.map((m) => [m.sku, m.qty, m.key]).sort()).toEqual([
      ['CUP', 3, `${count.id}:1:CUP`],
      ['TEA', -3, `${count.id}:0`],
    ]);
  });

  it("a return goes back to the location its desk names, else the hub's", async () => {
    const ret = (returnId: string, location?: string) =>
      deskEvent(
        'return.received',
        { returnId, orderId: null, waybill: null, location, lines: [{ sku: 'CUP', qty: 1, condition: 'good' }] },
        f.clock.now,
      );
    await push(ret('RT-1', 'RET-01'));
    await push(ret('RT-2'));
    const back = await f.store.tx((t) => t.stock.movements({ sku: 'CUP', limit: 5 }));
    expect(back.map((m) => [m.ref, m.location])).toEqual([
      ['RT-2', 'MAIN'],
      ['RT-1', 'RET-01'],
    ]);
  });

  it('a count up releases short orders', async () => {
    await f.intake('ORD-1', [{ sku: 'CUP', qty: 2 }]);
    expect((await f.store.tx((t) => t.orders.get('ORD-1')))?.status).toBe('held');
    await push(
      deskEvent(
        'stock.counted',
        { countId: 'CNT-1', location: 'MAIN', lines: [{ sku: 'CUP', counted: 2 }], approvedBy: 'SUP-1', startedAt: T0 },
        f.clock.now,
      ),
    );
    expect((await f.store.tx((t) => t.orders.get('ORD-1')))?.status).toBe('open');
  });

  it('a return restocks good items, writes off damaged ones, and is recorded against the order found by its waybill', async () => {
    await push(received([{ sku: 'TEA', qty: 3 }]));
    await f.intake('ORD-1', [{ sku: 'TEA', qty: 2 }]);
    await push(parcel('ORD-1', 'PC-9', [{ productId: 1, sku: 'TEA', qty: 2 }]));
    expect(await level('TEA')).toMatchObject({ onHand: 1, reserved: 0 });
    const ret = deskEvent(
      'return.received',
      {
        returnId: 'RT-1',
        orderId: null,
        waybill: 'SFPC-9',
        lines: [
          { sku: 'TEA', qty: 1, condition: 'good' },
          { sku: 'TEA', qty: 1, condition: 'damaged' },
        ],
      },
      f.clock.now,
    );
    await push(ret, ret);
    expect(await level('TEA')).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    const forOrder = await f.store.tx((t) => t.stock.movements({ orderId: 'ORD-1', limit: 10 }));
    expect(forOrder.slice(0, 2).map((m) => [m.kind, m.qty, m.ref])).toEqual([
      ['return_damaged', 1, 'RT-1 SFPC-9'],
      ['return_good', 1, 'RT-1 SFPC-9'],
    ]);
    const all = await f.store.tx((t) => t.stock.movements({ sku: 'TEA', limit: 100 }));
    expect(sumMovements(all)).toEqual({ onHand: 2, reserved: 0, writtenOff: 1 });
  });

  it('with stock off the events are stored and move nothing', async () => {
    opts = { claimTtlMs: 60_000, stock: { ...f.ctx.config.stock, enabled: false } };
    const e = received([{ sku: 'TEA', qty: 6 }]);
    expect((await push(e)).accepted).toEqual([e.id]);
    expect(await f.store.tx((t) => t.stock.movements({ limit: 5 }))).toEqual([]);
  });
});
