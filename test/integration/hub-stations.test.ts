// Real processes on 127.0.0.1: a hub, two stations and a fake WeChat. 200 orders are pulled from
// WeChat; station A packs 100 online; station B loses its link to the hub (a proxy drops every
// connection), packs 101 offline from its waybill pool — one of them cancelled at WeChat meanwhile —
// and reconnects. WeChat must end with exactly one shipment per packed order, the right products
// and waybills, and the cancelled one as an exception. WeChat faults are injected all along.
// Channels receivers are masked, so labels are WeChat e-waybills the hub takes in advance, printed
// through the print component (simulated inside each station): B prints them while offline.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeWechat } from '../../src/demo/wechat-sandbox/index.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { fakeProductsOf, until } from '../helpers/hub.js';
import { adminClient, AUTO_SCALE, createFleet, shopHubConfig, WX_SHOP } from '../helpers/fleet.js';
import { openHubTables } from '../helpers/hub-tables.js';
import { ROOT, type WsClient } from '../helpers/process.js';
import { startProxy, type Proxy } from '../helpers/proxy.js';

vi.setConfig({ testTimeout: 600_000 });
const ADMIN = 'integration-admin-token-0123456789';
const t0 = Date.now();
const step = (what: string) =>
  process.stderr.write(`[hub-stations +${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}\n`);
const SEED = 17;
const fleet = createFleet('packdesk-hub-int-');
let fake: FakeWechat;
let proxy: Proxy | null = null;

afterAll(async () => {
  await fleet.cleanup();
  await proxy?.close();
  await fake?.close();
});

const catalog = generateCatalog(SEED);
const barcodeOf = (productId: number) => catalog.products.find((p) => p.id === productId)?.barcodes[0] ?? '';

const admin = adminClient(ADMIN);

const EWAYBILL_ACCOUNTS = Object.fromEntries(
  ['SF', 'ZTO', 'JD', 'YTO', 'YUNDA', 'STO', 'JTSD', 'EMS'].map((c) => [
    c,
    { siteCode: `SITE_${c}`, acctId: `ACCT_${c}` },
  ]),
);

function hubConfig(apiBase: string): string {
  const config = shopHubConfig(
    ADMIN,
    { apiBase, timeoutMs: 1500 },
    {
      stations: { poolTarget: 150, maxWaitS: 5 },
      reportBack: { intervalMs: 200, baseDelayMs: 100, maxDelayMs: 1000, concurrency: 4 },
    },
  ) as { wechat: { shops: Record<string, unknown>[] } };
  config.wechat.shops = config.wechat.shops.map((shop) => ({
    ...shop,
    ewaybill: { enabled: true, accounts: EWAYBILL_ACCOUNTS, templateId: 'single' },
  }));
  return fleet.writeHubConfig(config);
}

const startStation = (id: string, hubUrl: string, token: string) =>
  fleet.startStation(id, hubUrl, token, {
    pullWaitS: 5,
    scale: AUTO_SCALE,
    devices: { wechatComponent: { url: 'sim' } },
  });

