// Channels e-waybills through WeChat's print component, with real processes on 127.0.0.1: the hub
// (`packdesk cloud`) takes each order's e-waybill from the WeChat sandbox with print_info and sends
// both with the order; a station (`packdesk station`) packs it and prints through the component
// simulator; the hub then tells WeChat order/print (re_print 0) and ships with delivery/send.
// Also: a 补打 reaches WeChat as re_print 1; a desk offline from the hub still prints and is
// reported once the hub is back; a station killed between the print and its journal never prints an
// unmarked duplicate; a desk without the component refuses the order at the order scan.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { FakeWechat } from '../../src/demo/wechat-sandbox/index.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { WechatComponentSim } from '../../src/hardware/sim/wechat-component.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { fakeProductsOf } from '../helpers/hub.js';
import { adminClient, AUTO_SCALE, createFleet, shopHubConfig, WX_SHOP } from '../helpers/fleet.js';
import {
  spawnCli,
  startHubProcess,
  startStationProcess,
  writeConfig,
  type StationProcess,
  type WsClient,
} from '../helpers/process.js';
import { until } from '../helpers/wait.js';

vi.setConfig({ testTimeout: 180_000 });
const ADMIN = 'integration-admin-token-0123456789';
const SEED = 23;
const EWAYBILL = '/channels/ec/logistics/ewaybill/biz';
const fleet = createFleet('packdesk-wxc-int-');
const catalog = generateCatalog(SEED);
const admin = adminClient(ADMIN);
let fake: FakeWechat | null = null;
const sims: WechatComponentSim[] = [];

afterAll(async () => {
  await fleet.cleanup();
  for (const s of sims) await s.close();
  await fake?.close();
});

const barcodeOf = (productId: number) => catalog.products.find((p) => p.id === productId)?.barcodes[0] ?? '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

interface Desk {
  proc: StationProcess;
  ws: WsClient;
  data: string;
  config: string;
}

async function startDesk(id: string, hubUrl: string, token: string, componentUrl: string | null): Promise<Desk> {
  const data = join(fleet.dir, `station-${id}`);
  mkdirSync(data, { recursive: true });
  const config = writeConfig(data, {
    station: { id },
    hub: { url: hubUrl, token, pullWaitS: 2 },
    packing: { requireLogin: false },
    devices: {
      scanner: { kind: 'sim' },
      scale: AUTO_SCALE,
      printer: { interface: 'sim' },
      ...(componentUrl
        ? { wechatComponent: { url: componentUrl, printer: 'SIM-76x130', requestTimeoutMs: 2000, faultPollMs: 200 } }
        : {}),
    },
  });
  const proc = fleet.track(await startStationProcess({ config, data }));
  return { proc, ws: await fleet.connect(proc.url), data, config };
}

async function restartDesk(desk: Desk): Promise<Desk> {
  const proc = fleet.track(await startStationProcess({ config: desk.config, data: desk.data }));
  return { ...desk, proc, ws: await fleet.connect(proc.url) };
}

/** The e-waybill the station got with the order (hub_orders), once it has it. */
function stationEwaybill(desk: Desk, id: string, orderId: string) {
  const db = new Database(join(desk.data, `station-${id}.db`), { readonly: true });
  try {
    const row = db
      .prepare('SELECT preassigned_waybill AS waybill, preassigned_print AS print FROM hub_orders WHERE order_id = ?')
      .get(orderId) as { waybill: string | null; print: string | null } | undefined;
    return row?.print ? { waybill: row.waybill, ...(JSON.parse(row.print) as { printInfo: string }) } : null;
  } finally {
    db.close();
  }
}

async function packOrder(ws: WsClient, orderId: string): Promise<void> {
  const r = await ws.call('scan.submit', { code: orderId, source: 'api' });
  if (r.verdict !== 'order_opened') throw new Error(`order ${orderId}: ${r.verdict}`);
  const snap = await ws.call('station.snapshot', {});
  for (const line of snap.pack?.lines ?? [])
    for (let i = 0; i < line.expected; i++) {
      const v = (await ws.call('scan.submit', { code: barcodeOf(line.productId), source: 'api' })).verdict;
      if (v !== 'item_ok') throw new Error(`order ${orderId} item ${line.sku}: ${v}`);
    }
}

const packDone = (ws: WsClient, orderId: string) =>
  until(
    () => ws.call('station.snapshot', {}),
    (s: StationSnapshot) => s.lastPack?.order.id === orderId && s.lastPack.state === 'done',
    30_000,
    `pack ${orderId} done`,
  );

const printCalls = (orderEwaybillId: string) =>
  (fake?.calls(`${EWAYBILL}/order/print`) ?? [])
    .filter((c) => c.errcode === 0 && (c.body as { ewaybill_order_id?: string }).ewaybill_order_id === orderEwaybillId)
    .map((c) => (c.body as { re_print: number }).re_print);

const sends = (orderId: string) =>
  (fake?.calls('/channels/ec/order/delivery/send') ?? []).filter(
    (c) => c.errcode === 0 && (c.body as { order_id?: string }).order_id === orderId,
  );

