// The live-stream sale (issue 16 §3b): `--sale-orders` Channels orders paid in the WeChat sandbox
// within `--sale-minutes`, announced by pushes (1 % dropped) and found by list pulls, taken in
// under the sandbox's per-API limits by one hub process on SQLite and by two sharing PostgreSQL
// (`--sale-stores`), and pulled by `--sale-desks` simulated desks. Prints orders paid, minutes
// until the last one reached a desk, lost, and every limited API's calls beside its limits with the
// 45011/45009 answers — each beside its target.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubConfigSchema } from '../../cloud/config.js';
import { openHubStore } from '../../cloud/store/open.js';
import { generateCatalog } from '../../demo/data/generator.js';
import { DEFAULT_LIMITS, FakeWechat, type ApiUsage } from '../../demo/wechat-sandbox/index.js';
import { onBenchStores, type BenchStore } from './bench-stores.js';
import { startHubProcess, stopHub, type HubProcess } from './hub-process.js';
import { playSale, saleProducts, saleWechatConfig, SALE_SHOP, type SaleResult } from './sale-run.js';
import { verdict } from './stats.js';

type Log = (line: string) => void;

export interface SaleBenchOptions {
  orders: number;
  minutes: number;
  desks: number;
  /** Which stores to run the sale on: 'sqlite' (1 hub) and/or 'postgres' (2 hubs). */
  stores: readonly string[];
  log: Log;
}

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
/** The last order should reach a desk within a minute of the sale's end. */
const TAIL_MIN = 1;

export async function benchSale(opts: SaleBenchOptions): Promise<void> {
  if (!(opts.orders >= 1 && opts.minutes > 0 && opts.desks >= 1))
    throw new RangeError('--sale-orders, --sale-minutes and --sale-desks must be positive');
  await onBenchStores(opts.stores, 'sale', opts.log, (s) => saleOn(s, opts));
}

async function saleOn(s: BenchStore, opts: SaleBenchOptions): Promise<void> {
  const limits = DEFAULT_LIMITS;
  const fake = new FakeWechat({
    apps: [{ appid: SALE_SHOP.appid, secret: SALE_SHOP.secret, kind: 'channels', push: SALE_SHOP.push }],
    limits,
  });
  const apiBase = await fake.listen();
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-sale-'));
  const config = hubConfigSchema.parse({
    hub: { port: 0, adminToken: ADMIN_TOKEN },
    stations: { poolTarget: 0 },
    store: s.store,
    // Each instance paced at its share of the shop's limits.
    wechat: saleWechatConfig(apiBase, limits, {}, s.instances),
  });
  const configPath = join(dir, 'hub.json');
  writeFileSync(configPath, JSON.stringify(config));
  const catalog = generateCatalog(7);
  const store = await openHubStore(config, dir);
  await store.tx((t) => t.products.upsert(catalog.products, { at: Date.now() }));
  await store.close();
  const hubs: HubProcess[] = [];
  try {
    // SQLite: the one hub on the seeded file; PostgreSQL: each instance a data dir of its own.
    for (let i = 0; i < s.instances; i++)
      hubs.push(await startHubProcess(configPath, s.store.kind === 'sqlite' ? dir : join(dir, `data-${i}`)));
    opts.log(
      `  ${s.label}: ${opts.orders.toLocaleString('en')} orders paid over ${opts.minutes} min, 1 % of pushes dropped, ${opts.desks} desks${s.instances > 1 ? `, pushes and desks spread over the ${s.instances} hubs, each paced at 1/${s.instances} of the limits` : ''}`,
    );
    const sale = await playSale({
      fake,
      hubUrls: hubs.map((h) => h.url),
      adminToken: ADMIN_TOKEN,
      products: saleProducts(catalog),
      orders: opts.orders,
      seconds: opts.minutes * 60,
      desks: opts.desks,
      settleMs: Math.max(120_000, opts.minutes * 30_000),
      log: opts.log,
    });
    report(sale, opts, opts.log);
  } finally {
    for (const h of hubs) await stopHub(h.proc);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(s: SaleResult, opts: SaleBenchOptions, log: Log): void {
  const min = (ms: number) => (ms / 60_000).toFixed(2);
  log(
    `    orders paid   ${s.paid.toLocaleString('en')} in ${min(s.payingMs)} min   target ${opts.orders.toLocaleString('en')} within ${opts.minutes} min   ${verdict(s.paid === opts.orders && s.payingMs <= opts.minutes * 60_000 * 1.02)}`,
  );
  log(
    `    pushes        ${s.pushes.sent.toLocaleString('en')} sent, ${s.pushes.dropped} dropped on purpose, ${s.pushes.failed} never taken`,
  );
  log(
    s.lastReachMs === null
      ? `    last at desk  never: ${s.lost} orders did not reach a desk   target ≤ ${opts.minutes + TAIL_MIN} min   MISS`
      : `    last at desk  ${min(s.lastReachMs)} min after the first payment   target ≤ ${opts.minutes + TAIL_MIN} min   ${verdict(s.lastReachMs <= (opts.minutes + TAIL_MIN) * 60_000)}`,
  );
  log(`    lost          ${s.lost} (paid ${s.paid} − at a desk ${s.reached})   target 0   ${verdict(s.lost === 0)}`);
  log(`    desk claims   ${s.claims.ok} taken, ${s.claims.refused} refused, ${s.claims.failed} failed`);
  for (const e of s.deskErrors.slice(0, 3)) log(`    desk error    ${e}`);
  for (const u of s.usage) log(apiLine(u));
}

function apiLine(u: ApiUsage): string {
  const l = u.limit;
  const ok = u.refused45011 === 0 && u.refused45009 === 0 && u.peakPerWindow <= l.callCount;
  return (
    `    ${u.path}: ${u.admitted.toLocaleString('en')} calls (daily limit ${l.dailyLimit.toLocaleString('en')}), ` +
    `peak ${u.peakPerWindow.toLocaleString('en')} per ${l.refreshSecond} s (limit ${l.callCount.toLocaleString('en')}), ` +
    `45011 × ${u.refused45011}, 45009 × ${u.refused45009}   target none refused   ${verdict(ok)}`
  );
}
