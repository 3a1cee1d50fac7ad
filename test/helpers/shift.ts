// A scripted shift: stations in this process, each on its own manual clock, pack orders fed by a hub
// over 127.0.0.1 at a set pace and error rate; their sync engines (real time) push every event to the
// hub. The plan also says what the figures must come to — worked out from the timetable below, not
// by running the stats module — so tests can hold the hub's stats API to it.
//
// One order, two units (T恤 + 蓝牙耳机), relative to its start s (seconds):
//   s           order scanned                      pack.started
//   s + g       T恤 scanned
//   s + g + 1   the error scan, if this order has one (then CMD-ACK at s + g + 2)
//   s + 2g      耳机 scanned: all verified, weighing
//   s + 2g + w  parcel on the scale; it settles SETTLE_MS later: label printed, pack.completed
//   s + cycle   next order (plus the break, after the plan's break order)
import Database from 'better-sqlite3';
import type { Layout } from '../../src/contract/entities.js';
import { systemClock } from '../../src/main/core/types.js';
import { SyncEngine } from '../../src/main/sync/engine.js';
import { BARCODE, P, PRODUCTS } from './fixtures.js';
import { makeStation, type TestStation } from './station.js';
import { waitFor } from './wait.js';

export type ErrorKind = 'wrong_item' | 'unknown_code' | 'over_scan';

export interface StationPlan {
  stationId: string;
  layout: Layout;
  packer: { id: string; name: string; badge: string };
  orders: number;
  /** Seconds from one order scan to the next. */
  cycleS: number;
  /** Seconds between the scans of one order (g above). */
  itemGapS: number;
  /** Seconds from the last item to the parcel on the scale (w above). */
  toScaleS: number;
  /** Orders (0-based) with an error scan, and which. */
  errors: { order: number; kind: ErrorKind }[];
  /** A pause after this order (0-based), longer than the idle gap. */
  breakAfter?: { order: number; minutes: number };
  /** Number of this plan's first order (default 0). */
  firstOrder?: number;
}

/** From the parcel on the scale to the label printed: the sim scale settles, the desk accepts. */
export const SETTLE_MS = 600;
/** Login this long before the first order; logout this long after the last label. */
export const LEAD_S = 30;
export const UNITS_PER_ORDER = 2;

export interface Expected {
  orders: number;
  units: number;
  scanErrors: number;
  errorRate: number;
  packTimeMs: number;
  activeMs: number;
  idleGaps: number;
  idleMs: number;
  /** pack.completed instants, for per-hour counts. */
  completedAt: number[];
  loginAt: number;
  logoutAt: number;
}

/** The plan's figures, from the timetable alone. */
export function expectedFigures(plan: StationPlan, start: number): Expected {
  const packTimeMs = (2 * plan.itemGapS + plan.toScaleS) * 1000 + SETTLE_MS;
  const loginAt = start;
  const startAt: number[] = [];
  let t = start + LEAD_S * 1000;
  for (let i = 0; i < plan.orders; i++) {
    startAt.push(t);
    t += plan.cycleS * 1000 + (plan.breakAfter?.order === i ? plan.breakAfter.minutes * 60_000 : 0);
  }
  const completedAt = startAt.map((s) => s + packTimeMs);
  const lastDone = completedAt.at(-1) ?? start;
  const logoutAt = lastDone + LEAD_S * 1000;
  const b = plan.breakAfter;
  const idleMs = b ? (startAt[b.order + 1] ?? 0) - (completedAt[b.order] ?? 0) : 0;
  const scanErrors = plan.errors.length;
  const units = plan.orders * UNITS_PER_ORDER;
  return {
    orders: plan.orders,
    units,
    scanErrors,
    errorRate: scanErrors / units,
    packTimeMs,
    activeMs: logoutAt - loginAt - idleMs,
    idleGaps: b ? 1 : 0,
    idleMs,
    completedAt,
    loginAt,
    logoutAt,
  };
}

