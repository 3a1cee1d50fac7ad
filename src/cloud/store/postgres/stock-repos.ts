// The stock ledger in PostgreSQL; same behaviour as ../sqlite/stock-repos.ts. A movement is inserted
// once per key (ON CONFLICT DO NOTHING) and only then added to the running totals in stock_levels,
// in the same unit of work, so the totals always equal the sum of the movements. Units of work are
// serialised by the store's advisory lock, so read-then-write needs nothing more here.
import { LEVEL_COLUMN, toMovement, toStockOrder, type MovementDbRow, type StockOrderDbRow } from '../rows/stock.js';
import { MOVEMENT_FIGURE } from '../../../domain/stock/effects.js';
import { LINED_STATES, type StockPoolTotals, type StockRepo } from '../stock-types.js';
import type { PgSql } from './sql.js';

const ORDER_COLUMNS =
  'order_id, channel, pool, needs, state, unpaid_until, short_at, shortages, released_by, updated_at';

/** `where` uses $1 for the SKU list (text[]) and $2 for the location, as given. */
const totalsSql = (where: string) =>
  `SELECT sku, pool, sum(on_hand) AS "onHand", sum(reserved) AS reserved, sum(written_off) AS "writtenOff", max(at) AS at
   FROM stock_levels ${where} GROUP BY sku, pool ORDER BY sku, pool`;