/** Orders the station holds with the e-waybill (and its print_info) the hub took in advance. */
function withEwaybill(db: Database.Database): number {
  try {
    return db.prepare('SELECT count(*) FROM hub_orders WHERE preassigned_print IS NOT NULL').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** What a clerk does in the shop backend: delivery/send with the parcel's waybill, outside the hub. */
async function shipByHand(apiBase: string, orderId: string, carrier: string, waybill: string): Promise<void> {
  const post = async (path: string, body: unknown) =>
    (await (await fetch(`${apiBase}${path}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<
      string,
      unknown
    >;
  const { access_token: token } = await post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: 'wx-shop',
    secret: 'shop-secret',
    force_refresh: false,
  });
  const order = (await post(`/channels/ec/order/get?access_token=${String(token)}`, { order_id: orderId })).order as {
    order_detail: { product_infos: { product_id: string; sku_id: string; sku_cnt: number }[] };
  };
  const products = order.order_detail.product_infos.map((p) => ({
    product_id: p.product_id,
    sku_id: p.sku_id,
    product_cnt: p.sku_cnt,
  }));
  const res = await post(`/channels/ec/order/delivery/send?access_token=${String(token)}`, {
    order_id: orderId,
    delivery_list: [{ delivery_id: carrier, waybill_id: waybill, deliver_type: 1, product_infos: products }],
  });
  if (res.errcode !== 0) throw new Error(`hand shipment: ${JSON.stringify(res)}`);
}

async function packOrder(ws: WsClient, orderId: string): Promise<void> {
  const r = await ws.call('scan.submit', { code: orderId, source: 'api' });
  if (r.verdict !== 'order_opened') throw new Error(`order ${orderId}: ${r.verdict}`);
  const snap = await ws.call('station.snapshot', {});
  for (const line of snap.pack?.lines ?? []) {
    for (let i = 0; i < line.expected; i++) {
      const v = (await ws.call('scan.submit', { code: barcodeOf(line.productId), source: 'api' })).verdict;
      if (v !== 'item_ok') throw new Error(`order ${orderId} item ${line.sku}: ${v}`);
    }
  }
  await until(
    () => ws.call('station.snapshot', {}),
    (s: StationSnapshot) => s.lastPack?.order.id === orderId && s.lastPack.state === 'done',
    15_000,
    `pack ${orderId} done`,
  );
}

describe('hub + two stations + WeChat, online and offline', () => {
  it('ships every packed order exactly once and turns the cancelled one into an exception', async () => {
    fake = new FakeWechat({ apps: [{ appid: WX_SHOP.appid, secret: WX_SHOP.secret, kind: 'channels' }] });
    const apiBase = await fake.listen();
    // Created 1–60 s apart: starting 5 h back keeps every update_time in the past (pulls never look ahead).
    const orders = fake.generateChannelsOrders({
      count: 201,
      seed: 5,
      products: fakeProductsOf(catalog),
      startTime: Math.floor(Date.now() / 1000) - 5 * 3600,
    });
    const configPath = hubConfig(apiBase);
    const hubData = fleet.hubData;
    const hub = await fleet.startHub(configPath);

    await admin(hub.url, 'POST', '/v1/admin/products', catalog.products);
    await admin(hub.url, 'POST', '/v1/admin/packers', catalog.packers);
    for (const [i, carrier] of ['SF', 'ZTO', 'JD', 'YTO'].entries()) {
      await admin(hub.url, 'POST', '/v1/admin/waybills', {
        carrier,
        range: {
          prefix: `${carrier === 'JD' ? 'JDV' : carrier === 'ZTO' ? '7' : carrier}${i}`,
          from: 1,
          to: 1000,
          width: 11,
        },
      });
    }
    // Station A through the CLI (prints its token once), station B through the admin API.
    const cli = execFileSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'packdesk.js'),
        'cloud',
        'station',
        'add',
        'A',
        '--layout',
        'u_shaped',
        '--config',
        configPath,
        '--data',
        hubData,
      ],
      { encoding: 'utf8' },
    );
    const tokenA = cli.trim().split('\n').at(-1) ?? '';
    expect(tokenA).toMatch(/^pdk_/);
    const { token: tokenB } = await admin<{ token: string }>(hub.url, 'POST', '/v1/admin/stations', {
      id: 'B',
      layout: 'island',
    });

    await until(
      () => admin<{ orders: number }>(hub.url, 'GET', '/v1/health'),
      (h) => h.orders === 201,
      30_000,
      '201 orders pulled by the hub',
    );
    proxy = await startProxy(hub.port);
    const a = await startStation('A', hub.url, tokenA);
    const b = await startStation('B', proxy.url, tokenB);
    const countOrders = (db: () => Database.Database) => {
      const d = db();
      try {
        return d.prepare('SELECT count(*) FROM orders').pluck().get() as number;
      } finally {
        d.close();
      }
    };
    await until(
      () => countOrders(a.db),
      (n) => n === 201,
      30_000,
      'A has the orders',
    );
    await until(
      () => countOrders(b.db),
      (n) => n === 201,
      30_000,
      'B has the orders',
    );
    await until(
      () => withEwaybill(b.db()),
      (n) => n === 201,
      60_000,
      'B has every e-waybill with its print data',
    );

    const ids = orders.map((o) => o.order_id);
    const forA = ids.slice(0, 100);
    const forB = ids.slice(100); // 101, the last one gets cancelled while B is offline
    const cancelled = forB[forB.length - 1] ?? '';
    for (const code of ['BADGE-P01']) await a.ws.call('scan.submit', { code, source: 'api' });
    await b.ws.call('scan.submit', { code: 'BADGE-P02', source: 'api' });

    // Faults on the way back to WeChat, interleaved with normal answers. One token rejection only:
    // with several report lanes, two could meet one call and its retry ("token rejected twice"),
    // which stops that report for 5 minutes by design (§1.3; unit-tested in the WeChat client).
    for (const f of [
      { kind: 'errcode' as const, errcode: -1, times: 3 },
      { kind: 'errcode' as const, errcode: 40001, times: 1 },
      { kind: 'errcode' as const, errcode: 45011, times: 2 },
      { kind: 'errcode' as const, errcode: 100003, times: 3 },
      { kind: 'drop-after' as const, times: 2 },
      { kind: 'drop' as const, times: 2 },
      { kind: 'slow' as const, delayMs: 2500, times: 2 },
    ])
      fake.inject({ path: '/channels/ec/order/delivery/send', ...f });

    step('both stations have 201 orders; A packs 100 online');
    for (const id of forA) await packOrder(a.ws, id);
    step('A done; cutting B off');

    proxy.cut();
    await until(
      () => b.ws.call('station.snapshot', {}),
      (s) => s.sync.mode === 'offline',
      20_000,
      'B offline',
    );
    fake.setOrderStatus(cancelled, 250);
    await until(
      () => admin<{ order: { status: string } }>(hub.url, 'GET', `/v1/admin/orders/${cancelled}`),
      (o) => o.order.status === 'cancelled',
      20_000,
      'hub sees the cancellation',
    );
    step('B packs 101 offline');
    for (const id of forB) await packOrder(b.ws, id);
    step('B done offline; reconnecting');
    const offline = await b.ws.call('station.snapshot', {});
    expect(offline.sync.mode).toBe('offline');
    expect(offline.sync.queueDepth).toBeGreaterThan(101 * 5);

    // Meanwhile a clerk enters one of B's parcels by hand in the shop backend: the hub's own send
    // then gets the genuine 109001 "already shipped", reads the order back, finds the waybill: done.
    const byHand = forB[0] ?? '';
    const handWaybill = (() => {
      const d = b.db();
      try {
        return d.prepare('SELECT waybill, carrier FROM parcels WHERE order_id = ?').get(byHand) as {
          waybill: string;
          carrier: string;
        };
      } finally {
        d.close();
      }
    })();
    await shipByHand(apiBase, byHand, handWaybill.carrier, handWaybill.waybill);
    expect(fake.channelsShipments(byHand)).toHaveLength(1);

    proxy.restore();
    await until(
      () => b.ws.call('station.snapshot', {}),
      (s) => s.sync.mode === 'online' && s.sync.queueDepth === 0,
      60_000,
      'B drained its queue',
    );
    await until(
      () => a.ws.call('station.snapshot', {}),
      (s) => s.sync.queueDepth === 0,
      30_000,
      'A drained its queue',
    );
    await until(
      () => admin<{ shipments: Record<string, number> }>(hub.url, 'GET', '/v1/health'),
      (h) => h.shipments.done === 200 && (h.shipments.pending ?? 0) === 0 && (h.shipments.sending ?? 0) === 0,
      120_000,
      '200 shipments reported',
    ).catch(async (err: unknown) => {
      // Say which shipment is left and why, so a rare miss can be chased.
      const d = await openHubTables(hubData);
      try {
        const left = await d.all("SELECT * FROM shipments WHERE state <> 'done'");
        throw new Error(`${(err as Error).message}\nnot done: ${JSON.stringify(left)}`);
      } finally {
        await d.close();
      }
    });

    step('200 shipments reported');
    // Exactly one effective shipment per packed order, with the station's waybill and products.
    const parcels = new Map<string, { waybill: string; items: Map<number, number> }>();
    for (const s of [a, b]) {
      const d = s.db();
      for (const row of d
        .prepare(
          'SELECT p.order_id, p.waybill, i.product_id, i.qty FROM parcels p JOIN parcel_items i ON i.parcel_id = p.id',
        )
        .all() as { order_id: string; waybill: string; product_id: number; qty: number }[]) {
        const entry = parcels.get(row.order_id) ?? { waybill: row.waybill, items: new Map() };
        entry.items.set(row.product_id, (entry.items.get(row.product_id) ?? 0) + row.qty);
        parcels.set(row.order_id, entry);
      }
      d.close();
    }
    expect(parcels.size).toBe(201);
    for (const id of ids) {
      const shipped = fake.channelsShipments(id);
      if (id === cancelled) {
        expect(shipped).toHaveLength(0);
        continue;
      }
      expect(shipped, `order ${id}`).toHaveLength(1);
      const local = parcels.get(id);
      expect(shipped[0]?.waybill_id).toBe(local?.waybill);
      const units = new Map<string, number>();
      for (const p of shipped[0]?.product_infos ?? []) units.set(p.sku_id, (units.get(p.sku_id) ?? 0) + p.product_cnt);
      const expected = new Map<string, number>();
      for (const [productId, qty] of local?.items ?? []) expected.set(`20${productId}`, qty);
      expect(units).toEqual(expected);
    }
    const exceptions = await admin<{ orderId: string; kind: string; stationId: string }[]>(
      hub.url,
      'GET',
      '/v1/admin/exceptions',
    );
    expect(exceptions.filter((e) => e.orderId === cancelled).map((e) => [e.kind, e.stationId])).toEqual([
      ['cancelled_while_packed', 'B'],
    ]);
    expect(fake.forceRefreshCount()).toBe(0);
    expect(fake.calls('/channels/ec/order/delivery/send').some((c) => c.errcode === 109001)).toBe(true);

    // No event lost: every outbox row of both stations is at the hub.
    const outboxRows = [a, b].reduce((n, s) => {
      const d = s.db();
      try {
        const delivered = 'SELECT count(*) FROM outbox WHERE id NOT IN (SELECT id FROM dead_letters)';
        return n + (d.prepare(delivered).pluck().get() as number);
      } finally {
        d.close();
      }
    }, 0);
    const health = await admin<{ events: number }>(hub.url, 'GET', '/v1/health');
    expect(health.events).toBe(outboxRows);

    // B hears about its exception at the desk.
    await until(
      () => b.ws.call('station.snapshot', {}),
      (s) => s.exceptions.some((e) => e.orderId === cancelled && e.kind === 'cancelled_while_packed'),
      20_000,
      'exception at the desk',
    );
  });

  it('a station with a wrong token is refused (401) and pauses; the hub writes nothing', async () => {
    const hubUrl = fleet.procs[0]?.url ?? '';
    const before = await admin<{ events: number }>(hubUrl, 'GET', '/v1/health');
    const c = await startStation('C', hubUrl, 'pdk_this-token-was-never-issued-by-the-hub');
    await c.ws.call('scan.submit', { code: 'BADGE-P03', source: 'api' });
    const s = await until(
      () => c.ws.call('station.snapshot', {}),
      (x) => x.sync.mode === 'paused',
      20_000,
      'C paused',
    );
    expect(s.sync.lastError).toMatch(/401|unauthorized|token/i);
    expect((await admin<{ events: number }>(hubUrl, 'GET', '/v1/health')).events).toBe(before.events);
    const stations = await admin<{ id: string }[]>(hubUrl, 'GET', '/v1/admin/stations');
    expect(stations.map((x) => x.id)).toEqual(['A', 'B']);
  });
});
