// The stock ledger in SQLite: movements are inserted once per key (INSERT OR IGNORE), and the same
// statement's success updates the running totals in stock_levels, so the totals always equal the
// sum of the movements (services/stock-levels.ts can explain any figure by listing them).
import type { Db } from '../../../base/node/sqlite/open.js';
import { LEVEL_COLUMN, toMovement, toStockOrder, type MovementDbRow, type StockOrderDbRow } from '../rows/stock.js';
import { MOVEMENT_FIGURE } from '../../../domain/stock/effects.js';
import { LINED_STATES, type StockPoolTotals, type StockRepo } from '../stock-types.js';

export function stockRepo(db: Db): StockRepo {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO stock_movements (id, key, sku, location, pool, kind, qty, channel, order_id, ref, at, by)
     VALUES (@id, @key, @sku, @location, @pool, @kind, @qty, @channel, @orderId, @ref, @at, @by)`,
  );
  const hasKey = db.prepare<[string], number>('SELECT 1 FROM stock_movements WHERE key = ?').pluck();
  const bumpSql = (column: string) =>
    db.prepare<[string, string, string, number, number]>(
      `INSERT INTO stock_levels (sku, location, pool, ${column}, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sku, location, pool) DO UPDATE SET ${column} = ${column} + excluded.${column}, at = excluded.at`,
    );
  const bump = {
    onHand: bumpSql(LEVEL_COLUMN.onHand),
    reserved: bumpSql(LEVEL_COLUMN.reserved),
    writtenOff: bumpSql(LEVEL_COLUMN.writtenOff),
  };
  const totalsSql = (where: string) =>
    `SELECT sku, pool, sum(on_hand) AS onHand, sum(reserved) AS reserved, sum(written_off) AS writtenOff, max(at) AS at
     FROM stock_levels ${where} GROUP BY sku, pool ORDER BY sku, pool`;
  const allTotals = db.prepare<[], StockPoolTotals>(totalsSql(''));
  const allTotalsAt = db.prepare<[string], StockPoolTotals>(totalsSql('WHERE location = ?'));
  const someTotals = db.prepare<[string], StockPoolTotals>(totalsSql('WHERE sku IN (SELECT value FROM json_each(?))'));
  const someTotalsAt = db.prepare<[string, string], StockPoolTotals>(
    totalsSql('WHERE sku IN (SELECT value FROM json_each(?)) AND location = ?'),
  );
  const onHandAt = db
    .prepare<[string, string], number>(
      'SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE sku = ? AND location = ?',
    )
    .pluck();
  const heldBy = db.prepare<[string], { sku: string; qty: number }>(
    `SELECT sku, sum(qty) AS qty FROM stock_movements WHERE order_id = ? AND kind IN ('reserve', 'release')
     GROUP BY sku ORDER BY sku`,
  );
  const sales = db.prepare<[number], { channel: string; sku: string; qty: number }>(
    `SELECT m.channel AS channel, m.sku AS sku, sum(m.qty) AS qty FROM stock_movements m
     JOIN stock_orders o ON o.order_id = m.order_id
     WHERE m.kind = 'reserve' AND m.at >= ? AND o.state <> 'unpaid' AND m.channel IS NOT NULL
     GROUP BY m.channel, m.sku ORDER BY m.channel, m.sku`,
  );
  const getOrder = db.prepare<[string], StockOrderDbRow>('SELECT * FROM stock_orders WHERE order_id = ?');
  const putOrder = db.prepare(
    `INSERT OR REPLACE INTO stock_orders (order_id, channel, pool, needs, state, unpaid_until, short_at, shortages, released_by, updated_at)
     VALUES (@orderId, @channel, @pool, @needs, @state, @unpaidUntil, @shortAt, @shortages, @releasedBy, @updatedAt)`,
  );
  const dropLines = db.prepare<[string]>('DELETE FROM stock_order_lines WHERE order_id = ?');
  const dropOtherLines = db.prepare<[string, string]>(
    'DELETE FROM stock_order_lines WHERE order_id = ? AND sku NOT IN (SELECT value FROM json_each(?))',
  );
  // A short order holds nothing, so it cannot hold the last unit.
  const putLine = db.prepare<[string, string, string]>(
    `INSERT INTO stock_order_lines (sku, order_id, state) VALUES (?, ?, ?)
     ON CONFLICT (sku, order_id) DO UPDATE SET state = excluded.state,
       last_unit = CASE WHEN excluded.state = 'short' THEN 0 ELSE last_unit END`,
  );
  const allShort = db.prepare<[number], StockOrderDbRow>(
    "SELECT * FROM stock_orders WHERE state = 'short' ORDER BY short_at, order_id LIMIT ?",
  );
  const shortFor = db.prepare<[string, number], StockOrderDbRow>(
    `SELECT * FROM stock_orders WHERE state = 'short' AND order_id IN (
       SELECT order_id FROM stock_order_lines WHERE state = 'short' AND sku IN (SELECT value FROM json_each(?)))
     ORDER BY short_at, order_id LIMIT ?`,
  );
  const newestHolder = db
    .prepare<[string, string], string>(
      `SELECT l.order_id FROM stock_order_lines l JOIN stock_orders o ON o.order_id = l.order_id
       WHERE l.sku = ? AND l.state IN ('reserved', 'unpaid') AND o.pool = ?
       ORDER BY (SELECT max(m.seq) FROM stock_movements m
                 WHERE m.order_id = l.order_id AND m.sku = l.sku AND m.kind = 'reserve') DESC, l.order_id DESC
       LIMIT 1`,
    )
    .pluck();
  const lastUnitHolders = db
    .prepare<[string], string>(
      'SELECT order_id FROM stock_order_lines WHERE sku = ? AND last_unit = 1 ORDER BY order_id',
    )
    .pluck();
  const lastUnitSkus = db
    .prepare<[string], string>('SELECT sku FROM stock_order_lines WHERE order_id = ? AND last_unit = 1 ORDER BY sku')
    .pluck();
  const setLastUnit = db.prepare<[number, string, string]>(
    'UPDATE stock_order_lines SET last_unit = ? WHERE order_id = ? AND sku = ?',
  );
  const unpaidDue = db.prepare<[number, number], StockOrderDbRow>(
    "SELECT * FROM stock_orders WHERE state = 'unpaid' AND unpaid_until <= ? ORDER BY unpaid_until, order_id LIMIT ?",
  );
  const unsettled = db
    .prepare<[string, number], string>(
      `SELECT o.id FROM orders o WHERE o.id > ? AND o.status IN ('open', 'held')
         AND NOT EXISTS (SELECT 1 FROM stock_orders s WHERE s.order_id = o.id) ORDER BY o.id LIMIT ?`,
    )
    .pluck();
  const orderOfWaybill = db
    .prepare<[string], string>('SELECT order_id FROM shipments WHERE waybill = ? ORDER BY packed_at, rowid LIMIT 1')
    .pluck();

  const filtered = new Map<string, ReturnType<Db['prepare']>>();

  return {
    move(m) {
      if (insert.run(m).changes === 0) return false;
      bump[MOVEMENT_FIGURE[m.kind]].run(m.sku, m.location, m.pool, m.qty, m.at);
      return true;
    },
    has: (key) => hasKey.get(key) !== undefined,
    totals(skus, location) {
      if (skus === null) return location === null ? allTotals.all() : allTotalsAt.all(location);
      const list = JSON.stringify(skus);
      return location === null ? someTotals.all(list) : someTotalsAt.all(list, location);
    },
    onHandAt: (sku, location) => onHandAt.get(sku, location) ?? 0,
    heldBy: (orderId) => new Map(heldBy.all(orderId).map((r) => [r.sku, r.qty])),
    movements(f) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      const add = (sql: string, value: string | number | undefined) => {
        if (value === undefined) return;
        where.push(sql);
        args.push(value);
      };
      add('sku = ?', f.sku);
      add('kind = ?', f.kind);
      add('order_id = ?', f.orderId);
      add('location = ?', f.location);
      add('at >= ?', f.from);
      add('at < ?', f.to);
      add('seq < ?', f.before);
      const sql = `SELECT * FROM stock_movements ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      // At most 2^7 filter shapes: each is prepared once (every reservation lists its order's movements).
      const statement = filtered.get(sql) ?? db.prepare(sql);
      filtered.set(sql, statement);
      return (statement.all(...args, f.limit) as MovementDbRow[]).map(toMovement);
    },
    sales: (sinceMs) => sales.all(sinceMs),
    order(orderId) {
      const r = getOrder.get(orderId);
      return r && toStockOrder(r);
    },
    putOrder(row) {
      putOrder.run({ ...row, needs: JSON.stringify(row.needs), shortages: JSON.stringify(row.shortages) });
      if (!LINED_STATES.has(row.state)) return void dropLines.run(row.orderId);
      dropOtherLines.run(row.orderId, JSON.stringify(row.needs.map((n) => n.sku)));
      for (const n of row.needs) putLine.run(n.sku, row.orderId, row.state);
    },
    shortOrders: (skus, limit) =>
      (skus === null ? allShort.all(limit) : shortFor.all(JSON.stringify(skus), limit)).map(toStockOrder),
    newestHolder: (sku, pool) => newestHolder.get(sku, pool) ?? null,
    lastUnitHolders: (sku) => lastUnitHolders.all(sku),
    lastUnitSkus: (orderId) => lastUnitSkus.all(orderId),
    setLastUnit: (orderId, sku, on) => void setLastUnit.run(on ? 1 : 0, orderId, sku),
    unpaidDue: (now, limit) => unpaidDue.all(now, limit).map(toStockOrder),
    unsettledOrders: (afterId, limit) => unsettled.all(afterId, limit),
    orderOfWaybill: (waybill) => orderOfWaybill.get(waybill) ?? null,
  };
}