function movementsSql(f: Parameters<StockRepo['movements']>[0]): { text: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, op: string, value: string | number | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} ${op} $${params.length}`);
  };
  add('sku', '=', f.sku);
  add('kind', '=', f.kind);
  add('order_id', '=', f.orderId);
  add('location', '=', f.location);
  add('at', '>=', f.from);
  add('at', '<', f.to);
  add('seq', '<', f.before);
  params.push(f.limit);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return { text: `SELECT * FROM stock_movements ${filter} ORDER BY seq DESC LIMIT $${params.length}`, params };
}

export function stockRepo(sql: PgSql): StockRepo {
  const orders = async (text: string, params: unknown[]) =>
    (await sql.rows<StockOrderDbRow>(text, params)).map(toStockOrder);
  return {
    async move(m) {
      const inserted = await sql.run(
        `INSERT INTO stock_movements (id, key, sku, location, pool, kind, qty, channel, order_id, ref, at, by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (key) DO NOTHING`,
        [m.id, m.key, m.sku, m.location, m.pool, m.kind, m.qty, m.channel, m.orderId, m.ref, m.at, m.by],
      );
      if (inserted === 0) return false;
      const column = LEVEL_COLUMN[MOVEMENT_FIGURE[m.kind]];
      await sql.run(
        `INSERT INTO stock_levels (sku, location, pool, ${column}, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sku, location, pool) DO UPDATE
           SET ${column} = stock_levels.${column} + EXCLUDED.${column}, at = EXCLUDED.at`,
        [m.sku, m.location, m.pool, m.qty, m.at],
      );
      return true;
    },
    has: async (key) => (await sql.row('SELECT 1 FROM stock_movements WHERE key = $1', [key])) !== undefined,
    totals(skus, location) {
      if (skus === null)
        return location === null
          ? sql.rows<StockPoolTotals>(totalsSql(''))
          : sql.rows<StockPoolTotals>(totalsSql('WHERE location = $1'), [location]);
      return location === null
        ? sql.rows<StockPoolTotals>(totalsSql('WHERE sku = ANY($1::text[])'), [skus])
        : sql.rows<StockPoolTotals>(totalsSql('WHERE sku = ANY($1::text[]) AND location = $2'), [skus, location]);
    },
    async onHandAt(sku, location) {
      const r = await sql.row<{ n: number }>(
        'SELECT coalesce(sum(on_hand), 0) AS n FROM stock_levels WHERE sku = $1 AND location = $2',
        [sku, location],
      );
      return r?.n ?? 0;
    },
    async heldBy(orderId) {
      const rows = await sql.rows<{ sku: string; qty: number }>(
        `SELECT sku, sum(qty) AS qty FROM stock_movements WHERE order_id = $1 AND kind IN ('reserve', 'release')
         GROUP BY sku ORDER BY sku`,
        [orderId],
      );
      return new Map(rows.map((r) => [r.sku, r.qty]));
    },
    async movements(f) {
      const { text, params } = movementsSql(f);
      return (await sql.rows<MovementDbRow>(text, params)).map(toMovement);
    },
    sales: (sinceMs) =>
      sql.rows<{ channel: string; sku: string; qty: number }>(
        `SELECT m.channel AS channel, m.sku AS sku, sum(m.qty) AS qty FROM stock_movements m
         JOIN stock_orders o ON o.order_id = m.order_id
         WHERE m.kind = 'reserve' AND m.at >= $1 AND o.state <> 'unpaid' AND m.channel IS NOT NULL
         GROUP BY m.channel, m.sku ORDER BY m.channel, m.sku`,
        [sinceMs],
      ),
    async order(orderId) {
      const r = await sql.row<StockOrderDbRow>(`SELECT ${ORDER_COLUMNS} FROM stock_orders WHERE order_id = $1`, [
        orderId,
      ]);
      return r && toStockOrder(r);
    },
    async putOrder(row) {
      await sql.run(
        `INSERT INTO stock_orders (${ORDER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (order_id) DO UPDATE SET channel = EXCLUDED.channel, pool = EXCLUDED.pool, needs = EXCLUDED.needs,
           state = EXCLUDED.state, unpaid_until = EXCLUDED.unpaid_until, short_at = EXCLUDED.short_at,
           shortages = EXCLUDED.shortages, released_by = EXCLUDED.released_by, updated_at = EXCLUDED.updated_at`,
        [
          row.orderId,
          row.channel,
          row.pool,
          JSON.stringify(row.needs),
          row.state,
          row.unpaidUntil,
          row.shortAt,
          JSON.stringify(row.shortages),
          row.releasedBy,
          row.updatedAt,
        ],
      );
      if (!LINED_STATES.has(row.state)) {
        await sql.run('DELETE FROM stock_order_lines WHERE order_id = $1', [row.orderId]);
        return;
      }
      const skus = row.needs.map((n) => n.sku);
      await sql.run('DELETE FROM stock_order_lines WHERE order_id = $1 AND NOT (sku = ANY($2::text[]))', [
        row.orderId,
        skus,
      ]);
      // A short order holds nothing, so it cannot hold the last unit.
      for (const sku of skus)
        await sql.run(
          `INSERT INTO stock_order_lines (sku, order_id, state) VALUES ($1, $2, $3)
           ON CONFLICT (sku, order_id) DO UPDATE SET state = EXCLUDED.state,
             last_unit = CASE WHEN EXCLUDED.state = 'short' THEN 0 ELSE stock_order_lines.last_unit END`,
          [sku, row.orderId, row.state],
        );
    },
    shortOrders(skus, limit) {
      if (skus === null)
        return orders(
          `SELECT ${ORDER_COLUMNS} FROM stock_orders WHERE state = 'short' ORDER BY short_at, order_id LIMIT $1`,
          [limit],
        );
      return orders(
        `SELECT ${ORDER_COLUMNS} FROM stock_orders WHERE state = 'short' AND order_id IN (
           SELECT order_id FROM stock_order_lines WHERE state = 'short' AND sku = ANY($1::text[]))
         ORDER BY short_at, order_id LIMIT $2`,
        [skus, limit],
      );
    },
    async newestHolder(sku, pool) {
      const r = await sql.row<{ order_id: string }>(
        `SELECT l.order_id FROM stock_order_lines l JOIN stock_orders o ON o.order_id = l.order_id
         WHERE l.sku = $1 AND l.state IN ('reserved', 'unpaid') AND o.pool = $2
         ORDER BY (SELECT max(m.seq) FROM stock_movements m
                   WHERE m.order_id = l.order_id AND m.sku = l.sku AND m.kind = 'reserve') DESC NULLS LAST,
                  l.order_id DESC
         LIMIT 1`,
        [sku, pool],
      );
      return r?.order_id ?? null;
    },
    lastUnitHolders: async (sku) =>
      (
        await sql.rows<{ order_id: string }>(
          'SELECT order_id FROM stock_order_lines WHERE sku = $1 AND last_unit = 1 ORDER BY order_id',
          [sku],
        )
      ).map((r) => r.order_id),
    lastUnitSkus: async (orderId) =>
      (
        await sql.rows<{ sku: string }>(
          'SELECT sku FROM stock_order_lines WHERE order_id = $1 AND last_unit = 1 ORDER BY sku',
          [orderId],
        )
      ).map((r) => r.sku),
    async setLastUnit(orderId, sku, on) {
      await sql.run('UPDATE stock_order_lines SET last_unit = $1 WHERE order_id = $2 AND sku = $3', [
        on ? 1 : 0,
        orderId,
        sku,
      ]);
    },
    unpaidDue: (now, limit) =>
      orders(
        `SELECT ${ORDER_COLUMNS} FROM stock_orders WHERE state = 'unpaid' AND unpaid_until <= $1
         ORDER BY unpaid_until, order_id LIMIT $2`,
        [now, limit],
      ),
    unsettledOrders: async (afterId, limit) =>
      (
        await sql.rows<{ id: string }>(
          `SELECT o.id FROM orders o WHERE o.id > $1 AND o.status IN ('open', 'held')
             AND NOT EXISTS (SELECT 1 FROM stock_orders s WHERE s.order_id = o.id) ORDER BY o.id LIMIT $2`,
          [afterId, limit],
        )
      ).map((r) => r.id),
    async orderOfWaybill(waybill) {
      const r = await sql.row<{ order_id: string }>(
        'SELECT order_id FROM shipments WHERE waybill = $1 ORDER BY packed_at, rowid LIMIT 1',
        [waybill],
      );
      return r?.order_id ?? null;
    },
  };
}