describe('Channels e-waybills through the WeChat print component', () => {
  it('prints, tells WeChat, ships — online, offline from the hub, after a crash, and refuses a desk without it', async () => {
    fake = new FakeWechat({ apps: [{ appid: WX_SHOP.appid, secret: WX_SHOP.secret, kind: 'channels' }] });
    const apiBase = await fake.listen();
    const orders = fake.generateChannelsOrders({
      count: 4,
      seed: 9,
      products: fakeProductsOf(catalog),
      startTime: Math.floor(Date.now() / 1000) - 3600,
    });
    const ids = orders.map((o) => o.order_id);
    const accounts = Object.fromEntries(
      ['SF', 'ZTO', 'JD', 'YTO', 'YUNDA', 'STO', 'JTSD', 'EMS'].map((c) => [
        c,
        { siteCode: `SITE_${c}`, acctId: `ACCT_${c}` },
      ]),
    );
    const hubJson = shopHubConfig(
      ADMIN,
      { apiBase, timeoutMs: 1500 },
      { reportBack: { intervalMs: 200, baseDelayMs: 100, maxDelayMs: 1000 } },
    ) as { wechat: { shops: Record<string, unknown>[] } };
    hubJson.wechat.shops = hubJson.wechat.shops.map((s) => ({
      ...s,
      ewaybill: { enabled: true, accounts, templateId: 'single' },
    }));
    const hubConfig = fleet.writeHubConfig(hubJson);
    const hubPort = await freePort();
    mkdirSync(fleet.hubData, { recursive: true });
    const startHub = async () =>
      fleet.track(await startHubProcess({ config: hubConfig, data: fleet.hubData, port: hubPort }));
    let hub = await startHub();
    await admin(hub.url, 'POST', '/v1/admin/products', catalog.products);
    await admin(hub.url, 'POST', '/v1/admin/packers', catalog.packers);
    const tokenA = (
      await admin<{ token: string }>(hub.url, 'POST', '/v1/admin/stations', { id: 'A', layout: 'u_shaped' })
    ).token;
    const tokenB = (
      await admin<{ token: string }>(hub.url, 'POST', '/v1/admin/stations', { id: 'B', layout: 'island' })
    ).token;

    const sim = new WechatComponentSim({ port: 0, dir: join(fleet.dir, 'component-tasks') });
    sims.push(sim);
    await sim.listen();
    let a = await startDesk('A', hub.url, tokenA, sim.url);

    // Every order arrives at the desk with its e-waybill and print_info.
    const pre = await until(
      () => ids.map((id) => stationEwaybill(a, 'A', id)),
      (all) => all.every((e) => e !== null),
      60_000,
      'e-waybills with print_info at the station',
    );
    const [o1, o2, o3, o4] = ids as [string, string, string, string];
    const ewaybillIds = new Map(
      fake
        .calls(`${EWAYBILL}/order/create`)
        .filter((c) => c.errcode === 0)
        .map((c) => [
          (c.body as { ec_order_list: { ec_order_id: string }[] }).ec_order_list[0]?.ec_order_id ?? '',
          (c.body as { ewaybill_order_id: string }).ewaybill_order_id,
        ]),
    );
    const snapA = await a.ws.call('station.snapshot', {});
    expect(snapA.devices.find((d) => d.role === 'wechat_printer')).toMatchObject({ state: 'ready' });

    // 1. Online: pack → component print → order/print re_print 0 → delivery/send; then a 补打.
    await packOrder(a.ws, o1);
    await packDone(a.ws, o1).catch((e: unknown) => {
      const db = new Database(join(a.data, 'station-A.db'), { readonly: true });
      const labels = db.prepare('SELECT id, status, error, reprint FROM labels').all();
      db.close();
      throw new Error(
        `${String(e).slice(0, 200)}\n${a.proc.output()}\n${JSON.stringify(sim.tasks())}\n${JSON.stringify(labels)}`,
      );
    });
    const first = sim.tasks().filter((t) => t.printInfo === pre[0]?.printInfo);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ printer: 'SIM-76x130', printNum: { curNum: 1, sumNum: 1 }, reprint: false });
    await until(
      () => sends(o1),
      (s) => s.length === 1,
      30_000,
      'order 1 shipped',
    );
    const e1 = ewaybillIds.get(o1) ?? '';
    expect(printCalls(e1)).toEqual([0]);
    const sent = sends(o1)[0]?.body as { delivery_list: { waybill_id: string }[] };
    expect(sent.delivery_list[0]?.waybill_id).toBe(pre[0]?.waybill);
    // No label of Packdesk's own was drawn for it.
    expect((await a.ws.call('sim.printer', {})).jobs).toBe(0);

    expect((await a.ws.call('scan.submit', { code: 'CMD-REPRINT', source: 'api' })).verdict).not.toBe('error');
    await until(
      () => sim.tasks().filter((t) => t.printInfo === pre[0]?.printInfo),
      (t) => t.length === 2,
      20_000,
      'reprint task',
    );
    expect(sim.tasks().filter((t) => t.printInfo === pre[0]?.printInfo)[1]?.reprint).toBe(true);
    await until(
      () => printCalls(e1),
      (c) => c.length === 2,
      30_000,
      'order/print re_print 1',
    );
    expect(printCalls(e1)).toEqual([0, 1]);

    // 2. Offline from the hub: the hub stops after the order arrived; the desk still prints.
    await hub.stop('SIGTERM');
    await until(
      () => a.ws.call('station.snapshot', {}),
      (s: StationSnapshot) => s.sync.mode === 'offline',
      30_000,
      'station offline',
    );
    await packOrder(a.ws, o2);
    await packDone(a.ws, o2);
    expect(sim.tasks().filter((t) => t.printInfo === pre[1]?.printInfo)).toHaveLength(1);
    expect(sends(o2)).toHaveLength(0);
    hub = await startHub();
    await until(
      () => sends(o2),
      (s) => s.length === 1,
      60_000,
      'order 2 shipped after the hub came back',
    );
    expect(printCalls(ewaybillIds.get(o2) ?? '')).toEqual([0]);

    // 3. Killed between the print and its journal: the component printed, the answer never came.
    sim.holdNext(1);
    await packOrder(a.ws, o3);
    await until(
      () => sim.tasks().filter((t) => t.printInfo === pre[2]?.printInfo),
      (t) => t.length === 1,
      20_000,
      'order 3 printed (answer held)',
    );
    await a.proc.stop('SIGKILL');
    a = await restartDesk(a);
    const third = await until(
      () => sim.tasks().filter((t) => t.printInfo === pre[2]?.printInfo),
      (t) => t.length === 2,
      30_000,
      'order 3 printed again after the restart',
    );
    // Once as the original, once marked: never an unmarked duplicate.
    expect(third.map((t) => t.reprint)).toEqual([false, true]);
    expect(third[1]?.taskID).toBe(`${third[0]?.taskID}.R`);
    await until(
      () => sends(o3),
      (s) => s.length === 1,
      60_000,
      'order 3 shipped',
    );
    await until(
      () => printCalls(ewaybillIds.get(o3) ?? ''),
      (c) => c.length === 2,
      30_000,
      'order 3 re_print 1',
    );
    expect(printCalls(ewaybillIds.get(o3) ?? '')).toEqual([0, 1]);

    // Saving the device form (scanner, scale, printer) keeps the component in the config.
    const { scanner, scale, printer } = (await a.ws.call('settings.get', {})).devices;
    const saved = await a.ws.call('settings.save', { devices: { scanner, scale, printer } });
    expect(saved.devices.wechatComponent).toMatchObject({ url: sim.url, printer: 'SIM-76x130' });

    // 4. A desk without the component refuses the order at the order scan.
    const b = await startDesk('B', hub.url, tokenB, null);
    await until(
      () => stationEwaybill(b, 'B', o4),
      (e) => e !== null,
      30_000,
      'order 4 at desk B',
    );
    expect((await b.ws.call('scan.submit', { code: o4, source: 'api' })).verdict).toBe('order_intercepted');
    const alert = (await b.ws.call('station.snapshot', {})).alert;
    expect(alert).toMatchObject({
      code: 'order_needs_wechat_printer',
      params: { orderId: o4, waybill: pre[3]?.waybill },
    });
    expect((await b.ws.call('station.snapshot', {})).pack).toBeNull();
  });

  it('`packdesk sim wechat-printer` answers the component messages and saves each task', async () => {
    const dir = join(fleet.dir, 'cli-tasks');
    const proc = fleet.track(
      await spawnCli(
        ['sim', 'wechat-printer', '--port', '0', '--dir', dir, '--fail-next', '1'],
        /simulator on (ws:\/\/127\.0\.0\.1:\d+)/,
      ),
    );
    const ws = new WebSocket(proc.url);
    await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
    const ask = (msg: Record<string, unknown>) =>
      new Promise<Record<string, unknown>>((ok) => {
        ws.once('message', (d) => ok(JSON.parse(String(d)) as Record<string, unknown>));
        ws.send(JSON.stringify(msg));
      });
    expect(await ask({ command: 'getAppInfo', requestID: 'r1' })).toMatchObject({
      requestID: 'r1',
      appInfo: { version: '1.3.4' },
    });
    const list = await ask({ command: 'getPrinterList', requestID: 'r2' });
    expect((list.printerList as { name: string }[]).map((p) => p.name)).toContain('SIM-76x130');
    const print = (requestID: string) =>
      ask({
        command: 'print',
        version: '2.0',
        requestID,
        printer: 'SIM-76x130',
        taskList: [{ taskID: 'T1', printInfo: 'abc', printNum: { curNum: 1, sumNum: 1 } }],
      });
    expect(await print('r3')).toMatchObject({ requestID: 'r3', results: [{ taskID: 'T1', success: false }] });
    expect(await print('r4')).toMatchObject({ requestID: 'r4', results: [{ taskID: 'T1', success: true }] });
    ws.close();
    await until(
      () => proc.output(),
      (o) => o.includes('0001-T1.json'),
      5000,
      'task saved',
    );
  });
});
