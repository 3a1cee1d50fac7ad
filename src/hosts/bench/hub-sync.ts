// Hub ⇄ station over real HTTP on 127.0.0.1: the initial pull of a large order book, the time from
// an order created at the hub to the order visible at a long-polling station, and draining a
// backlog of queued station events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { startHub, type RunningHub } from '../../cloud/app.js';
import { hubConfigSchema } from '../../cloud/config.js';
import { hashToken, newToken } from '../../cloud/auth.js';
import { upsertOrder } from '../../cloud/services/orders.js';
import { openDatabase } from '../../base/node/sqlite/open.js';
import { stationMigrations } from '../../main/core/store/migrations.js';
import { stationConfigSchema } from '../../main/config/schema.js';
import { createStation, type Station } from '../../main/core/station.js';
import { systemClock } from '../../main/core/types.js';
import { createDeviceFactory, initialDevices } from '../station/devices.js';
import { SyncEngine } from '../../main/sync/engine.js';
import { generateCatalog, generateOrders } from '../../demo/data/generator.js';
import { ms, nowMs, percentile, summarize, verdict } from './stats.js';

type Log = (line: string) => void;

async function hubWith(dir: string, orders: number): Promise<{ hub: RunningHub; token: string }> {
  const config = hubConfigSchema.parse({ stations: { poolTarget: 0 }, reportBack: { intervalMs: 60_000 } });
  const hub = await startHub({ config, dataDir: dir, port: 0, logger: pino({ level: 'silent' }) });
  const catalog = generateCatalog(7);
  const token = newToken();
  await hub.store.tx(async (t) => {
    await t.products.upsert(catalog.products, { at: Date.now() });
    await t.packers.upsert(catalog.packers);
    await t.stations.add({
      id: 'BENCH',
      name: 'BENCH',
      layout: 'u_shaped',
      tokenHash: hashToken(token),
      createdAt: Date.now(),
      revokedAt: null,
      lastSeenAt: null,
    });
  });
  const gen = generateOrders(7, catalog, orders);
  for (let done = 0; done < orders; done += 5000) {
    await hub.store.tx(async (t) => {
      for (let i = 0; i < 5000 && done + i < orders; i++) {
        const next = gen.next();
        if (next.done) break;
        const { status, ...o } = next.value;
        await upsertOrder(
          t,
          {
            order: { ...o, status: status === 'cancelled' ? 'cancelled' : status === 'held' ? 'held' : 'open' },
            source: 'import',
            shopId: null,
            wechatLines: [],
            payment: null,
          },
          Date.now(),
        );
      }
    });
  }
  return { hub, token };
}

function stationAgainst(
  dir: string,
  url: string,
  token: string,
): { station: Station; db: Database.Database; sync: () => SyncEngine } {
  const config = stationConfigSchema.parse({
    station: { id: 'BENCH' },
    hub: { url, token, pullWaitS: 25 },
    devices: { scale: { kind: 'sim', autoPlace: false } },
  });
  const db = openDatabase(join(dir, 'station.db'), stationMigrations);
  let engine: SyncEngine | null = null;
  const station = createStation({
    db,
    config,
    clock: systemClock,
    devices: initialDevices(createDeviceFactory(systemClock, { dataDir: dir }), config),
    sync: ({ desk, db: d, clock }) =>
      (engine = new SyncEngine({ hub: { ...config.hub!, pullWaitS: 25 }, desk, db: d, clock, pushIntervalMs: 50 })),
  });
  return { station, db, sync: () => engine as unknown as SyncEngine };
}

/** The raw better-sqlite3 insert rate on this machine right now, for comparison with the pull. */
function rawInsertRate(dir: string, rows: number): number {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b INTEGER, c TEXT, d INTEGER)');
  const ins = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
  const t0 = nowMs();
  db.transaction(() => {
    for (let i = 0; i < rows; i++)
      ins.run(`37${String(i).padStart(17, '0')}`, '浙江省杭州市西湖区文三路**号', i, 'SKU-FRG-0001', i * 7);
  })();
  const rate = rows / ((nowMs() - t0) / 1000);
  db.close();
  return rate;
}

