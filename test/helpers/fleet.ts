// Real hub and station processes on 127.0.0.1 for chaos and integration tests: one temp folder per
// test file, and every process and socket started through the fleet is stopped by cleanup().
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StationSnapshot } from '../../src/contract/station.js';
import {
  connect,
  startHubProcess,
  startStationProcess,
  writeConfig,
  type StationProcess,
  type WsClient,
} from './process.js';

/** A simulated scale that weighs by itself, quickly: a scanned pack completes with no one at the desk. */
export const AUTO_SCALE = { kind: 'sim', autoPlace: true, settleMs: 120, placeDelayMs: 30, tickMs: 40 };

/** The Channels shop the fake WeChat serves in process tests. */
export const WX_SHOP = { id: 'shop1', appid: 'wx-shop', secret: 'shop-secret' };

export interface StationOptions {
  /** The station's long-poll wait at the hub (hub.pullWaitS); 2 s unless told. */
  pullWaitS?: number;
  /** The simulated scale's settings; a plain simulated scale unless told. */
  scale?: Record<string, unknown>;
  /** More device sections, e.g. `wechatComponent: { url: 'sim' }` for Channels e-waybills. */
  devices?: Record<string, unknown>;
}

export interface FleetStation {
  proc: StationProcess;
  ws: WsClient;
  /** The station's database opened read-only, beside the running station; the caller closes it. */
  db(): Database.Database;
  /** The order's status in the station's database; undefined while the station does not have it. */
  orderStatus(orderId: string): string | undefined;
  /** Whether the station has the order (with `status`, when given). */
  hasOrder(orderId: string, status?: string): boolean;
  /** A scan through the API, as a scanner would send it; returns its verdict. */
  scan(code: string): Promise<string>;
  snapshot(): Promise<StationSnapshot>;
}

export interface Fleet {
  dir: string;
  /** Every process started or tracked, in order (the hub first when it was started first). */
  procs: StationProcess[];
  /** The hub's data folder, <dir>/hub: a restarted hub finds its database again. */
  hubData: string;
  /** Writes `config` as <dir>/hub.json and returns its path. */
  writeHubConfig(config: object): string;
  /** Starts `packdesk cloud` on the config file, with its data in hubData. */
  startHub(config: string): Promise<StationProcess>;
  /** Writes a station config (hub section, simulated devices), starts `packdesk station`, connects. */
  startStation(id: string, hubUrl: string, token: string, opts?: StationOptions): Promise<FleetStation>;
  /** A process started elsewhere (spawnCli), stopped at cleanup like the others. */
  track(proc: StationProcess): StationProcess;
  /** A WebSocket client closed at cleanup. */
  connect(url: string): Promise<WsClient>;
  /** Closes every socket, kills every process, removes the folder. */
  cleanup(): Promise<void>;
}

export function createFleet(prefix: string): Fleet {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const hubData = join(dir, 'hub');
  const procs: StationProcess[] = [];
  const clients: WsClient[] = [];
  const track = (proc: StationProcess) => {
    procs.push(proc);
    return proc;
  };
  const connectTracked = async (url: string) => {
    const ws = await connect(url);
    clients.push(ws);
    return ws;
  };
  return {
    dir,
    procs,
    hubData,
    writeHubConfig: (config) => writeConfig(dir, config, 'hub.json'),
    async startHub(config) {
      mkdirSync(hubData, { recursive: true });
      return track(await startHubProcess({ config, data: hubData }));
    },
    async startStation(id, hubUrl, token, opts = {}) {
      const data = join(dir, `station-${id}`);
      mkdirSync(data, { recursive: true });
      const config = writeConfig(data, {
        station: { id },
        hub: { url: hubUrl, token, pullWaitS: opts.pullWaitS ?? 2 },
        devices: {
          scanner: { kind: 'sim' },
          scale: opts.scale ?? { kind: 'sim' },
          printer: { interface: 'sim' },
          ...opts.devices,
        },
      });
      const proc = track(await startStationProcess({ config, data }));
      const ws = await connectTracked(proc.url);
      const db = () => new Database(join(data, `station-${id}.db`), { readonly: true });
      const orderStatus = (orderId: string) => {
        const d = db();
        try {
          return (d.prepare('SELECT status FROM orders WHERE id = ?').get(orderId) as { status: string } | undefined)
            ?.status;
        } finally {
          d.close();
        }
      };
      return {
        proc,
        ws,
        db,
        orderStatus,
        hasOrder(orderId, status) {
          const found = orderStatus(orderId);
          return found !== undefined && (status === undefined || found === status);
        },
        scan: async (code) => (await ws.call('scan.submit', { code, source: 'api' })).verdict,
        snapshot: () => ws.call('station.snapshot', {}),
      };
    },
    track,
    connect: connectTracked,
    async cleanup() {
      for (const c of clients) c.close();
      for (const p of procs) await p.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A hub config with one Channels shop (WX_SHOP) at the fake WeChat, pulled every second. */
export function shopHubConfig(
  adminToken: string,
  wechat: { apiBase: string; timeoutMs: number },
  more: Record<string, unknown> = {},
): object {
  return {
    hub: { adminToken },
    wechat: { ...wechat, shops: [{ ...WX_SHOP, pullIntervalS: 1, overlapS: 7200 }] },
    ...more,
  };
}

/** A fetch of the hub's API with a bearer token; a refusal (non-2xx) throws with the answer. */
export function adminClient(token: string) {
  return async <T = unknown>(hubUrl: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${hubUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        // No content type without a body: Fastify refuses an empty JSON body (FST_ERR_CTP_EMPTY_JSON_BODY).
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** An order at the hub's intake door (POST /v1/orders): one line of `sku`, paid in the mini program. */
export function intakeOrder(id: string, sku: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    channel: 'mini_program',
    recipientName: '王芳',
    recipientPhone: '13912341234',
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路88号' },
    lines: [{ sku, qty: 1, priceFen: 1000 }],
    payment: { appId: 'wx-mini-1', transactionId: `42000${id}`, payerOpenid: 'openid-1' },
    ...extra,
  };
}
