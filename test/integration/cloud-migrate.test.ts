// `packdesk cloud migrate` end to end: a SQLite hub with real data (intake orders, station events,
// shipments, stock movements, video hashes, catalog image blobs) is copied to PostgreSQL by the
// built CLI, killed once midway and run again, verified, and then a hub started on the PostgreSQL
// store answers with the same data. Runs when PACKDESK_TEST_PG_URL names a PostgreSQL server.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../src/cloud/app.js';
import { hubConfigSchema, type HubConfig } from '../../src/cloud/config.js';
import { newId } from '../../src/base/ids.js';
import { SqliteHubStore } from '../../src/cloud/store/sqlite/store.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { runPackdesk } from '../helpers/cli.js';
import { ROOT } from '../helpers/process.js';
import { until } from '../helpers/wait.js';

const url = process.env.PACKDESK_TEST_PG_URL;
const ADMIN = 'migrate-admin-token-0123456789abcdef';
const ORDERS = 120;
const EVENTS = 1500;
const T0 = Date.UTC(2026, 11, 2, 2);
const CATALOG = generateCatalog(3);
const SKUS = CATALOG.products.filter((p) => p.components.length === 0).map((p) => p.sku);

let dir: string;
let schema: string;
let server: pg.Client;

const config = (store: Record<string, unknown>): HubConfig =>
  hubConfigSchema.parse({ hub: { adminToken: ADMIN }, stations: { poolTarget: 0 }, store });

async function admin(hub: RunningHub, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const intake = (id: string, sku: string) => ({
  id,
  channel: 'mini_program',
  recipientName: '李四',
  recipientPhone: '13900000000',
  address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' },
  paidAt: T0,
  lines: [{ sku, qty: 2, priceFen: 990 }],
  payment: { appId: 'wx-mini-1', transactionId: `tx-${id}`, payerOpenid: 'openid-m' },
});

/** The SQLite hub: orders through the intake API, the rest through the store as the services write it. */
async function fillSqliteHub(): Promise<void> {
  const hub = await startHub({
    config: config({ kind: 'sqlite' }),
    dataDir: dir,
    port: 0,
    logger: pino({ level: 'silent' }),
  });
  await hub.store.tx((t) => t.products.upsert(CATALOG.products, { at: T0 }));
  expect((await admin(hub, 'POST', '/v1/admin/stations', { id: 'ST-1' })).status).toBe(200);
  for (let i = 0; i < ORDERS; i++)
    expect((await admin(hub, 'POST', '/v1/orders', intake(`MIG-${i}`, SKUS[i % SKUS.length] ?? ''))).status).toBe(200);
  await hub.close();

  const store = new SqliteHubStore(join(dir, 'hub.db'));
  await store.tx(async (t) => {
    for (let i = 0; i < EVENTS; i++)
      await t.events.insertIfNew(
        {
          id: newId(T0 + i),
          stationId: 'ST-1',
          type: 'pack.completed',
          at: T0 + i,
          packerId: 'P-1',
          payload: { orderId: `MIG-${i % ORDERS}`, n: i },
        },
        T0 + i,
      );
    for (let i = 0; i < 40; i++) {
      await t.shipments.upsert({
        parcelId: `PCL-${i}`,
        orderId: `MIG-${i}`,
        stationId: 'ST-1',
        packId: `PK-${i}`,
        parcelNo: 1,
        carrier: 'SF',
        waybill: `SF${1000 + i}`,
        items: [{ productId: 1, sku: SKUS[0] ?? '', qty: 2 }],
        weightG: 500 + i,
        packedAt: T0 + i,
        state: 'pending',
        attempts: 0,
        nextAt: T0,
        uncertain: false,
        lastErrcode: null,
        lastErrmsg: null,
        lastRid: null,
        doneAt: null,
      });
      await t.videoHashes.add({
        stationId: 'ST-1',
        fileId: i + 1,
        packId: `PK-${i}`,
        orderId: `MIG-${i}`,
        waybill: `SF${1000 + i}`,
        kind: 'clip',
        name: `pk-${i}.mp4`,
        bytes: 1_000_000 + i,
        sha256: createHash('sha256').update(`clip ${i}`).digest('hex'),
        prevHash: '0'.repeat(64),
        chainHash: createHash('sha256').update(`chain ${i}`).digest('hex'),
        at: T0 + i,
      });
    }
    for (let i = 0; i < 30; i++)
      await t.stock.move({
        id: `mv-${i}`,
        key: `receipt-${i}`,
        sku: SKUS[i % SKUS.length] ?? '',
        location: 'MAIN',
        pool: 'shared',
        kind: 'receipt',
        qty: 10 + i,
        channel: null,
        orderId: null,
        ref: `PO-${i}`,
        at: T0 + i,
        by: null,
      });
    for (let i = 0; i < 4; i++) {
      const bytes = Buffer.alloc(200_000 + i, i + 1);
      await t.catalogImages.add({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        contentType: 'image/jpeg',
        bytes,
        sourceUrl: `https://img.example/p${i}.jpg`,
        at: T0,
      });
    }
  });
  await store.close();
}

beforeAll(async () => {
  if (!url) return;
  dir = mkdtempSync(join(tmpdir(), 'packdesk-migrate-'));
  schema = `migrate_${process.pid}_${Date.now() % 1_000_000}`;
  server = new pg.Client({ connectionString: url });
  await server.connect();
  await fillSqliteHub();
}, 120_000);

afterAll(async () => {
  if (!url) return;
  await server.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await server.end();
  rmSync(dir, { recursive: true, force: true });
});

const migrateArgs = () => [
  'cloud',
  'migrate',
  '--from',
  `sqlite:${join(dir, 'hub.db')}`,
  '--to',
  `postgres:${url}`,
  '--schema',
  schema,
  '--batch',
  '25',
];

/** Starts the copy and kills it (SIGKILL) once it is copying station_events. */
async function killMidway(): Promise<void> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'packdesk.js'), ...migrateArgs()], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise((r) => proc.once('exit', r));
  await until(
    () => out,
    (o) => o.includes('copying station_events') || proc.exitCode !== null,
    60_000,
    'the copy to reach station_events',
  );
  proc.kill('SIGKILL');
  await exited;
  expect(out).not.toContain('all ');
}

