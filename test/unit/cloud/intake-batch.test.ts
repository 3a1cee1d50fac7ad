// Group commit for intake: orders posted together share units of work, yet each request gets the
// answer it would have had alone, and one order that fails cannot fail the others of its batch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubContext } from '../../../src/cloud/context.js';
import { intakeBatcher } from '../../../src/cloud/services/intake-batcher.js';
import { intakeSchema, type IntakeAnswer } from '../../../src/cloud/services/intake.js';
import type { HubStore, HubTx } from '../../../src/cloud/store/types.js';
import { stockFixture, T0, type StockFixture } from '../../helpers/stock-ledger.js';

/** A SKU whose lookup throws, as a broken unit of work would. */
const EXPLODES = 'EXPLODES';

let f: StockFixture;
let units: number;
let ctx: HubContext;
beforeEach(async () => {
  // Without the stock ledger an order is stored as posted: version 1, nothing held short.
  f = await stockFixture({ enabled: false });
  units = 0;
  const store: HubStore = {
    tx: (fn) => {
      units++;
      return f.store.tx((t) => fn(withExplodingSku(t)));
    },
    onFeed: (l) => f.store.onFeed(l),
    onStock: (l) => f.store.onStock(l),
    close: () => f.store.close(),
  };
  ctx = { ...f.ctx, store };
});
afterEach(() => f.close());

function withExplodingSku(t: HubTx): HubTx {
  return {
    ...t,
    products: {
      ...t.products,
      bySku: (sku) => {
        if (sku === EXPLODES) throw new Error('the product lookup broke');
        return t.products.bySku(sku);
      },
      bySkus: (skus) => {
        if (skus.includes(EXPLODES)) throw new Error('the product lookup broke');
        return t.products.bySkus(skus);
      },
    },
  };
}

const order = (id: string, sku = 'TEA', extra: Record<string, unknown> = {}) =>
  intakeSchema.parse({
    id,
    channel: 'mini_program',
    recipientName: '张三',
    recipientPhone: '13800000000',
    address: { province: '上海市', city: '上海市', district: '浦东新区', detail: '张江路1号' },
    paidAt: T0,
    lines: [{ sku, qty: 1, priceFen: 1000 }],
    payment: { appId: 'wx-mini-1', transactionId: `tx-${id}`, payerOpenid: 'openid-1' },
    ...extra,
  });

const ids = (n: number) => Array.from({ length: n }, (_, i) => `ORD-${String(i).padStart(4, '0')}`);
const stored = (id: string) => f.store.tx((t) => t.orders.get(id));

describe('intake batching', () => {
  it('applies orders posted together in fewer units of work, each with its own answer', async () => {
    const batcher = intakeBatcher(ctx, 50);
    const answers = await Promise.all(ids(120).map((id) => batcher.submit(order(id))));
    expect(answers).toEqual(ids(120).map((id) => ({ id, changed: true, version: 1 })));
    // 120 orders at most 50 a unit of work: three units, not 120.
    expect(units).toBe(3);
    for (const id of ids(120)) expect((await stored(id))?.version).toBe(1);
  });

  it('answers a repeated order as unchanged, also within one batch', async () => {
    const batcher = intakeBatcher(ctx);
    const answers = await Promise.all([batcher.submit(order('ORD-SAME')), batcher.submit(order('ORD-SAME'))]);
    expect(answers).toEqual([
      { id: 'ORD-SAME', changed: true, version: 1 },
      { id: 'ORD-SAME', changed: false, version: 1 },
    ]);
    expect(units).toBe(1);
  });

  it('answers a batch of new, known, unpaid and re-posted orders as if each were posted alone, in turn', async () => {
    const batcher = intakeBatcher(ctx);
    await batcher.submit(order('ORD-OLD'));
    const answers = await Promise.all([
      batcher.submit(order('ORD-OLD')),
      batcher.submit(order('ORD-U', 'TEA', { status: 'unpaid' })),
      batcher.submit(order('ORD-U')),
      batcher.submit(order('ORD-NEW')),
      batcher.submit(order('ORD-OLD', 'TEA', { remark: 'ring first' })),
      batcher.submit(order('ORD-NEW', 'TEA', { remark: 'leave at the door' })),
    ]);
    expect(answers).toEqual([
      { id: 'ORD-OLD', changed: false, version: 1 },
      { id: 'ORD-U', unpaid: true, reservedUntil: null },
      { id: 'ORD-U', changed: true, version: 1 },
      { id: 'ORD-NEW', changed: true, version: 1 },
      { id: 'ORD-OLD', changed: true, version: 2 },
      { id: 'ORD-NEW', changed: true, version: 2 },
    ]);
    expect(units).toBe(2);
    expect((await stored('ORD-NEW'))?.remark).toBe('leave at the door');
    expect((await stored('ORD-OLD'))?.remark).toBe('ring first');
    // Each change once on the feed: ORD-OLD twice, ORD-U once, ORD-NEW twice.
    const feed = await f.store.tx((t) => t.feed.since(0, 'any-station', 1000));
    const orderRefs = feed.filter((e) => e.kind === 'order').map((e) => e.ref);
    expect(orderRefs.sort()).toEqual(['ORD-NEW', 'ORD-NEW', 'ORD-OLD', 'ORD-OLD', 'ORD-U']);
  });

  it('gives a refused order its own error and stores the rest of its batch', async () => {
    const batcher = intakeBatcher(ctx);
    const answers = await Promise.all([
      batcher.submit(order('ORD-A')),
      batcher.submit(order('ORD-UNKNOWN', 'NO-SUCH-SKU')),
      batcher.submit(order('ORD-B')),
    ]);
    expect(answers[0]).toEqual({ id: 'ORD-A', changed: true, version: 1 });
    expect(answers[1]).toEqual({
      error: 'lines[0].sku: expected a known product SKU, got "NO-SUCH-SKU" (import products first)',
    });
    expect(answers[2]).toEqual({ id: 'ORD-B', changed: true, version: 1 });
    expect(await stored('ORD-UNKNOWN')).toBeUndefined();
  });

  it('retries a batch whose unit of work threw order by order: only the broken order fails', async () => {
    const batcher = intakeBatcher(ctx);
    const settled = await Promise.allSettled([
      batcher.submit(order('ORD-1')),
      batcher.submit(order('ORD-BROKEN', EXPLODES)),
      batcher.submit(order('ORD-2')),
    ]);
    expect(settled[0]).toEqual({ status: 'fulfilled', value: { id: 'ORD-1', changed: true, version: 1 } });
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: new Error('the product lookup broke') });
    expect(settled[2]).toEqual({ status: 'fulfilled', value: { id: 'ORD-2', changed: true, version: 1 } });
    // The batch's unit of work, then one per order; each stored once, at version 1.
    expect(units).toBe(4);
    expect((await stored('ORD-1'))?.version).toBe(1);
    expect((await stored('ORD-2'))?.version).toBe(1);
  });

  it('refuses an unknown stock channel without a unit of work', async () => {
    const answer: IntakeAnswer = await intakeBatcher(ctx).submit(order('ORD-CH', 'TEA', { stockChannel: 'nowhere' }));
    expect(answer).toEqual({
      error: `stockChannel: expected one of the hub's stock.channels (${f.ctx.config.stock.channels.map((c) => c.id).join(', ') || 'none configured'}), got "nowhere"`,
    });
    expect(units).toBe(0);
  });
});
