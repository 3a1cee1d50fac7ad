// The stock ledger over HTTP (README "Stock"): levels, movements and alerts for the admin token or
// a station's (a supervisor's board at a desk), and the admin's writes — movements by hand, releasing
// a short order, bundles, and the stock CSV import.
import type { FastifyInstance } from 'fastify';
import {
  bundleRequest,
  stockImportRequest,
  stockLevelsQuery,
  stockMovementBatchRequest,
  stockMovementRequest,
  stockMovementsQuery,
} from '../../contract/stock-ledger.js';
import type { HubContext } from '../context.js';
import { bookManualMovement, bookManualMovements } from '../services/stock-admin.js';
import { stockAlerts } from '../services/stock-alerts.js';
import { listBundles, setBundle } from '../services/stock-bundles.js';
import { importStockCsv } from '../services/stock-import.js';
import { readLevels } from '../services/stock-levels.js';
import { releaseShortOrder } from '../services/stock-orders.js';
import { fail } from './errors.js';
import { adminOnly, adminOrStation, parseOr400 } from './guards.js';
import { IMPORT_BODY_LIMIT } from './limits.js';

/** Reads open to the admin and to stations (a desk's supervisor view, like /v1/stats). */
function readRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/stock', async (req, reply) => {
    const q = parseOr400(stockLevelsQuery, req.query, 'query', reply);
    if (!q) return reply;
    const items = await ctx.store.tx(async (t) => {
      const levels = await readLevels(t, q.sku ? [q.sku] : null, q.location ?? null);
      const names = new Map<string, string>();
      for (const l of levels) names.set(l.sku, (await t.products.bySku(l.sku))?.title ?? '');
      return levels.map((l) => ({ ...l, name: names.get(l.sku) ?? '' }));
    });
    return { items };
  });
  app.get('/v1/stock/movements', async (req, reply) => {
    const q = parseOr400(stockMovementsQuery, req.query, 'query', reply);
    if (!q) return reply;
    const items = await ctx.store.tx((t) => t.stock.movements(q));
    return { items, next: items.length === q.limit ? (items.at(-1)?.seq ?? null) : null };
  });
  app.get('/v1/stock/alerts', async () => ({
    items: await ctx.store.tx((t) => stockAlerts(t, ctx.config.stock, ctx.now())),
  }));
}

const isBatch = (body: unknown): boolean => typeof body === 'object' && body !== null && 'movements' in body;

function adminWrites(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/admin/stock/alerts', async () => ({
    items: await ctx.store.tx((t) => stockAlerts(t, ctx.config.stock, ctx.now())),
  }));
  app.post('/v1/admin/stock/movements', async (req, reply) => {
    // A batch ({movements: […]}) books in one unit of work; a lone movement is answered with its level.
    if (isBatch(req.body)) {
      const batch = parseOr400(stockMovementBatchRequest, req.body, 'movements', reply);
      if (!batch) return reply;
      const res = await ctx.store.tx((t) => bookManualMovements(t, ctx.config.stock, batch.movements, ctx.now()));
      if (!res.ok) return fail(reply, res.status, 'conflict', res.message);
      return { items: res.items };
    }
    const body = parseOr400(stockMovementRequest, req.body, 'movement', reply);
    if (!body) return reply;
    const res = await ctx.store.tx((t) => bookManualMovement(t, ctx.config.stock, body, ctx.now()));
    if (!res.ok) return fail(reply, res.status, res.status === 400 ? 'bad_request' : 'conflict', res.message);
    return { booked: res.booked, level: res.level };
  });
  app.post('/v1/admin/stock/short/:orderId/release', async (req, reply) => {
    const orderId = (req.params as { orderId: string }).orderId;
    const released = await ctx.store.tx((t) => releaseShortOrder(t, orderId, 'admin', ctx.now()));
    if (!released) return fail(reply, 404, 'not_found', `order ${orderId} is not short of stock`);
    ctx.log('short order released without stock', { orderId });
    return { released: orderId };
  });
  app.get('/v1/admin/stock/bundles', async () => ({ items: await ctx.store.tx((t) => listBundles(t)) }));
  app.put('/v1/admin/stock/bundles/:sku', async (req, reply) => {
    const body = parseOr400(bundleRequest, req.body, 'bundle', reply);
    if (!body) return reply;
    const sku = (req.params as { sku: string }).sku;
    const res = await ctx.store.tx((t) => setBundle(t, sku, body.components, ctx.now()));
    if (!res.ok) return fail(reply, res.status, res.status === 404 ? 'not_found' : 'bad_request', res.message);
    return { ok: true, sku };
  });
  app.post('/v1/admin/import/stock', { bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
    const body = parseOr400(stockImportRequest, req.body, 'import', reply);
    if (!body) return reply;
    return importStockCsv(ctx, Buffer.from(body.csvBase64, 'base64'), body.mode, body.mapping);
  });
}

export function stockLedgerRoutes(root: FastifyInstance, ctx: HubContext): void {
  root.register(async (app) => {
    app.addHook('onRequest', adminOrStation(ctx));
    readRoutes(app, ctx);
  });
  root.register(async (app) => {
    app.addHook('onRequest', adminOnly(ctx));
    adminWrites(app, ctx);
  });
}
