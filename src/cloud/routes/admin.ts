// Setup and operations endpoints behind the admin token: stations, packers, waybill numbers,
// order intake (mini-program / official account), CSV imports, and status views.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LAYOUTS } from '../../contract/entities.js';
import { hashToken, newToken } from '../auth.js';
import type { HubContext } from '../context.js';
import { deleteBlocker, productBatchSchema, writeProducts } from '../services/catalog.js';
import { attachImages } from '../services/catalog-images.js';
import { intakeSchema } from '../services/intake.js';
import { intakeBatcher } from '../services/intake-batcher.js';
import { importLiveOrdersCsv, importProductsCsv } from '../services/imports.js';
import { IMPORT_BODY_LIMIT } from './limits.js';
import { resolveShipment, retryShipment, stuckShipments } from '../services/shipments.js';
import { listClaims, releaseClaim } from '../services/claims.js';
import { fail } from './errors.js';
import { adminOnly, parseOr400 } from './guards.js';
import { orderTracking } from '../tracking/views.js';

const stationAdd = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -'),
    name: z.string().max(64).optional(),
    layout: z.enum(LAYOUTS).default('u_shaped'),
  })
  .strict();
const packers = z
  .array(
    z
      .object({
        id: z.string().min(1),
        name: z.string().min(1),
        badge: z.string().min(3),
        role: z.enum(['packer', 'supervisor']),
      })
      .strict(),
  )
  .min(1);
