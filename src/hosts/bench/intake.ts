// Peak-day intake (issue 16 §3a): orders pushed through POST /v1/orders at a target rate for a while,
// against one hub on SQLite and two hub instances sharing PostgreSQL, each hub its own process (the
// generator must not share the hub's event loop). Prints orders/min achieved, lost (sent − stored)
// and p50/p99 beside their targets, then the knee: the rate at which p99 passes 1 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubConfigSchema, type HubConfig } from '../../cloud/config.js';
import { openHubStore } from '../../cloud/store/open.js';
import { generateCatalog } from '../../demo/data/generator.js';
import { driveIntake, type LoadResult } from './intake-load.js';
import { onBenchStores, type BenchStore } from './bench-stores.js';
import { startHubProcess, stopHub, type HubProcess } from './hub-process.js';
import { summarize, verdict } from './stats.js';

type Log = (line: string) => void;

export interface IntakeBenchOptions {
  seconds: number;
  /** Orders per minute. */
  rate: number;
  /** Seconds per step of the knee search (0: no knee). */
  kneeSeconds: number;
  /** Which of 'sqlite' and 'postgres' to run. */
  stores: readonly string[];
  /** Seconds at the rate before the measured run (not in its figures; its orders must be stored too). */
  warmupSeconds: number;
  log: Log;
}

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const CONNECTIONS = 64;
const TARGET_RATE = 100_000;
const TARGET_P99_MS = 200;
const KNEE_P99_MS = 1000;
const KNEE_STEP = 60_000;
const KNEE_MAX = 900_000;
/** Orders waiting for an answer, in seconds of the rate, at which a run stops sending (bounded runs). */
const MAIN_BACKLOG_S = 5;
const KNEE_BACKLOG_S = 2;

export async function benchIntake(opts: IntakeBenchOptions): Promise<void> {
  await onBenchStores(opts.stores, 'intake', opts.log, (s) => benchOn(s, opts));
}

async function benchOn(s: BenchStore, opts: IntakeBenchOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-intake-'));
  const config = hubConfigSchema.parse({
    hub: { port: 0, adminToken: ADMIN_TOKEN },
    stations: { poolTarget: 0 },
    store: s.store,
  });
  const configPath = join(dir, 'hub.json');
  writeFileSync(configPath, JSON.stringify(config));
  const catalog = generateCatalog(7);
  const skus = catalog.products.filter((p) => p.components.length === 0).map((p) => p.sku);
  const store = await openHubStore(config, dir);
  await store.tx((t) => t.products.upsert(catalog.products, { at: Date.now() }));
  await store.close();
  const hubs: HubProcess[] = [];
  try {
    // SQLite: the one hub on the seeded file; PostgreSQL: each instance a data dir of its own.
    for (let i = 0; i < s.instances; i++)
      hubs.push(await startHubProcess(configPath, s.store.kind === 'sqlite' ? dir : join(dir, `data-${i}`)));
    const urls = hubs.map((h) => h.url);
    let prefix = 'WARM-';
    const body = (i: number) => orderJson(`${prefix}${i}`, skus[i % skus.length] ?? 'X', Date.now());
    opts.log(
      `  ${s.label}: ${opts.rate.toLocaleString('en')} orders/min for ${opts.seconds} s, ${CONNECTIONS} connections, after ${opts.warmupSeconds} s of warm-up at that rate`,
    );
    // A hub takes a sale's peak already running: its code compiled, its pools and caches filled. The
    // warm-up's orders count as sent and must be stored too; its latency is shown apart.
    let warmupSent = 0;
    if (opts.warmupSeconds > 0) {
      const warm = await driveIntake({
        urls,
        adminToken: ADMIN_TOKEN,
        rate: opts.rate,
        seconds: opts.warmupSeconds,
        connections: CONNECTIONS,
        body,
        maxBacklog: backlog(opts.rate, MAIN_BACKLOG_S),
      });
      warmupSent = warm.sent;
      const lat = summarize(warm.latencies);
      opts.log(
        `    warm-up       ${warm.sent} sent, ${warm.failed} failed, p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms`,
      );
    }
    prefix = 'MAIN-';
    const main = await driveIntake({
      urls,
      adminToken: ADMIN_TOKEN,
      rate: opts.rate,
      seconds: opts.seconds,
      connections: CONNECTIONS,
      body,
      maxBacklog: backlog(opts.rate, MAIN_BACKLOG_S),
    });
    const stored = (await countOrders(config, dir)) - warmupSent;
    report(s.label, main, stored, warmupSent, opts.log);
    if (opts.kneeSeconds <= 0) return;
    let knee: number | null = null;
    let below: number | null = null;
    for (let rate = KNEE_STEP; rate <= KNEE_MAX && knee === null; rate += KNEE_STEP) {
      prefix = `K${rate}-`;
      const step = await driveIntake({
        urls,
        adminToken: ADMIN_TOKEN,
        rate,
        seconds: opts.kneeSeconds,
        connections: CONNECTIONS,
        body,
        maxBacklog: backlog(rate, KNEE_BACKLOG_S),
      });
      const p99 = summarize(step.latencies).p99;
      const stopped = step.stoppedAtS === null ? '' : `, stopped at ${step.stoppedAtS.toFixed(1)} s (backlog)`;
      opts.log(`    step ${rate.toLocaleString('en')}/min: p99 ${p99.toFixed(0)} ms, ${step.failed} failed${stopped}`);
      if (p99 > KNEE_P99_MS || step.failed > 0) knee = rate;
      else below = rate;
    }
    opts.log(
      knee === null
        ? `  ${s.label}: knee not reached up to ${KNEE_MAX.toLocaleString('en')} orders/min`
        : `  ${s.label}: knee — p99 passes 1 s ${below === null ? 'already at' : `between ${below.toLocaleString('en')} and`} ${knee.toLocaleString('en')} orders/min`,
    );
  } finally {
    for (const h of hubs) await stopHub(h.proc);
    rmSync(dir, { recursive: true, force: true });
  }
}

