// The demo as a newcomer runs it, as real processes on 127.0.0.1. `packdesk station --demo`: the
// station and its embedded demo hub in one process; the demo orders come from the WeChat sandbox
// through the hub by the real sync path, a packed order is reported back to the sandbox and shows as
// shipped at the desk, and the sandbox's trickle brings a new order and a cancellation that the desk
// intercepts. `packdesk cloud --demo`: the hub with the sandbox alone, carrying on after a restart.
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_DEFAULTS, generateCatalog, generateOrders } from '../../src/demo/data/generator.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { createFleet } from '../helpers/fleet.js';
import { spawnCli, type WsClient } from '../helpers/process.js';
import { until } from '../helpers/wait.js';

vi.setConfig({ testTimeout: 240_000 });
const fleet = createFleet('packdesk-demo-');
afterAll(() => fleet.cleanup());

const SEED = DEMO_DEFAULTS.seed;
const BACKLOG = DEMO_DEFAULTS.orders;
const catalog = generateCatalog(SEED);
const orderAt = (index: number) => [...generateOrders(SEED, catalog, 1, { startIndex: index })][0]?.id ?? '';
const barcodeOf = (productId: number) => catalog.products.find((p) => p.id === productId)?.barcodes[0] ?? '';
// The sandbox shop of the demo hub (src/demo/hub/index.ts DEMO_SHOP).
const SHOP = { appid: 'wx-demo-shop', secret: 'demo-shop-secret' };

interface SandboxOrder {
  status: number;
  order_detail: { delivery_info: { delivery_product_info: { waybill_id: string }[] } };
}

