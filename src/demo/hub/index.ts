// The embedded demo hub: the real hub (src/cloud) on 127.0.0.1 with the WeChat sandbox as its WeChat.
// A demo shop with e-waybills, the demo catalog, packers, waybill numbers and one registered demo
// station are set up through the hub's admin API; the demo orders then appear in the sandbox shop
// and reach the hub by its own pull. `packdesk station --demo` runs this in the station's process and
// connects the station by URL and token (the real sync path); `packdesk cloud --demo` runs it alone.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { startHub, type RunningHub } from '../../cloud/app.js';
import { hubConfigSchema, type HubConfig } from '../../cloud/config.js';
import type { Layout } from '../../contract/entities.js';
import { DEMO_DEFAULTS, generateCatalog, generateDemo } from '../data/generator.js';
import { FakeWechat, type PushEvent } from '../wechat-sandbox/index.js';
import { toChannelsOrder } from './sandbox-orders.js';
import { loadDemoState, saveDemoState, type DemoState } from './state.js';
import { DemoTrickle, type TickResult } from './trickle.js';

export { sandboxProduct, sandboxProducts, toChannelsOrder } from './sandbox-orders.js';
export type { TickResult } from './trickle.js';

export const DEMO_SHOP = { id: 'demo-shop', appid: 'wx-demo-shop', secret: 'demo-shop-secret' } as const;
export const DEMO_STATION_ID = 'DEMO-1';
/** A new order every 20 s and a cancellation every 4th: lively, yet slow enough to pack alongside. */
export const DEMO_TRICKLE_MS = 20_000;
export const DEMO_CANCEL_EVERY = 4;
const EWAYBILL_CARRIERS = ['SF', 'ZTO', 'JD', 'YTO'];

export interface DemoHubOptions {
  /** hub.db and the demo's own state (token, sandbox orders) live here. */
  dataDir: string;
  station?: { id?: string; name?: string; layout?: Layout };
  seed?: number;
  /** Orders waiting in the sandbox shop when the demo starts for the first time. */
  orders?: number;
  /** Waybill numbers per carrier in the hub's stock (the stations' offline pools come from it). */
  waybillsPerCarrier?: number;
  /** A new sandbox order every this many ms; 0 turns the trickle off. */
  trickleMs?: number;
  /** Every n-th new order comes with a buyer cancelling an open one; 0 never. */
  cancelEvery?: number;
  /** 0 (default): any free port. */
  port?: number;
  now?: () => number;
  /** Runs fn every ms until the returned stop is called (tests drive the trickle through tick()). */
  every?: (ms: number, fn: () => void) => () => void;
  /** The hub's structured log; default warnings and errors to stderr. */
  logger?: pino.Logger;
  log?: (line: string) => void;
}

export interface DemoHub {
  /** Base URL without /v1, as a station's `hub.url` takes it. */
  url: string;
  port: number;
  sandboxUrl: string;
  stationId: string;
  token: string;
  /** True when this start created the demo (false: carried on from the data directory). */
  created: boolean;
  hub: RunningHub;
  fake: FakeWechat;
  /** One trickle step now: a new order, maybe a cancellation (the timer calls the same). */
  tick(): Promise<TickResult>;
  close(): Promise<void>;
}

const defaultEvery = (ms: number, fn: () => void) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

function demoHubConfig(
  apiBase: string,
  adminToken: string,
  push: { token: string; encodingAesKey: string },
): HubConfig {
  return hubConfigSchema.parse({
    hub: { host: '127.0.0.1', adminToken },
    wechat: {
      apiBase,
      timeoutMs: 5000,
      shops: [
        {
          ...DEMO_SHOP,
          // Trickled orders and cancellations are pushed as well; the pull is the safety net.
          pullIntervalS: 5,
          overlapS: 15,
          initialLookbackS: 86_400,
          pushToken: push.token,
          encodingAesKey: push.encodingAesKey,
          ewaybill: {
            enabled: true,
            // The sandbox offers one account per carrier: ACCT_<code> at site SITE_<code>.
            accounts: Object.fromEntries(
              EWAYBILL_CARRIERS.map((c) => [c, { siteCode: `SITE_${c}`, acctId: `ACCT_${c}` }]),
            ),
          },
        },
      ],
    },
    reportBack: { intervalMs: 500, baseDelayMs: 500, maxDelayMs: 15_000, raceDelayMs: { min: 1000, max: 3000 } },
  });
}