const WINDOW_S = 30;

/** p99 of the orders due in each window of the run: a stall shows where it happened. */
function windowP99(r: LoadResult): string[] {
  const windows: (number[] | undefined)[] = [];
  r.latencies.forEach((l, i) => {
    const w = Math.floor((r.dueAt[i] as number) / (WINDOW_S * 1000));
    (windows[w] ??= []).push(l);
  });
  return Array.from(windows, (w) => (w ? summarize(w).p99.toFixed(0) : '–'));
}

const backlog = (perMin: number, seconds: number) => Math.max(CONNECTIONS, Math.round((perMin / 60) * seconds));

/** The measured run's figures; `stored` is what the store holds less the warm-up's orders. */
function report(label: string, r: LoadResult, stored: number, warmupSent: number, log: Log): void {
  const perMin = (r.ok / r.elapsedMs) * 60_000;
  const lat = summarize(r.latencies);
  const lost = r.sent - stored;
  log(
    `  ${label}: sent ${r.sent}, answered ok ${r.ok}, failed ${r.failed}${r.firstFailure ? ` (first: ${r.firstFailure})` : ''}`,
  );
  if (r.stoppedAtS !== null)
    log(
      `    stopped sending after ${r.stoppedAtS.toFixed(1)} s: over ${MAIN_BACKLOG_S} s of orders waited for an answer`,
    );
  log(
    `    achieved      ${Math.round(perMin).toLocaleString('en')} orders/min   target ≥ ${TARGET_RATE.toLocaleString('en')}   ${verdict(perMin >= TARGET_RATE)}`,
  );
  const warm = warmupSent > 0 ? `, the warm-up's ${warmupSent} taken off both` : '';
  log(`    lost          ${lost} (sent ${r.sent} − stored ${stored}${warm})   target 0   ${verdict(lost === 0)}`);
  log(`    latency p50   ${lat.p50.toFixed(1)} ms`);
  log(
    `    latency p99   ${lat.p99.toFixed(1)} ms   target ≤ ${TARGET_P99_MS} ms   ${verdict(lat.p99 <= TARGET_P99_MS)}`,
  );
  log(`    p99 by ${WINDOW_S} s  ${windowP99(r).join(' · ')} ms`);
  log(`    generator CPU ${r.cpuPercent.toFixed(0)}% of one core (load ${loadavg()[0]?.toFixed(1)})`);
}

/** Stored orders, read through the store once the run is over. */
async function countOrders(config: HubConfig, dir: string): Promise<number> {
  const store = await openHubStore(config, dir);
  try {
    return await store.tx((t) => t.orders.count());
  } finally {
    await store.close();
  }
}

function orderJson(id: string, sku: string, paidAt: number): string {
  return JSON.stringify({
    id,
    channel: 'mini_program',
    recipientName: '张三',
    recipientPhone: '13800000000',
    address: { province: '上海市', city: '上海市', district: '浦东新区', detail: '张江路1号' },
    paidAt,
    lines: [{ sku, qty: 1, priceFen: 1990 }],
    payment: { appId: 'wx-bench', transactionId: `tx-${id}`, payerOpenid: `openid-${id}` },
  });
}
