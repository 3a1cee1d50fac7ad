// Courier handover (交接) endpoints: the admin's batch list, and — for the admin or a station — the
// parcels still due per carrier and day, what the hub knows of a scanned waybill, and today's cut-offs.
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context.js';
import {
  batchesBetween,
  chinaToday,
  cutoffsView,
  expectedFor,
  missingFor,
  parcelForHandover,
} from '../services/handover.js';
import { fail } from './errors.js';
import { adminOnly, adminOrStation } from './guards.js';

const DAY = 86_400_000;
const CARRIER = /^[A-Z0-9]{1,32}$/;

export function handoverRoutes(root: FastifyInstance, ctx: HubContext): void {
  root.register(async (app) => {
    app.addHook('onRequest', adminOnly(ctx));
    app.get('/v1/admin/handover/batches', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const now = ctx.now();
      const from = q.from === undefined ? now - DAY : Number(q.from);
      const to = q.to === undefined ? now + 1 : Number(q.to);
      const limit = q.limit === undefined ? 200 : Number(q.limit);
      if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from)
        return fail(
          reply,
          400,
          'bad_request',
          `from/to: expected epoch milliseconds with from < to, got from=${String(q.from)} to=${String(q.to)}`,
        );
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        return fail(reply, 400, 'bad_request', `limit: expected 1–1000, got ${String(q.limit)}`);
      return ctx.store.tx((t) => batchesBetween(t, from, to, limit));
    });
  });

  root.register(async (app) => {
    app.addHook('onRequest', adminOrStation(ctx));
    // carrier and day from the query, or the one-line reason they are not usable.
    const carrierDay = (q: Record<string, unknown>): { carrier: string; day: string } | string => {
      const carrier = typeof q.carrier === 'string' ? q.carrier.toUpperCase() : '';
      if (!CARRIER.test(carrier))
        return `carrier: expected a carrier code such as SF, got ${JSON.stringify(q.carrier ?? null)}`;
      const day = typeof q.day === 'string' && q.day ? q.day : chinaToday(ctx.now());
      return { carrier, day };
    };
    const badDay = (day: string) => `day: expected a date YYYY-MM-DD, got ${JSON.stringify(day)}`;
    app.get('/v1/handover/missing', async (req, reply) => {
      const cd = carrierDay(req.query as Record<string, unknown>);
      if (typeof cd === 'string') return fail(reply, 400, 'bad_request', cd);
      const missing = await ctx.store.tx((t) => missingFor(t, cd.carrier, cd.day));
      return missing ?? fail(reply, 400, 'bad_request', badDay(cd.day));
    });
    app.get('/v1/handover/expected', async (req, reply) => {
      const cd = carrierDay(req.query as Record<string, unknown>);
      if (typeof cd === 'string') return fail(reply, 400, 'bad_request', cd);
      const expected = await ctx.store.tx((t) => expectedFor(t, cd.carrier, cd.day));
      return expected ?? fail(reply, 400, 'bad_request', badDay(cd.day));
    });
    app.get('/v1/handover/parcels/:waybill', async (req, reply) => {
      const { waybill } = req.params as { waybill: string };
      if (!waybill || waybill.length > 64) return fail(reply, 400, 'bad_request', 'waybill: expected 1–64 characters');
      return ctx.store.tx((t) => parcelForHandover(t, waybill));
    });
    app.get('/v1/handover/cutoffs', async () => ctx.store.tx((t) => cutoffsView(t, ctx.config.handover, ctx.now())));
  });
}
