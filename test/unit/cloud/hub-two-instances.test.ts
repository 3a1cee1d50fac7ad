// Two hub instances on one store and one fake WeChat: each background job runs on one of them, the
// other takes it over when that one stops, and the shop's access token is fetched once, not per
// instance (stable_token in normal mode, never force_refresh).
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startHub, type RunningHub } from '../../../src/cloud/app.js';
import { ADMIN_TOKEN, SHOP, startTestHub, type TestHub } from '../../helpers/hub.js';
import { until } from '../../helpers/wait.js';
import { channelsOrders } from '../../helpers/hub-orders.js';

const TOKEN_PATH = '/cgi-bin/stable_token';
let a: TestHub | null = null;
let b: RunningHub | null = null;

afterEach(async () => {
  await b?.close();
  b = null;
  await a?.close();
  a = null;
});

/** Hub A as the tests start hubs, and hub B on the same config and data (store), with its own instance id. */
async function twoHubs(): Promise<{ a: TestHub; b: RunningHub }> {
  a = await startTestHub({ config: { hub: { adminToken: ADMIN_TOKEN, leaseTtlMs: 1500 } } });
  b = await startHub({
    config: a.hub.ctx.config,
    dataDir: a.dir,
    port: 0,
    logger: pino({ level: 'silent' }),
    instanceId: 'hub-b',
  });
  return { a, b };
}

async function health(url: string): Promise<{ instance: { id: string; leases: string[] } }> {
  const res = await fetch(`${url}/v1/health`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return (await res.json()) as { instance: { id: string; leases: string[] } };
}

describe('two hub instances on one store', () => {
  it('pull the shop on one instance; the other takes the job over when that one stops', async () => {
    const hubs = await twoHubs();
    const pull = `pull:${SHOP.id}`;
    await until(
      () => health(hubs.a.hub.url),
      (h) => h.instance.leases.includes(pull),
      5000,
      'hub A pulling',
    );
    const bView = await health(hubs.b.url);
    expect(bView.instance.id).toBe('hub-b');
    expect(bView.instance.leases).not.toContain(pull);
    channelsOrders(hubs.a, 3, 1);
    await until(
      () => hubs.b.ctx.store.tx((t) => t.orders.count()),
      (n) => n === 3,
      5000,
      'the orders pulled',
    );

    // Hub A stops (it gives its leases up): hub B pulls from now on.
    await hubs.a.hub.close();
    await until(
      () => health(hubs.b.url),
      (h) => h.instance.leases.includes(pull),
      5000,
      'hub B taking the pull over',
    );
    channelsOrders(hubs.a, 2, 2);
    await until(
      () => hubs.b.ctx.store.tx((t) => t.orders.count()),
      (n) => n === 5,
      5000,
      'orders pulled by hub B',
    );
  });

  it('fetch a new access token once between them when WeChat expired it, in normal mode', async () => {
    const hubs = await twoHubs();
    await until(
      () => health(hubs.a.hub.url),
      (h) => h.instance.leases.length > 0,
      5000,
      'hub A working',
    );
    const before = hubs.a.fake.calls(TOKEN_PATH).length;
    hubs.a.fake.expireTokens();
    // A slow stable_token, so both instances want a token while the first fetch is still under way.
    hubs.a.fake.inject({ path: TOKEN_PATH, kind: 'slow', delayMs: 400, times: 2 });
    const sweep = (url: string) =>
      fetch(`${url}/v1/admin/wechat/sweep`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ shopId: SHOP.id }),
      });
    const answers = await Promise.all([sweep(hubs.a.hub.url), sweep(hubs.b.url)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const calls = hubs.a.fake.calls(TOKEN_PATH).slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({ appid: SHOP.appid, force_refresh: false });
    expect(hubs.a.fake.forceRefreshCount()).toBe(0);
  });
});
