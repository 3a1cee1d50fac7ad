// Orders at an in-process test hub as a station meets them: made at the fake WeChat, then pulled.
import type { FakeChannelsOrder } from '../../src/demo/wechat-sandbox/index.js';
import type { HubOrder, PullResponse } from '../../src/contract/sync.js';
import { until, type TestHub } from './hub.js';

/** `count` Channels orders at the fake WeChat, created from `agoS` back (a pull never looks ahead). */
export function channelsOrders(t: TestHub, count: number, seed: number, agoS = 3600): FakeChannelsOrder[] {
  return t.fake.generateChannelsOrders({
    count,
    seed,
    products: t.fakeProducts,
    startTime: Math.floor(Date.now() / 1000) - agoS,
  });
}

/**
 * Pulls from cursor 0 with the station's token until `ready` holds of the orders, and returns them.
 * Without `longPoll` each pull answers at once (wait=0); with it, the hub's own long-poll wait applies.
 */
export function pulledOrders(
  t: TestHub,
  token: string,
  ready: (orders: HubOrder[]) => boolean,
  timeoutMs: number,
  what: string,
  opts: { longPoll?: boolean } = {},
): Promise<HubOrder[]> {
  const path = `/v1/sync/pull?cursor=0${opts.longPoll ? '' : '&wait=0'}`;
  return until(async () => (await t.call<PullResponse>(token, 'GET', path)).body.orders, ready, timeoutMs, what);
}