export interface ShiftStation {
  plan: StationPlan;
  t: TestStation;
  engine: SyncEngine;
  close(): Promise<void>;
}

type AdminCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

async function must(call: AdminCall, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const r = await call(method, path, body);
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Products, packers, waybills, a station per plan and its orders, at the hub. Returns station tokens. */
export async function seedHub(admin: AdminCall, plans: StationPlan[], paidAt: number): Promise<Map<string, string>> {
  await must(admin, 'POST', '/v1/admin/products', PRODUCTS);
  await must(admin, 'POST', '/v1/admin/packers', [
    ...plans.map((p) => ({ ...p.packer, role: 'packer' })),
    { id: 'S01', name: '王主管', badge: 'BADGE-S01', role: 'supervisor' },
  ]);
  for (const carrier of ['SF', 'ZTO', 'JD', 'YTO'])
    await must(admin, 'POST', '/v1/admin/waybills', {
      carrier,
      range: { prefix: `${carrier}9`, from: 1, to: 2000, width: 9 },
    });
  const tokens = new Map<string, string>();
  for (const plan of plans) {
    const { token } = (await must(admin, 'POST', '/v1/admin/stations', {
      id: plan.stationId,
      layout: plan.layout,
    })) as { token: string };
    tokens.set(plan.stationId, token);
    await seedOrders(admin, plan, paidAt);
  }
  return tokens;
}

/** The plan's orders at the hub (mini-program intake), paid at `paidAt`. */
export async function seedOrders(admin: AdminCall, plan: StationPlan, paidAt: number): Promise<void> {
  for (let i = 0; i < plan.orders; i++) {
    await must(admin, 'POST', '/v1/orders', {
      id: orderId(plan, i),
      channel: 'mini_program',
      recipientName: '林晓',
      recipientPhone: '18312342807',
      address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路88号' },
      paidAt,
      lines: [
        { sku: 'SKU-TEE', qty: 1, priceFen: 5900 },
        { sku: 'SKU-EAR', qty: 1, priceFen: 12900 },
      ],
      payment: { appId: 'wx-mini-1', transactionId: `4200-${orderId(plan, i)}`, payerOpenid: 'o-buyer' },
    });
  }
}

/** Order ids run on from `plan.firstOrder`, so a second run of a station gets new orders. */
export const orderId = (plan: StationPlan, i: number) =>
  `SH-${plan.stationId}-${String((plan.firstOrder ?? 0) + i).padStart(4, '0')}`;

/** A station on its manual clock at `start`, synced to the hub; resolves once it has its orders. */
export async function startShiftStation(
  plan: StationPlan,
  hubUrl: string,
  token: string,
  start: number,
): Promise<ShiftStation> {
  let engine: SyncEngine | null = null;
  const t = await makeStation({
    seed: false,
    start,
    config: {
      station: { id: plan.stationId, layout: plan.layout },
      hub: { url: hubUrl, token, pullWaitS: 1, pushBatch: 200, poolTarget: 100 },
    },
    sync: ({ desk, db, log, report }) => {
      engine = new SyncEngine({
        hub: { url: hubUrl, token, pullWaitS: 1, pushBatch: 200, poolTarget: 100 },
        desk,
        db,
        log,
        report,
        clock: systemClock,
        random: () => 0.01,
        pushIntervalMs: 100,
      });
      return engine;
    },
  });
  await hasOrders(t, plan);
  if (!engine) throw new Error('no sync engine built');
  const built: SyncEngine = engine;
  return { plan, t, engine: built, close: () => t.close() };
}

/** Resolves once the station has pulled the plan's orders and some waybill numbers. */
export async function hasOrders(t: TestStation, plan: StationPlan): Promise<void> {
  const ids = JSON.stringify(Array.from({ length: plan.orders }, (_, i) => orderId(plan, i)));
  await waitFor(
    () => {
      const have = t.db
        .prepare('SELECT count(*) FROM orders WHERE id IN (SELECT value FROM json_each(?))')
        .pluck()
        .get(ids) as number;
      const pool = t.db.prepare('SELECT count(*) FROM waybill_pool WHERE parcel_id IS NULL').pluck().get() as number;
      return have === plan.orders && pool > 0;
    },
    20_000,
    `${plan.stationId}: orders and waybills from the hub`,
  );
}

function expectVerdict(s: ShiftStation, code: string, verdict: string, what: string): void {
  const r = s.t.scan(code);
  if (r.verdict !== verdict)
    throw new Error(
      `${s.t.station.services.config().station.id} ${what}: expected ${verdict}, got ${r.verdict} (${JSON.stringify(r)})`,
    );
}

/** Runs the plan's timetable on the station's clock, from where the clock stands. */
export async function packShift(s: ShiftStation, plan: StationPlan = s.plan): Promise<void> {
  const { t } = s;
  const at = (ms: number) => t.clock.advance(Math.max(0, ms - t.clock.now()));
  const start = t.clock.now();
  expectVerdict(s, plan.packer.badge, 'login', 'badge');
  let orderStart = start + LEAD_S * 1000;
  for (let i = 0; i < plan.orders; i++) {
    at(orderStart);
    expectVerdict(s, orderId(plan, i), 'order_opened', `order ${i}`);
    const g = plan.itemGapS * 1000;
    at(orderStart + g);
    expectVerdict(s, BARCODE.tshirt, 'item_ok', `order ${i} T恤`);
    const error = plan.errors.find((e) => e.order === i);
    if (error) {
      at(orderStart + g + 1000);
      const code =
        error.kind === 'wrong_item'
          ? BARCODE.vase
          : error.kind === 'unknown_code'
            ? BARCODE.notInCatalog
            : BARCODE.tshirt;
      expectVerdict(s, code, error.kind, `order ${i} error scan`);
      at(orderStart + g + 2000);
      expectVerdict(s, 'CMD-ACK', 'command', `order ${i} ack`);
    }
    at(orderStart + 2 * g);
    expectVerdict(s, BARCODE.earbuds, 'item_ok', `order ${i} 耳机`);
    at(orderStart + 2 * g + plan.toScaleS * 1000);
    const window = t.station.services.snapshot().pack?.weight;
    if (!window) throw new Error(`${plan.stationId} order ${i}: no weight window`);
    t.scale.place(window.expectedG);
    at(orderStart + 2 * g + plan.toScaleS * 1000 + SETTLE_MS);
    await t.settle();
    const last = t.station.services.snapshot().lastPack;
    if (last?.order.id !== orderId(plan, i) || last.state !== 'done')
      throw new Error(
        `${plan.stationId} order ${i}: not done at +${SETTLE_MS} ms on the scale (${last?.state ?? 'no pack'})`,
      );
    at(t.clock.now() + 2000);
    t.scale.place(null);
    orderStart += plan.cycleS * 1000 + (plan.breakAfter?.order === i ? plan.breakAfter.minutes * 60_000 : 0);
  }
  const done = expectedFigures(plan, start);
  at(done.logoutAt);
  expectVerdict(s, 'CMD-LOGOUT', 'logout', 'logout');
}

/** Resolves when the station's outbox is all at the hub. */
export async function drained(s: ShiftStation): Promise<void> {
  await waitFor(
    () => s.engine.status().mode === 'online' && s.engine.status().queueDepth === 0,
    30_000,
    `${s.plan.stationId}: queue drained`,
  );
}

/** The hub's copy of events, for debugging a mismatch. */
export function countEvents(dbFile: string): Record<string, number> {
  const db = new Database(dbFile, { readonly: true });
  try {
    return Object.fromEntries(
      (
        db.prepare('SELECT type, count(*) AS n FROM station_events GROUP BY type').all() as {
          type: string;
          n: number;
        }[]
      ).map((r) => [r.type, r.n]),
    );
  } finally {
    db.close();
  }
}

export { P };
