// Order intake that cannot miss or over-call (hardening §5): orders the list index shows late are
// found by the reconciliation sweep, and the incremental pull does not re-read orders it already
// has in the overlap.
import { afterEach, describe, expect, it } from 'vitest';
import { buildChannelsOrder } from '../../src/demo/wechat-sandbox/index.js';
import { startTestHub, until, type TestHub } from '../helpers/hub.js';

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const nowS = () => Math.floor(Date.now() / 1000);
const orderGets = (hub: TestHub) => hub.fake.calls('/channels/ec/order/get').length;
const lists = (hub: TestHub) => hub.fake.calls('/channels/ec/order/list/get').length;
const hubOrder = (hub: TestHub, id: string) => hub.hub.store.tx((tx) => tx.orders.get(id));

/** An order paid just now at WeChat, once the hub has it. */
async function paidNow(hub: TestHub, id: string): Promise<void> {
  const product = hub.fakeProducts[0]!;
  hub.fake.addChannelsOrder(
    buildChannelsOrder({
      order_id: id,
      create_time: nowS() - 60,
      update_time: nowS() + 1,
      lines: [{ product, count: 1 }],
    }),
  );
  await until(
    () => hubOrder(hub, id),
    (o) => o?.status === 'open',
    20_000,
    'the order at the hub',
  );
}

describe('order intake', { timeout: 120_000 }, () => {
  it('finds an order the list index showed an hour late, by the sweep, and only then', async () => {
    const hub = (t = await startTestHub({ shop: { overlapS: 0, sweepIntervalS: 0 } }));
    const id = '3719523781241590001';
    const product = hub.fakeProducts[0]!;
    hub.fake.addChannelsOrder(
      buildChannelsOrder({ order_id: id, create_time: nowS() - 3700, lines: [{ product, count: 1 }] }),
    );
    hub.fake.delayListing(id, Date.now() + 3_600_000);
    // Let several pulls pass the order by (its update_time is an hour behind, the overlap 5 s).
    const listed = lists(hub);
    await until(
      () => lists(hub),
      (n) => n >= listed + 4,
      20_000,
      'four more list calls',
    );
    hub.fake.delayListing(id, 0); // the index catches up, an hour late
    const after = lists(hub);
    await until(
      () => lists(hub),
      (n) => n >= after + 4,
      20_000,
      'four more list calls',
    );
    expect(await hubOrder(hub, id)).toBeUndefined(); // the incremental pull alone never finds it

    const swept = await hub.admin<{ shops: { shopId: string; listed: number; fetched: number }[] }>(
      'POST',
      '/v1/admin/wechat/sweep',
      {},
    );
    expect(swept.status).toBe(200);
    expect(swept.body.shops).toEqual([{ shopId: 'shop1', listed: 1, fetched: 1 }]);
    expect((await hubOrder(hub, id))?.status).toBe('open');
  });

  it('the sweep brings a late-indexed cancellation to an order the hub still has open', async () => {
    const hub = (t = await startTestHub({ shop: { overlapS: 0, sweepIntervalS: 0 } }));
    const id = '3719523781241590002';
    await paidNow(hub, id);
    // Cancelled at WeChat, but the list index shows the change only after the pull has moved on.
    hub.fake.setOrderStatus(id, 250);
    hub.fake.delayListing(id, Date.now() + 3_600_000);
    const listed = lists(hub);
    await until(
      () => lists(hub),
      (n) => n >= listed + 3,
      20_000,
      'three more list calls',
    );
    hub.fake.delayListing(id, 0);
    const after = lists(hub);
    await until(
      () => lists(hub),
      (n) => n >= after + 3,
      20_000,
      'three more list calls',
    );
    expect((await hubOrder(hub, id))?.status).toBe('open');
    await hub.admin('POST', '/v1/admin/wechat/sweep', { shopId: 'shop1' });
    expect((await hubOrder(hub, id))?.status).toBe('cancelled');
  });

  it('reads each order once, not once per pull, while it sits in the overlap', async () => {
    const hub = (t = await startTestHub());
    hub.fake.generateChannelsOrders({ count: 36, seed: 5, products: hub.fakeProducts, startTime: nowS() - 3600 });
    await until(
      () => orderGets(hub),
      (n) => n >= 36,
      20_000,
      '36 orders read',
    );
    const listed = lists(hub);
    // Six more pulls over the same hour of overlap (every order in it, every time).
    await until(
      () => lists(hub),
      (n) => n >= listed + 20,
      60_000,
      'ten more pulls',
    );
    expect(orderGets(hub)).toBeLessThanOrEqual(36 + 2);
  });

  it('reads a change the list index shows late (within the overlap) without a push or a sweep', async () => {
    // overlapS 6 → an ambiguous listing is re-read every 2 s; the index lags 2 s here.
    const hub = (t = await startTestHub({ shop: { overlapS: 6, sweepIntervalS: 0 } }));
    const id = '3719523781241590003';
    await paidNow(hub, id);
    hub.fake.setOrderStatus(id, 250);
    hub.fake.delayListing(id, Date.now() + 2_000);
    await until(
      () => hubOrder(hub, id),
      (o) => o?.status === 'cancelled',
      30_000,
      'the late-shown cancellation',
    );
  });

  it('answers 404 for a sweep of a shop it does not have', async () => {
    const hub = (t = await startTestHub({ shop: { sweepIntervalS: 0 } }));
    expect((await hub.admin('POST', '/v1/admin/wechat/sweep', { shopId: 'nope' })).status).toBe(404);
  });
});

describe('WeChat quota', { timeout: 60_000 }, () => {
  it('shows calls per API against the configured daily limit, and warns once at the alert share', async () => {
    const warnings: Record<string, unknown>[] = [];
    const hub = (t = await startTestHub({
      wechat: { dailyQuotas: { '/channels/ec/order/list/get': 10 }, quotaAlertShare: 0.5 },
      log: (l) => (l['level'] === 40 ? warnings.push(l) : undefined),
    }));
    await until(
      () => lists(hub),
      (n) => n >= 6,
      20_000,
      'six list calls',
    );
    const health = await hub.admin<{
      wechat: {
        apis: { path: string; calls: number; dailyLimit: number | null; share: number | null }[];
        alerts: string[];
      };
    }>('GET', '/v1/health');
    const list = health.body.wechat.apis.find((a) => a.path === '/channels/ec/order/list/get');
    expect(list?.dailyLimit).toBe(10);
    expect(list?.calls).toBeGreaterThanOrEqual(6);
    expect(list?.share).toBeGreaterThanOrEqual(0.5);
    expect(health.body.wechat.alerts.some((a) => a.startsWith('/channels/ec/order/list/get'))).toBe(true);
    const token = health.body.wechat.apis.find((a) => a.path === '/cgi-bin/stable_token');
    expect(token?.dailyLimit ?? null).toBeNull();
    await until(
      () => warnings.length,
      (n) => n >= 1,
      10_000,
      'a quota warning',
    );
    const more = lists(hub);
    await until(
      () => lists(hub),
      (n) => n >= more + 2,
      20_000,
      'more list calls',
    );
    expect(warnings.filter((w) => w['msg'] === 'WeChat daily quota nearly used')).toHaveLength(1);
  });
});
