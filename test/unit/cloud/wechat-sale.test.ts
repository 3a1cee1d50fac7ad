// A small live-stream sale (issue 16 §3b) in the WeChat sandbox with tight per-API limits: orders
// are paid faster than the hubs may read them, so each hub's pacing (wechat/pacer.ts) and push queue
// must hold them back. On PostgreSQL two hub instances share the shop, each paced at half its
// limits, with the pushes and the desks spread over both (SQLite is one instance's store). Every
// paid order must reach a desk, about once read, and WeChat must never have had to refuse a call (no
// 45011, no 45009, no window over its limit). Also checks the sandbox's limits and quota/get.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../../../src/cloud/config.js';
import { startHub, type RunningHub } from '../../../src/cloud/app.js';
import { FakeWechat, type ApiLimits } from '../../../src/demo/wechat-sandbox/index.js';
import { generateCatalog } from '../../../src/demo/data/generator.js';
import {
  playSale,
  saleProducts,
  saleWechatConfig,
  SALE_SHOP,
  type SaleResult,
} from '../../../src/hosts/bench/sale-run.js';
import { dropTestStore, testStoreConfig, testStoreKind } from '../../helpers/store.js';

const ADMIN_TOKEN = 'admin-token-for-the-sale-0123456789';
/** order/get at 20/s against 400 orders paid in 15 s (≈ 27/s): the hubs must queue. */
const TIGHT: ApiLimits = {
  '/channels/ec/order/get': { callCount: 40, refreshSecond: 2, dailyLimit: 5_000 },
  '/channels/ec/order/list/get': { callCount: 6, refreshSecond: 2, dailyLimit: 5_000 },
  '/cgi-bin/stable_token': { callCount: 5, refreshSecond: 60, dailyLimit: 100 },
};

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** SQLite: one hub. PostgreSQL: two instances on one schema, each paced at half the limits. */
const INSTANCES = testStoreKind() === 'postgres' ? 2 : 1;

async function saleHubs(limits: ApiLimits): Promise<{ fake: FakeWechat; hubs: RunningHub[] }> {
  const fake = new FakeWechat({
    apps: [{ appid: SALE_SHOP.appid, secret: SALE_SHOP.secret, kind: 'channels', push: SALE_SHOP.push }],
    limits,
  });
  const apiBase = await fake.listen();
  cleanup.push(() => fake.close());
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-sale-'));
  cleanup.push(async () => {
    await dropTestStore(dir);
    rmSync(dir, { recursive: true, force: true });
  });
  const store = await testStoreConfig(dir);
  const config = hubConfigSchema.parse({
    hub: { adminToken: ADMIN_TOKEN },
    stations: { poolTarget: 0 },
    ...(store ? { store } : {}),
    wechat: saleWechatConfig(apiBase, limits, { pullIntervalS: 3 }, INSTANCES),
  });
  const hubs: RunningHub[] = [];
  for (let i = 0; i < INSTANCES; i++) {
    const hub = await startHub({
      config,
      dataDir: dir,
      port: 0,
      logger: pino({ level: 'silent' }),
      instanceId: `sale-${i}`,
    });
    cleanup.push(() => hub.close());
    hubs.push(hub);
  }
  return { fake, hubs };
}