async function until(probe: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export async function benchHubSync(opts: {
  orders: number;
  visibility: number;
  events: number;
  log: Log;
}): Promise<void> {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-hub-'));
  const { hub, token } = await hubWith(join(dir, 'hub'), opts.orders);
  const s = stationAgainst(dir, hub.url, token);
  try {
    const count = s.db.prepare('SELECT count(*) FROM orders').pluck();
    const t0 = nowMs();
    await s.station.start();
    await until(() => (count.get() as number) >= opts.orders, 120_000, 'initial pull');
    const pullS = (nowMs() - t0) / 1000;
    const raw = rawInsertRate(dir, opts.orders);
    log(
      `  initial pull of ${opts.orders.toLocaleString('en')} orders hub → station: ${pullS.toFixed(2)} s (${Math.round(opts.orders / pullS).toLocaleString('en')} orders/s; target ≤ 10 s: ${verdict(pullS <= 10)})`,
    );
    log(`  raw better-sqlite3 insert rate in the same run: ${Math.round(raw).toLocaleString('en')} rows/s`);

    // Visibility: a new order at the hub → on the station's disk, with the station long-polling.
    const seen = s.db.prepare('SELECT 1 FROM orders WHERE id = ?').pluck();
    const catalog = generateCatalog(7);
    const product = catalog.products.find((p) => p.components.length === 0);
    if (!product) throw new Error('bench: no product');
    const samples: number[] = [];
    for (let i = 0; i < opts.visibility; i++) {
      await new Promise((r) => setTimeout(r, 30)); // let the station's next long-poll settle in
      const id = `BENCH-VIS-${i}`;
      const created = nowMs();
      await hub.store.tx((t) =>
        upsertOrder(
          t,
          {
            order: {
              id,
              channel: 'mini_program',
              status: 'open',
              pickSlip: null,
              recipientName: '王**',
              recipientPhone: '139****0000',
              address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路**号' },
              remark: '',
              flags: [],
              holdReason: null,
              valueFen: product.priceFen,
              paidAt: Date.now(),
              updatedAt: Date.now(),
              lines: [
                {
                  lineNo: 1,
                  productId: product.id,
                  sku: product.sku,
                  title: product.title,
                  qty: 1,
                  priceFen: product.priceFen,
                },
              ],
            },
            source: 'intake',
            shopId: null,
            wechatLines: [],
            payment: null,
          },
          Date.now(),
        ),
      );
      await until(() => seen.get(id) !== undefined, 10_000, `order ${id} at the station`);
      samples.push(nowMs() - created);
    }
    const v = summarize(samples);
    const p95 = percentile(
      [...samples].sort((a, b) => a - b),
      95,
    );
    log(
      `  order created at the hub → visible at the station, ${v.n} orders: p50 ${ms(v.p50)}   p95 ${ms(p95)}   max ${ms(v.max)}   (target p95 ≤ 1 s: ${verdict(p95 <= 1000)})`,
    );

    // Drain: a backlog of queued events (a day offline) pushed in order, applied once each.
    const outbox = s.station.services.stores.outbox;
    s.db.transaction(() => {
      for (let i = 0; i < opts.events; i++) {
        outbox.append(
          'scan.recorded',
          {
            scanId: i,
            packId: null,
            orderId: null,
            code: `BENCH-${i}`,
            verdict: 'order_unknown',
            productId: null,
            qty: 0,
            parcelNo: null,
          },
          null,
        );
      }
    })();
    const d0 = nowMs();
    await until(() => outbox.pendingCount() === 0, 300_000, 'queue drained');
    const drainS = (nowMs() - d0) / 1000;
    log(
      `  drain ${opts.events.toLocaleString('en')} queued events station → hub: ${drainS.toFixed(2)} s (${Math.round(opts.events / drainS).toLocaleString('en')} events/s)`,
    );
  } finally {
    await s.station.close();
    s.db.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
