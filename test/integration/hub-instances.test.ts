// Three hub instances on one PostgreSQL schema behind a round-robin proxy, two real stations (one
// through the proxy, one failing over along the instances' URLs itself), the WeChat sandbox, and a
// desk packing over HTTP. While orders come in (Channels pulls and the intake API) and shipments
// are reported, instances are killed with SIGKILL at random and started again, 20 times: every
// order still reaches both desks, every shipment is reported to WeChat exactly once, and no
// background job ran on two instances at once (each job's lease hand-overs, from the instances'
// own log lines, never overlap a living holder).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeWechat, type FakeChannelsOrder } from '../../src/demo/wechat-sandbox/index.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import type { AnyOutboxEvent } from '../../src/contract/events.js';
import type { PullResponse } from '../../src/contract/sync.js';
import { fakeProductsOf, until } from '../helpers/hub.js';
import { packEvents } from '../helpers/events.js';
import { intakeOrder, shopHubConfig, WX_SHOP } from '../helpers/fleet.js';
import { connect, spawnCli, startStationProcess, writeConfig, type StationProcess } from '../helpers/process.js';
import { closedPort } from '../helpers/cli.js';
import { onTestServer } from '../helpers/store.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../helpers/round-robin-proxy.js';

vi.setConfig({ testTimeout: 600_000 });
const PG_URL = process.env.PACKDESK_TEST_PG_URL;
const ADMIN = 'instances-admin-token-0123456789abcdef';
const KILLS = 20;
const BATCH = 4;
const SEND_PATH = '/channels/ec/order/delivery/send';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-hub-instances-'));
const schema = `pdt_instances_${randomBytes(4).toString('hex')}`;
const procs: StationProcess[] = [];
let fake: FakeWechat | undefined;
let proxy: RoundRobinProxy | undefined;
const closers: (() => void)[] = [];