describe.runIf(url)('packdesk cloud migrate', () => {
  it('copies a SQLite hub to PostgreSQL, resumes after a kill, verifies, and the PostgreSQL hub serves the data', async () => {
    await killMidway();
    const progress = await server.query<{ table_name: string; done: number }>(
      `SELECT table_name, done FROM ${schema}._migrate_progress`,
    );
    // Stopped midway: some tables copied, station_events begun and not finished.
    expect(progress.rows.some((r) => r.done === 1)).toBe(true);
    expect(progress.rows.find((r) => r.table_name === 'station_events')?.done).toBe(0);

    const run = await runPackdesk(migrateArgs());
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^orders\s+120\s+120\s+[0-9a-f]{16}\s+ok$/m);
    expect(run.out).toMatch(/^station_events\s+1500\s+1500\s+[0-9a-f]{16}\s+ok$/m);
    expect(run.out).toMatch(/^stock_movements\s+30\s+30\s+[0-9a-f]{16}\s+ok$/m);
    expect(run.out).toMatch(/^catalog_images\s+4\s+4\s+[0-9a-f]{16}\s+ok$/m);
    expect(run.out).toMatch(/^all \d+ tables match$/m);

    // A refused target: one line, no stack trace, nothing written.
    const other = `${schema}_other`;
    await server.query(`CREATE SCHEMA ${other}`);
    try {
      const again = await runPackdesk([
        'cloud',
        'migrate',
        '--from',
        `sqlite:${join(dir, 'nope.db')}`,
        '--to',
        `postgres:${url}`,
        '--schema',
        other,
      ]);
      expect(again.code).not.toBe(0);
      expect(again.err.trim().split('\n')).toHaveLength(1);
      expect(again.err).toContain('--from: cannot open');
    } finally {
      await server.query(`DROP SCHEMA ${other} CASCADE`);
    }

    const hub = await startHub({
      config: config({ kind: 'postgres', url: url ?? '', schema }),
      dataDir: join(dir, 'pg-hub'),
      port: 0,
      logger: pino({ level: 'silent' }),
    });
    try {
      const order = await admin(hub, 'GET', '/v1/admin/orders/MIG-7');
      expect(order.status).toBe(200);
      expect(order.body.order).toMatchObject({ id: 'MIG-7', version: 1, address: { detail: '文三路 1 号' } });
      expect(order.body.shipments).toMatchObject([{ parcelId: 'PCL-7', waybill: 'SF1007', weightG: 507 }]);
      // All 40 parcels (the hub's report-back may already be moving some on from pending).
      const counts = (await admin(hub, 'GET', '/v1/admin/shipments')).body as Record<string, number>;
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(40);
      expect((await admin(hub, 'GET', '/v1/admin/stations')).body).toMatchObject([{ id: 'ST-1' }]);
      // New rows take ids after the copied ones (identity sequences moved past them).
      const next = await admin(hub, 'POST', '/v1/orders', intake('MIG-NEW', SKUS[0] ?? ''));
      expect(next.body).toEqual({ id: 'MIG-NEW', changed: true, version: 1 });
    } finally {
      await hub.close();
    }
  }, 180_000);
});
