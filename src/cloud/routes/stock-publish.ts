// The stock publisher over HTTP (README "Allocation and publishing"): the board for the admin or a
// station (a supervisor at a desk), the published figures for the admin or the channel's own
// server (its `readToken`), and the admin's map of hub SKUs to WeChat product/SKU ids.
import type { FastifyInstance } from 'fastify';
import {
  publishedStockQuery,
  stockBoardQuery,
  wechatSkuRefsQuery,
  wechatSkuRefsRequest,
} from '../../contract/stock-board.js';
import { bearerToken, sameSecret } from '../auth.js';
import { resolveSecret } from '../config.js';
import type { HubContext } from '../context.js';
import { adminCheck } from '../station-auth.js';
import { publishedStock, stockBoard } from '../services/stock-board.js';
import { fail } from './errors.js';
import { adminOnly, adminOrStation, parseOr400 } from './guards.js';

function unknownChannel(ctx: HubContext, channel: string): string | null {
  const ids = ctx.config.stock.channels.map((c) => c.id);
  if (ids.includes(channel)) return null;
  return `channel: expected one of the hub's stock.channels (${ids.join(', ') || 'none configured'}), got "${channel}"`;
}

export function stockPublishRoutes(root: FastifyInstance, ctx: HubContext): void {
  const isAdmin = adminCheck(ctx.config);

  root.register(async (app) => {
    app.addHook('onRequest', adminOrStation(ctx));
    app.get('/v1/stock/board', async (req, reply) => {
      const q = parseOr400(stockBoardQuery, req.query, 'query', reply);
      if (!q) return reply;
      const bad = q.channel === undefined ? null : unknownChannel(ctx, q.channel);
      if (bad) return fail(reply, 400, 'bad_request', bad);
      return ctx.store.tx((t) => stockBoard(t, ctx.config.stock, q.channel ?? null, ctx.now()));
    });
  });

  // The channel's own token, or the admin's: a mini-program server needs no admin rights to read it.
  root.get('/v1/stock/published', async (req, reply) => {
    const q = parseOr400(publishedStockQuery, req.query, 'query', reply);
    if (!q) return reply;
    const bad = unknownChannel(ctx, q.channel);
    if (bad) return fail(reply, 400, 'bad_request', bad);
    const token = bearerToken(req.headers.authorization);
    if (!token) return fail(reply, 401, 'unauthorized', 'missing bearer token');
    const own = ctx.config.stock.channels.find((c) => c.id === q.channel)?.readToken;
    const allowed =
      isAdmin?.(req.headers.authorization) || (own !== undefined && sameSecret(token, resolveSecret(own)));
    if (!allowed) return fail(reply, 401, 'unauthorized', `not the admin token nor channel ${q.channel}'s readToken`);
    return ctx.store.tx((t) => publishedStock(t, q.channel));
  });

  root.register(async (app) => {
    app.addHook('onRequest', adminOnly(ctx));
    app.get('/v1/admin/stock/wechat-skus', async (req, reply) => {
      const q = parseOr400(wechatSkuRefsQuery, req.query, 'query', reply);
      if (!q) return reply;
      const shops = q.shopId === undefined ? ctx.config.wechat.shops.map((s) => s.id) : [q.shopId];
      const items = await ctx.store.tx(async (t) => {
        const out = [];
        for (const shopId of shops) out.push(...(await t.stockPublish.skuRefs(shopId, null)));
        return out;
      });
      return { items };
    });
    app.put('/v1/admin/stock/wechat-skus', async (req, reply) => {
      const body = parseOr400(wechatSkuRefsRequest, req.body, 'wechat-skus', reply);
      if (!body) return reply;
      const shops = new Set(ctx.config.wechat.shops.map((s) => s.id));
      const stray = body.items.findIndex((i) => !shops.has(i.shopId));
      if (stray >= 0)
        return fail(
          reply,
          400,
          'bad_request',
          `items[${stray}].shopId: expected one of wechat.shops (${[...shops].join(', ') || 'none configured'}), got "${body.items[stray]?.shopId}"`,
        );
      const at = ctx.now();
      await ctx.store.tx(async (t) => {
        for (const item of body.items) await t.stockPublish.putSkuRef({ ...item, source: 'admin', at });
      });
      ctx.stockChanged([...new Set(body.items.map((i) => i.sku))]);
      return { saved: body.items.length };
    });
  });
}
