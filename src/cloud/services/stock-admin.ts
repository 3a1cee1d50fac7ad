// Movements booked by hand through the admin API (a delivery without a desk, a correction, a
// transfer into a channel's dedicated pool), one at a time or a batch in one unit of work. The
// caller's key is the cause: the same request sent twice books once.
import { SHARED_POOL, type StockMovementRequest } from '../../contract/stock-ledger.js';
import type { StockConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import { book } from './stock-ledger.js';
import { componentsOf, readLevels, type SkuLevel } from './stock-levels.js';
import { knownPools } from './stock-channels.js';
import { refreshStockHints } from './stock-hints.js';
import { retryShortOrders } from './stock-orders.js';

export type ManualResult =
  { ok: true; booked: boolean; level: SkuLevel } | { ok: false; status: 400 | 409; message: string };

type Booked = { ok: true; booked: boolean; arrived: boolean } | { ok: false; status: 400 | 409; message: string };

/** One movement of a batch: booked (or known before), or refused without booking anything. */
export type BatchItemResult =
  { key: string; ok: true; booked: boolean } | { key: string; ok: false; status: 400 | 409; message: string };

function checkPools(stock: StockConfig, req: StockMovementRequest): string | null {
  const pools = knownPools(stock);
  for (const field of ['toPool', 'fromPool'] as const) {
    const pool = req[field];
    if (pool !== undefined && !pools.includes(pool))
      return `${field}: expected one of ${pools.join(', ')} (shared, or a channel with dedicatedPool), got "${pool}"`;
  }
  return null;
}

/** Units free to move out of one pool at one location (on hand less what orders hold there). */
async function freeAt(t: HubTx, sku: string, location: string, pool: string): Promise<number> {
  const rows = await t.stock.totals([sku], location);
  return rows.filter((r) => r.pool === pool).reduce((n, r) => n + r.onHand - r.reserved, 0);
}

const STOCK_OFF = 'stock is off at this hub (stock.enabled is false)';

/** Checks and books one movement; short orders and warnings are the caller's to bring up to date. */
async function bookOne(t: HubTx, stock: StockConfig, req: StockMovementRequest, now: number): Promise<Booked> {
  const poolProblem = checkPools(stock, req);
  if (poolProblem) return { ok: false, status: 400, message: poolProblem };
  if ((await componentsOf(t, req.sku)).length > 0)
    return {
      ok: false,
      status: 400,
      message: `sku: expected a plain product, got the bundle "${req.sku}" (book its components)`,
    };
  const location = req.location ?? stock.location;
  const key = `admin:${req.key}`;
  const base = { sku: req.sku, ref: req.ref ?? null, by: 'admin' };
  let booked: boolean;
  if (req.kind === 'transfer') {
    const from = req.fromPool ?? SHARED_POOL;
    const to = { location: req.toLocation ?? location, pool: req.toPool ?? from };
    if (to.location === location && to.pool === from)
      return {
        ok: false,
        status: 400,
        message: 'toPool/toLocation: expected somewhere other than where the units are',
      };
    const free = await freeAt(t, req.sku, location, from);
    // A transfer sent again is answered as booked before, whatever the pool holds now.
    if (free < req.qty && !(await t.stock.has(`${key}:out`)))
      return {
        ok: false,
        status: 409,
        message: `qty: expected at most ${Math.max(0, free)} (free in pool ${from} at ${location}), got ${req.qty}`,
      };
    booked = await book(t, { ...base, key: `${key}:out`, kind: 'transfer', qty: -req.qty, location, pool: from }, now);
    if (booked) await book(t, { ...base, key: `${key}:in`, kind: 'transfer', qty: req.qty, ...to }, now);
  } else {
    const pool = req.toPool ?? SHARED_POOL;
    booked = await book(t, { ...base, key, kind: req.kind, qty: req.qty, location, pool }, now);
  }
  const arrived = req.kind === 'receipt' || req.kind === 'return_good' || req.kind === 'transfer' || req.qty > 0;
  return { ok: true, booked, arrived };
}

/** After the movements: short orders waiting for what arrived try again, then the desks' warnings. */
async function afterBooking(t: HubTx, stock: StockConfig, moved: string[], arrived: string[], now: number) {
  if (arrived.length > 0) await retryShortOrders(t, stock, [...new Set(arrived)], now);
  await refreshStockHints(t, stock, moved);
}

export async function bookManualMovement(
  t: HubTx,
  stock: StockConfig,
  req: StockMovementRequest,
  now: number,
): Promise<ManualResult> {
  if (!stock.enabled) return { ok: false, status: 409, message: STOCK_OFF };
  const res = await bookOne(t, stock, req, now);
  if (!res.ok) return res;
  if (res.booked) await afterBooking(t, stock, [req.sku], res.arrived ? [req.sku] : [], now);
  const [level] = await readLevels(t, [req.sku]);
  return { ok: true, booked: res.booked, level: level as SkuLevel };
}

/**
 * A batch in one unit of work, in order; a refused movement books nothing and the others still
 * apply. Short orders and warnings are brought up to date once for the whole batch; levels are
 * not read back (GET /v1/stock has them), which keeps a large batch cheap.
 */
export async function bookManualMovements(
  t: HubTx,
  stock: StockConfig,
  reqs: readonly StockMovementRequest[],
  now: number,
): Promise<{ ok: true; items: BatchItemResult[] } | { ok: false; status: 409; message: string }> {
  if (!stock.enabled) return { ok: false, status: 409, message: STOCK_OFF };
  const items: BatchItemResult[] = [];
  const moved: string[] = [];
  const arrived: string[] = [];
  for (const req of reqs) {
    const res = await bookOne(t, stock, req, now);
    if (!res.ok) {
      items.push({ key: req.key, ...res });
      continue;
    }
    items.push({ key: req.key, ok: true, booked: res.booked });
    if (!res.booked) continue;
    moved.push(req.sku);
    if (res.arrived) arrived.push(req.sku);
  }
  await afterBooking(t, stock, moved, arrived, now);
  return { ok: true, items };
}