const waybills = z
  .object({
    carrier: z.string().regex(/^[A-Z0-9_]{2,12}$/),
    numbers: z.array(z.string().regex(/^[A-Za-z0-9]{6,32}$/)).optional(),
    /** A number range from the carrier: prefix + zero-padded counter from..to (inclusive). */
    range: z
      .object({
        prefix: z.string().max(8),
        from: z.number().int().min(0),
        to: z.number().int().min(0),
        width: z.number().int().min(1).max(20),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.numbers || v.range, 'give numbers or range');
const resolveBody = z.object({ note: z.string().trim().min(1, 'say how it was handled').max(500) }).strict();
const sweepBody = z.object({ shopId: z.string().min(1).max(32).optional() }).strict();
const csvBody = z
  .object({ csvBase64: z.string().min(1), mapping: z.record(z.string(), z.unknown()).optional() })
  .strict();

/** The `:id` of a product path, or null when it is not a whole number ≥ 1. */
function productId(req: FastifyRequest): number | null {
  const text = (req.params as { id: string }).id;
  return /^[1-9]\d{0,14}$/.test(text) ? Number(text) : null;
}

export function adminRoutes(app: FastifyInstance, ctx: HubContext): void {
  const authenticate = adminOnly(ctx);
  // Concurrent intake posts share units of work (group commit); each still gets its own answer.
  const intake = intakeBatcher(ctx);

  app.register(async (scope) => {
    scope.addHook('onRequest', authenticate);

    scope.post('/v1/admin/stations', async (req, reply) => {
      const body = parseOr400(stationAdd, req.body, 'station', reply);
      if (!body) return reply;
      const token = newToken();
      const added = await ctx.store.tx(async (t) => {
        if (await t.stations.get(body.id)) return false;
        await t.stations.add({
          id: body.id,
          name: body.name ?? body.id,
          layout: body.layout,
          tokenHash: hashToken(token),
          createdAt: ctx.now(),
          revokedAt: null,
          lastSeenAt: null,
        });
        return true;
      });
      if (!added) return fail(reply, 409, 'conflict', `station ${body.id} exists already`);
      return { id: body.id, token };
    });

    // Report-backs that need a person (README: Operations).
    scope.get('/v1/admin/shipments/stuck', async () => ({ shipments: await stuckShipments(ctx) }));
    scope.post('/v1/admin/shipments/:orderId/retry', async (req, reply) => {
      const res = await retryShipment(ctx, (req.params as { orderId: string }).orderId);
      return res.ok ? res : fail(reply, res.status, res.status === 404 ? 'not_found' : 'conflict', res.message);
    });
    scope.post('/v1/admin/shipments/:orderId/resolve', async (req, reply) => {
      const body = parseOr400(resolveBody, req.body, 'resolve', reply);
      if (!body) return reply;
      const res = await resolveShipment(ctx, (req.params as { orderId: string }).orderId, body.note);
      return res.ok ? res : fail(reply, res.status, res.status === 404 ? 'not_found' : 'conflict', res.message);
    });

    // The reconciliation sweep on demand (it also runs every sweepIntervalS): finds orders WeChat's
    // list index showed too late for the incremental pull.
    scope.post('/v1/admin/wechat/sweep', async (req, reply) => {
      const body = parseOr400(sweepBody, req.body ?? {}, 'sweep', reply);
      if (!body) return reply;
      if (body.shopId !== undefined && !ctx.config.wechat.shops.some((s) => s.id === body.shopId))
        return fail(reply, 404, 'not_found', `no shop ${body.shopId} in the hub config`);
      return { shops: await ctx.sweepOrders(body.shopId) };
    });

    // A lost or leaked token: revoke stops it at once (the desk pauses with the reason); rotate
    // replaces it and answers the new one, once.
    scope.post('/v1/admin/stations/:id/revoke', async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const revoked = await ctx.store.tx(async (t) =>
        (await t.stations.get(id)) ? t.stations.revoke(id, ctx.now()) : null,
      );
      if (revoked === null) return fail(reply, 404, 'not_found', `no station ${id}`);
      if (!revoked) return fail(reply, 409, 'conflict', `station ${id}'s token is revoked already`);
      ctx.warn('station token revoked', { stationId: id });
      return { ok: true, id };
    });
    scope.post('/v1/admin/stations/:id/rotate', async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const token = newToken();
      const found = await ctx.store.tx(async (t) => {
        if (!(await t.stations.get(id))) return false;
        await t.stations.setToken(id, hashToken(token));
        return true;
      });
      if (!found) return fail(reply, 404, 'not_found', `no station ${id}`);
      ctx.warn('station token rotated', { stationId: id });
      return { id, token };
    });

    scope.get('/v1/admin/stations', async () =>
      (await ctx.store.tx((t) => t.stations.list())).map(({ tokenHash: _hash, ...s }) => s),
    );

    scope.post('/v1/admin/packers', async (req, reply) => {
      const body = parseOr400(packers, req.body, 'packers', reply);
      if (!body) return reply;
      await ctx.store.tx((t) => t.packers.upsert(body));
      return { ok: true, count: body.length };
    });

    // Every write is checked as stations will store it (services/catalog.ts): one bad row, and the
    // batch is a 400 naming each row and field, with nothing written.
    scope.post('/v1/admin/products', async (req, reply) => {
      const body = parseOr400(productBatchSchema, req.body, 'products', reply);
      if (!body) return reply;
      const rows = await attachImages(ctx, body);
      const res = await ctx.store.tx((t) => writeProducts(t, rows, { at: ctx.now() }));
      if (!res.ok) return fail(reply, 400, 'bad_request', `products are invalid:\n${res.problems.join('\n')}`);
      return { ok: true, changed: res.changed };
    });

    scope.get('/v1/admin/products/:id', async (req, reply) => {
      const id = productId(req);
      const product = id === null ? undefined : await ctx.store.tx((t) => t.products.get(id));
      return product ?? fail(reply, 404, 'not_found', `no product ${(req.params as { id: string }).id}`);
    });

    // Correct one product. Sent to every station even when unchanged: a station that quarantined
    // the row (or an order that needed it) gets it again.
    scope.put('/v1/admin/products/:id', async (req, reply) => {
      const id = productId(req);
      if (id === null) return fail(reply, 400, 'bad_request', 'id: expected a product id ≥ 1');
      const body = req.body as Record<string, unknown> | null;
      if (body && typeof body === 'object' && 'id' in body && body.id !== id)
        return fail(
          reply,
          400,
          'bad_request',
          `product.id: expected ${id} (the id in the path), got ${String(body.id)}`,
        );
      const rows = await attachImages(ctx, [{ ...body, id }]);
      const res = await ctx.store.tx((t) =>
        writeProducts(t, rows, { at: ctx.now(), resend: true, label: () => 'product' }),
      );
      if (!res.ok) return fail(reply, 400, 'bad_request', `product is invalid:\n${res.problems.join('\n')}`);
      return { ok: true, changed: res.changed };
    });

    scope.delete('/v1/admin/products/:id', async (req, reply) => {
      const id = productId(req);
      if (id === null) return fail(reply, 400, 'bad_request', 'id: expected a product id ≥ 1');
      const res = await ctx.store.tx(async (t) => {
        const blocker = deleteBlocker(id, await t.products.all());
        if (blocker) return { status: 409 as const, message: blocker };
        return (await t.products.remove(id)) ? null : { status: 404 as const, message: `no product ${id}` };
      });
      if (res) return fail(reply, res.status, res.status === 404 ? 'not_found' : 'conflict', res.message);
      return { ok: true };
    });

    scope.post('/v1/admin/waybills', async (req, reply) => {
      const body = parseOr400(waybills, req.body, 'waybills', reply);
      if (!body) return reply;
      const numbers = body.numbers ?? [];
      if (body.range) {
        if (body.range.to < body.range.from || body.range.to - body.range.from > 1_000_000)
          return fail(reply, 400, 'bad_request', 'range: from ≤ to and at most 1,000,000 numbers');
        for (let n = body.range.from; n <= body.range.to; n++)
          numbers.push(`${body.range.prefix}${String(n).padStart(body.range.width, '0')}`);
      }
      return ctx.store.tx((t) => t.waybills.addNumbers(body.carrier, numbers, ctx.now()));
    });

    scope.post('/v1/orders', async (req, reply) => {
      const body = parseOr400(intakeSchema, req.body, 'order', reply);
      if (!body) return reply;
      const res = await intake.submit(body);
      if ('error' in res) return fail(reply, 400, 'bad_request', res.error);
      return res;
    });

    scope.post('/v1/admin/import/products', { bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
      const body = parseOr400(csvBody, req.body, 'import', reply);
      if (!body) return reply;
      return importProductsCsv(ctx, Buffer.from(body.csvBase64, 'base64'), body.mapping);
    });

    scope.post('/v1/admin/import/orders', { bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
      const body = parseOr400(csvBody, req.body, 'import', reply);
      if (!body) return reply;
      if (!body.mapping)
        return fail(reply, 400, 'bad_request', 'mapping: a column-mapping object is required for live-room orders');
      return importLiveOrdersCsv(ctx, Buffer.from(body.csvBase64, 'base64'), body.mapping);
    });

    scope.get('/v1/admin/orders/:id', async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const found = await ctx.store.tx(async (t) => {
        const order = await t.orders.get(id);
        if (!order) return null;
        return {
          order,
          shipments: await t.shipments.forOrder(id),
          exceptions: await t.exceptions.list({ orderId: id }),
          claim: (await t.claims.get(id)) ?? null,
          // Its reservations, shipments and returns in the stock ledger, newest first.
          stock: await t.stock.movements({ orderId: id, limit: 1000 }),
          // Each parcel's carrier trace and the buyer notifications (README "Tracking").
          tracking: await orderTracking(t, id),
        };
      });
      return found ?? fail(reply, 404, 'not_found', `no order ${id}`);
    });

    scope.get('/v1/admin/exceptions', async (req) => {
      const q = req.query as { open?: string };
      return ctx.store.tx((t) => t.exceptions.list({ open: q.open === 'true' }));
    });

    scope.get('/v1/admin/shipments', async () => ctx.store.tx((t) => t.shipments.counts()));

    scope.get('/v1/admin/claims', async () => ({
      ttlS: ctx.config.stations.claimTtlS,
      claims: await listClaims(ctx),
    }));
    // A supervisor frees an order a desk left open; that desk is told on its next pull.
    scope.delete('/v1/admin/claims/:orderId', async (req, reply) => {
      const orderId = (req.params as { orderId: string }).orderId;
      const released = await releaseClaim(ctx, orderId);
      return released ? { released } : fail(reply, 404, 'not_found', `no claim on order ${orderId}`);
    });
  });
}