afterAll(async () => {
  for (const c of closers) c();
  for (const p of procs) await p.stop('SIGKILL');
  await proxy?.close();
  await fake?.close();
  if (PG_URL) await onTestServer([`DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
  rmSync(dir, { recursive: true, force: true });
});

/** A seeded PRNG (mulberry32): the same kills in the same order on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An HTTP call that a killed instance may drop: tried again (through the proxy: on another instance) until answered. */
async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  return until(
    async () => {
      try {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (res.status >= 500) return null;
        if (!res.ok && res.status !== 409) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
        return (await res.json()) as T;
      } catch (err) {
        if (err instanceof Error && err.message.startsWith(`${method} ${path}:`)) throw err;
        return null;
      }
    },
    (v): v is T => v !== null,
    60_000,
    `${method} ${path} answered by some instance`,
  ) as Promise<T>;
}

interface Instance {
  port: number;
  data: string;
  proc: StationProcess;
}

interface LeaseSpan {
  lease: string;
  instanceId: string;
  from: number;
  to: number;
}

/** Each lease an instance process held, from its "lease taken" line to its release, loss, or the process's death. */
function leaseSpans(proc: StationProcess, diedAt: number): LeaseSpan[] {
  const open = new Map<string, LeaseSpan>();
  const spans: LeaseSpan[] = [];
  for (const line of proc.output().split('\n')) {
    if (!line.startsWith('{')) continue;
    const l = JSON.parse(line) as { msg?: string; lease?: string; instanceId?: string; time?: number };
    if (!l.lease || !l.instanceId || l.time === undefined) continue;
    if (l.msg === 'lease taken')
      open.set(l.lease, { lease: l.lease, instanceId: l.instanceId, from: l.time, to: diedAt });
    if (l.msg === 'lease released' || l.msg === 'lease lost to another hub instance') {
      const span = open.get(l.lease);
      if (span) spans.push({ ...span, to: l.time });
      open.delete(l.lease);
    }
  }
  return [...spans, ...open.values()];
}

describe.runIf(PG_URL)('three hub instances on one PostgreSQL', () => {
  it('lose no order, report each shipment once and never run a job twice at once through 20 kills', async () => {
    await onTestServer([`CREATE SCHEMA ${schema}`]);
    const catalog = generateCatalog(31);
    const products = fakeProductsOf(catalog);
    fake = new FakeWechat({ apps: [{ appid: WX_SHOP.appid, secret: WX_SHOP.secret, kind: 'channels' }] });
    const apiBase = await fake.listen();
    const config = writeConfig(
      dir,
      shopHubConfig(
        ADMIN,
        { apiBase, timeoutMs: 3000 },
        {
          hub: { adminToken: ADMIN, leaseTtlMs: 4000 },
          store: { kind: 'postgres', url: PG_URL, schema, poolSize: 4 },
          reportBack: { intervalMs: 200, baseDelayMs: 100, maxDelayMs: 1000, concurrency: 2 },
        },
      ),
      'hub.json',
    );
    const ports = [await closedPort(), await closedPort(), await closedPort()];
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);
    const start = async (port: number, data: string): Promise<StationProcess> => {
      const p = await spawnCli(
        ['cloud', '--config', config, '--data', data, '--port', String(port)],
        /Hub API: (http:\/\/127\.0\.0\.1:\d+)\/v1/,
      );
      procs.push(p);
      return p;
    };
    // The first instance migrates the schema; the others find it done.
    const instances: Instance[] = [];
    for (const [i, port] of ports.entries()) {
      const data = join(dir, `hub-${i}`);
      mkdirSync(data, { recursive: true });
      instances.push({ port, data, proc: await start(port, data) });
    }
    proxy = await startRoundRobinProxy(ports);
    const hub = proxy.url;

    await call(hub, ADMIN, 'POST', '/v1/admin/products', catalog.products);
    const token = async (id: string) =>
      (await call<{ token: string }>(hub, ADMIN, 'POST', '/v1/admin/stations', { id })).token;
    const packer = await token('P');
    const desks: { id: string; proc: StationProcess; db: () => Database.Database }[] = [];
    for (const [id, hubSection] of [
      ['S1', { url: hub }],
      ['S2', { urls }],
    ] as const) {
      const data = join(dir, `station-${id}`);
      mkdirSync(data, { recursive: true });
      const stationConfig = writeConfig(data, {
        station: { id },
        hub: { ...hubSection, token: await token(id), pullWaitS: 2 },
        devices: { scanner: { kind: 'sim' }, scale: { kind: 'sim' }, printer: { interface: 'sim' } },
      });
      const proc = await startStationProcess({ config: stationConfig, data });
      procs.push(proc);
      desks.push({ id, proc, db: () => new Database(join(data, `station-${id}.db`), { readonly: true }) });
    }

    const channelsOrders: FakeChannelsOrder[] = [];
    const intakeIds: string[] = [];
    const packed = new Map<string, AnyOutboxEvent[]>();
    const shipped = () => channelsOrders.filter((o) => (fake?.channelsShipments(o.order_id).length ?? 0) > 0).length;
    /** The packing desk: pulls what the hub has and packs every Channels order not packed yet. */
    const packNew = async () => {
      const page = await call<PullResponse>(hub, packer, 'GET', '/v1/sync/pull?cursor=0&wait=0&limit=1000');
      const wanted = new Set(channelsOrders.map((o) => o.order_id));
      const fresh = page.orders.filter((o) => wanted.has(o.id) && !packed.has(o.id));
      for (const o of fresh) packed.set(o.id, packEvents('P', o, `7800${String(packed.size).padStart(8, '0')}`));
      const events = fresh.flatMap((o) => packed.get(o.id) ?? []);
      if (events.length > 0) await call(hub, packer, 'POST', '/v1/sync/events', { events });
    };

    const random = prng(16);
    const killedAt = new Map<StationProcess, number>();
    for (let k = 0; k < KILLS; k++) {
      channelsOrders.push(
        ...fake.generateChannelsOrders({
          count: BATCH,
          seed: 500 + k,
          products,
          startTime: Math.floor(Date.now() / 1000) - 3600,
        }),
      );
      for (let j = 0; j < BATCH; j++) {
        const id = `IN-${k}-${j}`;
        intakeIds.push(id);
        await call(hub, ADMIN, 'POST', '/v1/orders', intakeOrder(id, catalog.products[j]?.sku ?? ''));
      }
      await packNew();
      // Kill while report-back has work: once a shipment more went through, or nothing packed waits.
      const before = shipped();
      await until(shipped, (n) => n > before || n === packed.size, 60_000, `a shipment reported before kill ${k + 1}`);
      const victim = instances[Math.floor(random() * instances.length)];
      if (!victim) throw new Error('no instance to kill');
      await victim.proc.stop('SIGKILL');
      killedAt.set(victim.proc, Date.now());
      victim.proc = await start(victim.port, victim.data);
    }

    // Everything in: all orders at both desks, every Channels order packed and reported.
    await until(
      async () => {
        await packNew();
        return shipped();
      },
      (n) => n === channelsOrders.length,
      180_000,
      'every Channels order reported',
    );
    const allIds = [...channelsOrders.map((o) => o.order_id), ...intakeIds];
    for (const desk of desks)
      await until(
        () => {
          const db = desk.db();
          try {
            const have = new Set((db.prepare('SELECT id FROM orders').all() as { id: string }[]).map((r) => r.id));
            return allIds.filter((id) => !have.has(id));
          } finally {
            db.close();
          }
        },
        (missing) => missing.length === 0,
        120_000,
        `every order at desk ${desk.id}`,
      );

    for (const o of channelsOrders) expect(fake.channelsShipments(o.order_id), o.order_id).toHaveLength(1);
    const sends = fake.calls(SEND_PATH).filter((c) => !c.dropped && c.errcode === 0);
    expect(sends).toHaveLength(channelsOrders.length);
    expect(
      fake.calls('/cgi-bin/stable_token').every((c) => (c.body as { force_refresh?: unknown }).force_refresh === false),
    ).toBe(true);
    expect(fake.forceRefreshCount()).toBe(0);
    expect(killedAt.size).toBe(KILLS);

    // S2 talks to one of the instances themselves, and says which.
    const ws = await connect(desks[1]?.proc.url ?? '');
    closers.push(() => ws.close());
    const snapshot = await ws.call('station.snapshot', {});
    expect(urls).toContain(snapshot.sync.hub);

    // No job ran on two instances at once: each lease's holders follow one another.
    const end = Date.now();
    const hubProcs = procs.filter((p) => !desks.some((d) => d.proc === p));
    const spans = hubProcs.flatMap((p) => leaseSpans(p, killedAt.get(p) ?? end));
    const byLease = new Map<string, LeaseSpan[]>();
    for (const s of spans) byLease.set(s.lease, [...(byLease.get(s.lease) ?? []), s]);
    const overlaps: string[] = [];
    let handedOver = 0;
    for (const [lease, list] of byLease) {
      list.sort((a, b) => a.from - b.from);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const cur = list[i];
        if (!prev || !cur) continue;
        if (prev.instanceId !== cur.instanceId) handedOver++;
        if (cur.from < prev.to)
          overlaps.push(
            `${lease}: ${cur.instanceId} took it at ${cur.from} while ${prev.instanceId} held it until ${prev.to}`,
          );
      }
    }
    expect(overlaps).toEqual([]);
    expect(byLease.has('report')).toBe(true);
    expect(byLease.has(`pull:${WX_SHOP.id}`)).toBe(true);
    expect(handedOver).toBeGreaterThan(0);
  });
});
