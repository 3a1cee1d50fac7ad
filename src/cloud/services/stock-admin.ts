// Movements booked by hand through the admin API (a delivery without a desk, a correction, a
// transfer into a channel's dedicated pool). The caller's key is the cause: the same request sent
// twice books once.
import { SHARED_POOL, type StockMovementRequest } from '../../contract/stock-ledger.js';
import type { StockConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import { book } from './stock-ledger.js';
import { componentsOf, readLevels, type SkuLevel } from './stock-levels.js';
import { knownPools } from './stock-channels.js';
import { retryShortOrders } from './stock-orders.js';

export type ManualResult =
  { ok: true; booked: boolean; level: SkuLevel } | { ok: false; status: 400 | 409; message: string };

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

export async function bookManualMovement(
  t: HubTx,
  stock: StockConfig,
  req: StockMovementRequest,
  now: number,
): Promise<ManualResult> {
  if (!stock.enabled) return { ok: false, status: 409, message: 'stock is off at this hub (stock.enabled is false)' };
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
  if (booked && arrived) await retryShortOrders(t, stock, [req.sku], now);
  const [level] = await readLevels(t, [req.sku]);
  return { ok: true, booked, level: level as SkuLevel };
}
