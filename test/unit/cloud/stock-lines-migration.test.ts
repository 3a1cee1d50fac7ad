// Migration 0017_stock_short_lines on a hub that already has stock orders: every SKU an order
// reserved, unpaid or short needs gets its line (the short-order and holder look-ups read them);
// closed and released orders get none.
import { afterEach, expect, it } from 'vitest';
import { migrate } from '../../../src/base/node/sqlite/migrate.js';
import { openDatabase } from '../../../src/base/node/sqlite/open.js';
import { hubMigrations } from '../../../src/cloud/store/sqlite/migrations.js';
import type { Db } from '../../../src/base/node/sqlite/open.js';

let db: Db | null = null;
afterEach(() => db?.close());

it('gives the orders an older hub kept their lines', () => {
  db = openDatabase(
    ':memory:',
    hubMigrations.filter((m) => m.id < '0017'),
  );
  const put = db.prepare(
    `INSERT INTO stock_orders (order_id, channel, pool, needs, state, updated_at) VALUES (?, 'mini1', 'shared', ?, ?, 1)`,
  );
  const needs = (...skus: string[]) => JSON.stringify(skus.map((sku) => ({ sku, qty: 1 })));
  put.run('O-RES', needs('TEA', 'CUP'), 'reserved');
  put.run('O-SHORT', needs('CUP'), 'short');
  put.run('O-UNPAID', needs('TEA'), 'unpaid');
  put.run('O-CLOSED', needs('TEA'), 'closed');
  put.run('O-RELEASED', needs('JAM'), 'released');
  migrate(db, hubMigrations);
  const lines = db
    .prepare('SELECT sku, order_id, state, last_unit FROM stock_order_lines ORDER BY order_id, sku')
    .all();
  expect(lines).toEqual([
    { sku: 'CUP', order_id: 'O-RES', state: 'reserved', last_unit: 0 },
    { sku: 'TEA', order_id: 'O-RES', state: 'reserved', last_unit: 0 },
    { sku: 'CUP', order_id: 'O-SHORT', state: 'short', last_unit: 0 },
    { sku: 'TEA', order_id: 'O-UNPAID', state: 'unpaid', last_unit: 0 },
  ]);
});