/** Reads an order as the shop backend would: WeChat's own order/get on the sandbox. */
async function sandboxOrder(sandboxUrl: string, orderId: string): Promise<SandboxOrder> {
  const post = async (path: string, body: unknown) =>
    (await (await fetch(`${sandboxUrl}${path}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<
      string,
      unknown
    >;
  const { access_token: token } = await post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    ...SHOP,
    force_refresh: false,
  });
  return (await post(`/channels/ec/order/get?access_token=${String(token)}`, { order_id: orderId }))
    .order as SandboxOrder;
}

async function orderStatus(ws: WsClient, orderId: string): Promise<string | undefined> {
  const sheet = await ws.call('sheet.get', { orders: 500 });
  return sheet.orders.find((o) => o.code === orderId)?.status;
}

describe('packdesk station --demo', () => {
  it('pulls the sandbox orders through the demo hub, reports a packed one back and intercepts a cancellation', async () => {
    const station = fleet.track(
      await spawnCli(
        ['station', '--demo', '--data', join(fleet.dir, 'station'), '--port', '0', '--trickle', '2'],
        /Station UI: (http:\/\/127\.0\.0\.1:\d+\/)/,
      ),
    );
    // The demo hub's line follows the station's in the output, maybe in a later chunk.
    const demoLine = /Demo hub: http:\/\/127\.0\.0\.1:\d+\/v1 \(WeChat sandbox at (http:\/\/127\.0\.0\.1:\d+)\)/;
    const sandboxUrl = await until(
      () => demoLine.exec(station.output())?.[1] ?? '',
      (url) => url !== '',
      10_000,
      'the demo hub line',
    );
    const ws = await fleet.connect(station.url);

    // The backlog arrives by pull: the desk had nothing of its own.
    const first = orderAt(0);
    const backlog = new Set([...generateOrders(SEED, catalog, BACKLOG)].map((o) => o.id));
    await until(
      () => ws.call('sheet.get', { orders: 500 }),
      (s) => s.orders.filter((o) => backlog.has(o.code)).length === BACKLOG,
      90_000,
      'the demo backlog at the desk',
    );
    expect(await orderStatus(ws, first)).toBe('open');
    await until(
      () => ws.call('station.snapshot', {}),
      (s) => s.sync.mode === 'online',
      20_000,
      'the station online with its demo hub',
    );

    // Pack the first demo order (open, plain) by scans; the simulated scale weighs it by itself.
    expect((await ws.call('scan.submit', { code: 'BADGE-P01', source: 'api' })).verdict).toBe('login');
    expect((await ws.call('scan.submit', { code: first, source: 'api' })).verdict).toBe('order_opened');
    const opened = await ws.call('station.snapshot', {});
    for (const line of opened.pack?.lines ?? [])
      for (let i = 0; i < line.expected; i++)
        expect((await ws.call('scan.submit', { code: barcodeOf(line.productId), source: 'api' })).verdict).toBe(
          'item_ok',
        );
    const done = await until(
      () => ws.call('station.snapshot', {}),
      (s: StationSnapshot) => s.lastPack?.order.id === first && s.lastPack.state === 'done',
      20_000,
      'the pack done and labelled',
    );
    const waybill = done.lastPack?.labels[0]?.waybill;
    expect(waybill).toBeTruthy();

    // The hub reports it to the sandbox (delivery/send) and the desk shows it shipped.
    const shipped = await until(
      () => sandboxOrder(sandboxUrl, first),
      (o) => o.order_detail.delivery_info.delivery_product_info.length > 0,
      60_000,
      'the shipment at the WeChat sandbox',
    );
    expect(shipped.status).toBe(30);
    expect(shipped.order_detail.delivery_info.delivery_product_info.map((p) => p.waybill_id)).toEqual([waybill]);
    await until(
      () => ws.call('station.snapshot', {}),
      (s) => s.lastPack?.order.id === first && s.lastPack.order.status === 'shipped',
      60_000,
      'the order shown shipped at the desk',
    );

    // The trickle: new orders after the backlog, and every 4th tick a buyer cancels a recent one.
    const trickled = [orderAt(BACKLOG), orderAt(BACKLOG + 1), orderAt(BACKLOG + 2)];
    await until(
      () => orderStatus(ws, trickled[0] ?? ''),
      (status) => status !== undefined,
      60_000,
      'a trickled order at the desk',
    );
    const cancelled = await until(
      async () => {
        for (const id of trickled) if ((await orderStatus(ws, id)) === 'cancelled') return id;
        return null;
      },
      (id) => id !== null,
      60_000,
      'a cancellation at the desk',
    );
    const scanned = await ws.call('scan.submit', { code: cancelled ?? '', source: 'api' });
    expect(scanned.verdict).toBe('order_intercepted');
    expect((await ws.call('station.snapshot', {})).alert?.code).toBe('order_cancelled');
  });
});

describe('packdesk cloud --demo', () => {
  const hubDir = join(fleet.dir, 'hub');
  const start = async () => {
    const hub = fleet.track(
      await spawnCli(
        ['cloud', '--demo', '--data', hubDir, '--port', '0', '--trickle', '0'],
        /Hub API: (http:\/\/127\.0\.0\.1:\d+)\/v1/,
      ),
    );
    const token = await until(
      () => /Demo station DEMO-1 token: (\S+)/.exec(hub.output())?.[1],
      (t) => t !== undefined,
      5000,
      'the demo station token',
    );
    return { hub, token: token ?? '' };
  };
  /** Orders the demo station would get from its first pull. */
  const ordersFor = async (url: string, token: string) => {
    const res = await fetch(`${url}/v1/sync/pull?cursor=0&limit=5000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as { orders: { id: string }[] }).orders.length;
  };

  it('runs the hub with the sandbox alone, its demo station token works, and a restart carries on', async () => {
    const { hub, token } = await start();
    expect(token).toMatch(/^pdk_/);
    const hello = await fetch(`${hub.url}/v1/sync/hello`, { headers: { authorization: `Bearer ${token}` } });
    expect(hello.status).toBe(200);
    expect(((await hello.json()) as { stationId: string }).stationId).toBe('DEMO-1');
    await until(
      () => ordersFor(hub.url, token),
      (n) => n === BACKLOG,
      60_000,
      'the sandbox orders pulled by the hub',
    );
    await hub.stop('SIGTERM');

    const again = await start();
    expect(again.token).toBe(token);
    expect(await ordersFor(again.hub.url, again.token)).toBe(BACKLOG);
    await again.hub.stop('SIGTERM');
  });
});
