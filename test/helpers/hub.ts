// A hub in this process on 127.0.0.1 with a fake WeChat beside it, for hub tests and the sync tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { hubConfigSchema, type HubConfig } from '../../src/cloud/config.js';
import { startHub, type RunningHub } from '../../src/cloud/app.js';
import type { SocketTimeouts } from '../../src/cloud/routes/limits.js';
import { FakeWechat, type FakeProduct } from '../../src/demo/wechat-sandbox/index.js';
import { generateCatalog, type DemoCatalog } from '../../src/demo/data/generator.js';
import { dropTestStore, testStoreConfig } from './store.js';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
export const SHOP = { id: 'shop1', appid: 'wx-shop-1', secret: 'shop-secret' };
/** The shop's message-push settings, known to the hub and the fake WeChat alike. */
export const SHOP_PUSH = { token: 'push-token-1', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
export const MINI = { id: 'mini1', appid: 'wx-mini-1', secret: 'mini-secret' };

export interface TestHub {
  hub: RunningHub;
  fake: FakeWechat;
  catalog: DemoCatalog;
  fakeProducts: FakeProduct[];
  dir: string;
  admin<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  addStation(id: string, layout?: string): Promise<string>;
  call<T = unknown>(
    token: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** WeChat's view of a demo product: ids as the shop knows them, sku_code = our SKU. */
export function fakeProductsOf(catalog: DemoCatalog): FakeProduct[] {
  return catalog.products
    .filter((p) => p.components.length === 0)
    .map((p) => ({
      product_id: `10${p.id}`,
      sku_id: `20${p.id}`,
      sku_code: p.sku,
      title: p.title,
      price_fen: p.priceFen,
      weight: p.unitWeightG,
    }));
}

export async function startTestHub(
  opts: {
    config?: Record<string, unknown>;
    /** Fields of the Channels shop's config to override (overlapS, sweepIntervalS, …). */
    shop?: Record<string, unknown>;
    /** Fields of the `wechat` section to add (dailyQuotas, …). */
    wechat?: Record<string, unknown>;
    /** Receives the hub's log lines (pino JSON), e.g. to see a warning. */
    log?: (line: Record<string, unknown>) => void;
    dir?: string;
    seed?: number;
    ewaybill?: boolean;
    now?: () => number;
    /** Socket timeouts other than the hub's defaults. */
    timeouts?: Partial<SocketTimeouts>;
  } = {},
): Promise<TestHub> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'packdesk-hub-'));
  const fake = new FakeWechat({
    apps: [
      { appid: SHOP.appid, secret: SHOP.secret, kind: 'channels', push: SHOP_PUSH },
      { appid: MINI.appid, secret: MINI.secret, kind: 'miniprogram' },
    ],
  });
  const apiBase = await fake.listen();
  // The store under test (PACKDESK_TEST_STORE): nothing added on SQLite, the dir's own schema on PostgreSQL.
  const store = await testStoreConfig(dir);
  const config: HubConfig = hubConfigSchema.parse({
    hub: { adminToken: ADMIN_TOKEN },
    ...(store ? { store } : {}),
    // Orders are generated with update times up to an hour back: re-scan that far on every pull.
    ...opts.config,
    wechat: {
      apiBase,
      timeoutMs: 1000,
      shops: [
        {
          ...SHOP,
          pushToken: SHOP_PUSH.token,
          encodingAesKey: SHOP_PUSH.encodingAesKey,
          pullIntervalS: 1,
          overlapS: 7200,
          ewaybill: {
            enabled: opts.ewaybill ?? false,
            accounts: Object.fromEntries(
              ['SF', 'ZTO', 'JD', 'YTO'].map((c) => [c, { siteCode: `SITE_${c}`, acctId: `ACCT_${c}` }]),
            ),
          },
          ...opts.shop,
        },
      ],
      miniPrograms: [MINI],
      ...opts.wechat,
    },
    reportBack: {
      intervalMs: 100,
      baseDelayMs: 50,
      maxDelayMs: 500,
      raceDelayMs: { min: 100, max: 300 },
      ...(opts.config?.reportBack as Record<string, unknown> | undefined),
    },
  });
  const hub = await startHub({
    config,
    dataDir: dir,
    port: 0,
    logger: opts.log
      ? pino({ level: 'info' }, { write: (line: string) => opts.log?.(JSON.parse(line) as Record<string, unknown>) })
      : pino({ level: 'silent' }),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
  });
  const catalog = generateCatalog(opts.seed ?? 11);
  const call = async <T>(
    token: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ) => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const t: TestHub = {
    hub,
    fake,
    catalog,
    fakeProducts: fakeProductsOf(catalog),
    dir,
    admin: (method, path, body) => call(ADMIN_TOKEN, method, path, body),
    async addStation(id, layout = 'u_shaped') {
      const r = await call<{ token: string }>(ADMIN_TOKEN, 'POST', '/v1/admin/stations', { id, layout });
      if (r.status !== 200) throw new Error(`add station ${id}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
    call,
    async close() {
      await hub.close();
      await fake.close();
      if (opts.dir) return;
      await dropTestStore(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await t.admin('POST', '/v1/admin/products', catalog.products);
  await t.admin('POST', '/v1/admin/packers', catalog.packers);
  return t;
}

export { until } from './wait.js';