describe('a live-stream sale in the WeChat sandbox', () => {
  it('brings every paid order to a desk without WeChat refusing a call', { timeout: 120_000 }, async () => {
    const { fake, hubs } = await saleHubs(TIGHT);
    const hub = hubs[0] as RunningHub;
    const catalog = generateCatalog(5);
    const res = await fetch(`${hub.url}/v1/admin/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(catalog.products),
    });
    expect(res.status).toBe(200);

    // The backlog behind the rate limit, as an admin watches it (GET /v1/health, this instance's).
    const pushQueue = async () => {
      const h = await fetch(`${hub.url}/v1/health`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return ((await h.json()) as { wechat: { pushQueue: Record<string, number> } }).wechat.pushQueue;
    };
    let peakQueue = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        peakQueue = Math.max(peakQueue, (await pushQueue())[SALE_SHOP.id] ?? 0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let sale: SaleResult;
    try {
      sale = await playSale({
        fake,
        hubUrls: hubs.map((h) => h.url),
        adminToken: ADMIN_TOKEN,
        products: saleProducts(catalog),
        orders: 400,
        seconds: 15,
        desks: 3,
        dropEvery: 50,
        settleMs: 90_000,
      });
    } finally {
      watching = false;
      await watch;
    }

    expect(peakQueue).toBeGreaterThan(0);
    expect(await pushQueue()).toEqual({ [SALE_SHOP.id]: 0 });
    expect(sale.pushes.dropped).toBe(8);
    expect(sale.paid).toBe(400);
    expect(sale.lost).toBe(0);
    expect(sale.claims.failed).toBe(0);
    expect(sale.claims.ok).toBe(400);
    for (const u of sale.usage) {
      expect({ path: u.path, refused45011: u.refused45011, refused45009: u.refused45009 }).toEqual({
        path: u.path,
        refused45011: 0,
        refused45009: 0,
      });
      expect(u.peakPerWindow).toBeLessThanOrEqual(u.limit.callCount);
    }
    const gets = sale.usage.find((u) => u.path === '/channels/ec/order/get');
    // Back-pressure was exercised: reads ran at the limit for at least one whole window (with two
    // instances, both read: one alone is paced at half the limit).
    expect(gets?.peakPerWindow).toBeGreaterThanOrEqual(30);
    // Each order read about once: the pull and the push queue did not both read it.
    expect(gets?.admitted).toBeLessThan(400 * 1.2);
  });
});

describe('the sandbox limits', () => {
  it('answers 45011 over the window allowance, 45009 over the day, and quota/get honestly', async () => {
    // 10:00 in China: an hour later is the same China day.
    let clock = Date.UTC(2026, 0, 5, 2, 0, 0);
    const fake = new FakeWechat({
      apps: [{ appid: SALE_SHOP.appid, secret: SALE_SHOP.secret, kind: 'channels' }],
      limits: { '/channels/ec/order/get': { callCount: 2, refreshSecond: 3600, dailyLimit: 3 } },
      now: () => clock,
    });
    const base = await fake.listen();
    cleanup.push(() => fake.close());
    const tok = (await (
      await fetch(`${base}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: SALE_SHOP.appid, secret: SALE_SHOP.secret }),
      })
    ).json()) as { access_token: string };
    const post = async (path: string, body: unknown) =>
      (await (
        await fetch(`${base}${path}?access_token=${tok.access_token}`, { method: 'POST', body: JSON.stringify(body) })
      ).json()) as Record<string, unknown>;
    const get = () => post('/channels/ec/order/get', { order_id: '123' });
    expect((await get())['errcode']).toBe(100002); // admitted, then "order not found"
    expect((await get())['errcode']).toBe(100002);
    expect((await get())['errcode']).toBe(45011);
    const quota = await post('/cgi-bin/openapi/quota/get', { cgi_path: '/channels/ec/order/get' });
    expect(quota).toMatchObject({
      errcode: 0,
      quota: { daily_limit: 3, used: 2, remain: 1 },
      rate_limit: { call_count: 2, refresh_second: 3600 },
    });
    expect((await post('/cgi-bin/openapi/quota/get', { cgi_path: '/nope' }))['errcode']).toBe(76021);
    clock += 3_600_000; // the next window: one call left today
    expect((await get())['errcode']).toBe(100002);
    expect((await get())['errcode']).toBe(45009);
    expect(fake.apiUsage().find((u) => u.path === '/channels/ec/order/get')).toMatchObject({
      admitted: 3,
      refused45011: 1,
      refused45009: 1,
      peakPerWindow: 2,
    });
  });
});
