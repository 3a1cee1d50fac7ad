// The embedded demo hub's pieces: demo orders as sandbox (WeChat Channels) orders that the hub maps
// back to the same products and cases, and the trickle of new orders and cancellations.
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../src/contract/entities.js';
import { mapChannelsOrder } from '../../../src/cloud/wechat/mapping.js';
import { wechatOrderSchema } from '../../../src/cloud/wechat/order-schema.js';
import { DEMO_DEFAULTS, DEMO_ORDER_INDEXES, generateDemo, generateOrders } from '../../../src/demo/data/generator.js';
import { toChannelsOrder } from '../../../src/demo/hub/sandbox-orders.js';
import { DemoTrickle } from '../../../src/demo/hub/trickle.js';
import { FakeWechat, type PushEvent } from '../../../src/demo/wechat-sandbox/index.js';

const demo = generateDemo({ ...DEMO_DEFAULTS, orders: 40 });
const byId = new Map(demo.products.map((p) => [p.id, p]));
const bySku = new Map(demo.products.map((p) => [p.sku, p]));
const atHub = (o: Order) =>
  mapChannelsOrder(wechatOrderSchema.parse(toChannelsOrder(o, byId)), {
    productBySkuCode: (code) => bySku.get(code),
  });

describe('demo orders in the WeChat sandbox', () => {
  it('map back at the hub to the same order, lines and products', () => {
    const order = demo.orders[0] as Order;
    const mapped = atHub(order);
    expect(mapped.id).toBe(order.id);
    expect(mapped.status).toBe('open');
    expect(mapped.lines.map((l) => [l.productId, l.sku, l.qty, l.priceFen])).toEqual(
      order.lines.map((l) => [l.productId, l.sku, l.qty, l.priceFen]),
    );
    expect(mapped.address).toEqual(order.address);
    expect(mapped.recipientName).toBe(order.recipientName);
    expect(mapped.paidAt).toBe(Math.floor((order.paidAt ?? 0) / 1000) * 1000);
  });

  it('turn the demo cases into what WeChat would show: cancelled, an after-sale hold, an address change', () => {
    const at = (i: number) => atHub(demo.orders[i] as Order);
    expect(at(DEMO_ORDER_INDEXES.cancelled).status).toBe('cancelled');
    expect(at(DEMO_ORDER_INDEXES.held)).toMatchObject({ status: 'held', holdReason: 'AFTERSALE' });
    expect(at(DEMO_ORDER_INDEXES.addressAmbiguous)).toMatchObject({ status: 'held', holdReason: 'ADDRESS-REVIEW' });
    expect(at(DEMO_ORDER_INDEXES.bundle).status).toBe('open'); // bundles are sold as one SKU
  });
});

describe('the demo trickle', () => {
  let fake: FakeWechat | null = null;
  afterEach(() => {
    fake = null;
  });

  it('adds a paid order per tick, pushes it, and every n-th tick cancels a recent open order only', async () => {
    let now = Date.UTC(2026, 10, 25, 2, 0, 0);
    fake = new FakeWechat({ apps: [{ appid: 'wx-demo', secret: 's', kind: 'channels' }], now: () => now });
    for (const o of demo.orders) fake.addChannelsOrder(toChannelsOrder(o, byId));
    const pushed: PushEvent[] = [];
    const trickle = new DemoTrickle({
      fake,
      catalog: demo,
      seed: DEMO_DEFAULTS.seed,
      nextIndex: demo.orders.length,
      now: () => now,
      push: async (e) => {
        pushed.push(e);
      },
      cancelEvery: 3,
      cancelPaidSinceS: Math.floor(now / 1000),
    });
    const expected = [...generateOrders(DEMO_DEFAULTS.seed, demo, 3, { startIndex: demo.orders.length })];
    const results = [];
    for (let i = 0; i < 3; i++) {
      now += 20_000;
      results.push(await trickle.tick());
    }
    expect(results.map((r) => r.added)).toEqual(expected.map((o) => o.id));
    expect(results.slice(0, 2).map((r) => r.cancelled)).toEqual([null, null]);
    const cancelled = results[2]?.cancelled;
    // Only the first two trickled orders qualify: the backlog stays packable, the newest just came in.
    expect(expected.slice(0, 2).map((o) => o.id)).toContain(cancelled);
    expect(fake.channelsOrder(cancelled ?? '')?.status).toBe(250);
    for (const o of demo.orders) expect(fake.channelsOrder(o.id)?.status).toBe(o.status === 'cancelled' ? 250 : 20);

    const newest = fake.channelsOrder(expected[2]?.id ?? '');
    expect(newest?.status).toBe(20);
    expect(newest?.order_detail.pay_info.pay_time).toBe(Math.floor(now / 1000));
    expect(pushed.map((e) => [e.Event, e.order_id])).toEqual([
      ['channels_ec_order_pay', expected[0]?.id],
      ['channels_ec_order_pay', expected[1]?.id],
      ['channels_ec_order_pay', expected[2]?.id],
      ['channels_ec_order_cancel', cancelled],
    ]);
    expect(trickle.nextIndex).toBe(demo.orders.length + 3);
  });
});