async function adminPost<T>(hubUrl: string, adminToken: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${hubUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`demo hub setup: POST ${path} answered ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function startDemoHub(opts: DemoHubOptions): Promise<DemoHub> {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dataDir, { recursive: true });
  const hubDbExists = existsSync(join(opts.dataDir, 'hub.db'));
  const saved = hubDbExists ? loadDemoState(opts.dataDir) : null;
  if (hubDbExists && !saved)
    throw new Error(
      `${opts.dataDir} holds a hub database but no demo state (demo-state.json); remove the folder to start the demo afresh`,
    );

  // Secrets shared by two pieces of this process only, so new ones every start.
  const adminToken = randomBytes(24).toString('base64url');
  const push = {
    token: randomBytes(16).toString('hex'),
    encodingAesKey: randomBytes(32).toString('base64').slice(0, 43),
  };
  const fake = new FakeWechat({
    apps: [{ appid: DEMO_SHOP.appid, secret: DEMO_SHOP.secret, kind: 'channels', push }],
    now,
  });
  const sandboxUrl = await fake.listen();
  let hub: RunningHub;
  try {
    hub = await startHub({
      config: demoHubConfig(sandboxUrl, adminToken, push),
      dataDir: opts.dataDir,
      port: opts.port ?? 0,
      now,
      logger: opts.logger ?? pino({ level: 'warn', base: { service: 'packdesk-demo-hub' } }, pino.destination(2)),
    });
  } catch (err) {
    await fake.close();
    throw err;
  }

  let state: DemoState;
  try {
    if (saved) {
      state = saved.state;
      for (const o of saved.orders) fake.addChannelsOrder(o);
    } else {
      state = await createDemo(hub.url, adminToken, fake, opts, now);
      saveDemoState(opts.dataDir, state, fake.channelsOrderList());
    }
  } catch (err) {
    await hub.close();
    await fake.close();
    throw err;
  }

  const pushUrl = `${hub.url}/v1/wechat/events/${DEMO_SHOP.id}`;
  const pushToHub = async (event: PushEvent) => {
    const r = await fake.pushEvent(pushUrl, event, 'json').catch((err: unknown) => ({ status: 0, body: String(err) }));
    // Not an error for the demo: the hub's next pull finds the change anyway.
    if (r.status !== 200) log(`demo: push to the hub failed (${r.status} ${r.body}); the next pull picks it up`);
  };
  const trickle = new DemoTrickle({
    fake,
    catalog: generateCatalog(state.seed),
    seed: state.seed,
    nextIndex: state.nextIndex,
    now,
    push: pushToHub,
    cancelEvery: opts.cancelEvery ?? DEMO_CANCEL_EVERY,
    cancelPaidSinceS: Math.floor(state.baseTime / 1000),
  });
  const save = () => saveDemoState(opts.dataDir, { ...state, nextIndex: trickle.nextIndex }, fake.channelsOrderList());
  let running: Promise<TickResult> | null = null;
  const tick = async (): Promise<TickResult> => {
    // One step at a time: a slow step and the next timer tick must not both pick order indexes.
    while (running) await running.catch(() => undefined);
    running = trickle.tick();
    try {
      const r = await running;
      log(`demo: new order ${r.added} in the WeChat sandbox${r.cancelled ? `; buyer cancelled ${r.cancelled}` : ''}`);
      save();
      return r;
    } finally {
      running = null;
    }
  };
  const trickleMs = opts.trickleMs ?? DEMO_TRICKLE_MS;
  const stop =
    trickleMs > 0
      ? (opts.every ?? defaultEvery)(trickleMs, () => {
          tick().catch((err: unknown) => log(`demo: trickle step failed: ${String(err)}`));
        })
      : () => {};

  let closed = false;
  return {
    url: hub.url,
    port: hub.port,
    sandboxUrl,
    stationId: state.stationId,
    token: state.token,
    created: !saved,
    hub,
    fake,
    tick,
    async close() {
      if (closed) return;
      closed = true;
      stop();
      await running?.catch(() => undefined);
      save();
      await hub.close();
      await fake.close();
    },
  };
}

/** First start: catalog, packers, waybill stock and the demo station through the admin API, then the shop's orders. */
async function createDemo(
  hubUrl: string,
  adminToken: string,
  fake: FakeWechat,
  opts: DemoHubOptions,
  now: () => number,
): Promise<DemoState> {
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const baseTime = now();
  const demo = generateDemo({
    seed,
    orders: opts.orders ?? DEMO_DEFAULTS.orders,
    waybillsPerCarrier: opts.waybillsPerCarrier ?? DEMO_DEFAULTS.waybillsPerCarrier,
    baseTime,
  });
  const post = <T>(path: string, body: unknown) => adminPost<T>(hubUrl, adminToken, path, body);
  await post('/v1/admin/products', demo.products);
  await post('/v1/admin/packers', demo.packers);
  for (const [carrier, numbers] of Object.entries(demo.waybills))
    if (numbers.length > 0) await post('/v1/admin/waybills', { carrier, numbers });
  const stationId = opts.station?.id ?? DEMO_STATION_ID;
  const { token } = await post<{ token: string }>('/v1/admin/stations', {
    id: stationId,
    name: opts.station?.name ?? stationId,
    layout: opts.station?.layout ?? 'u_shaped',
  });
  // Only now does the shop show its orders, all touched just now, so the hub's next pull takes
  // them with the catalog already in place (before it, their SKUs would have been unknown).
  const productsById = new Map(demo.products.map((p) => [p.id, p]));
  const updateTimeS = Math.floor(now() / 1000);
  for (const o of demo.orders) fake.addChannelsOrder(toChannelsOrder(o, productsById, { updateTimeS }));
  return { stationId, token, seed, baseTime, nextIndex: demo.orders.length };
}
