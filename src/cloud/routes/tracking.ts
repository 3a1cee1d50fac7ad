// Tracking endpoints (README "Tracking"): a parcel's timeline and the stuck-parcel alerts for the
// admin (/v1/admin/tracking/…) or a station (/v1/tracking/…), the buyer notifications of an order
// for the admin, and the provider's push callback, which carries no bearer token: its signature
// (MD5 of param + salt, checked in constant time) is the authentication.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../auth.js';
import { stationFor } from '../station-auth.js';
import type { HubContext } from '../context.js';
import { alerts, timeline } from '../tracking/views.js';
import { recordEvents } from '../tracking/parcels.js';
import { configuredProvider } from '../tracking/providers.js';
import { CallbackAuthError } from '../tracking/provider.js';
import { fail } from './errors.js';
import { adminOnly } from './guards.js';

/** A full trace of a few hundred scans is well under this. */
const CALLBACK_BODY_LIMIT = 1024 * 1024;
const WAYBILL = /^[A-Za-z0-9-]{1,64}$/;

export function trackingRoutes(root: FastifyInstance, ctx: HubContext): void {
  const stationOnly = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!bearerToken(req.headers.authorization)) return fail(reply, 401, 'unauthorized', 'missing bearer token');
    const who = await stationFor(ctx, req.headers.authorization);
    if ('refused' in who) return fail(reply, 401, 'unauthorized', who.refused);
  };
  const readers = (app: FastifyInstance, prefix: string) => {
    app.get(`${prefix}/alerts`, async () => ({
      items: await ctx.store.tx((t) => alerts(t, ctx.config, ctx.now())),
    }));
    app.get(`${prefix}/:waybill`, async (req, reply) => {
      const { waybill } = req.params as { waybill: string };
      if (!WAYBILL.test(waybill)) return fail(reply, 400, 'bad_request', 'waybill: expected 1–64 letters, digits or -');
      const view = await ctx.store.tx((t) => timeline(t, waybill));
      if (!view) return fail(reply, 404, 'not_found', `the hub knows no parcel with waybill ${waybill}`);
      return view;
    });
  };

  root.register(async (app) => {
    app.addHook('onRequest', adminOnly(ctx));
    readers(app, '/v1/admin/tracking');
    app.get('/v1/admin/tracking/notifications/:orderId', async (req) => {
      const { orderId } = req.params as { orderId: string };
      return { items: await ctx.store.tx((t) => t.tracking.notifications(orderId)) };
    });
  });
  root.register(async (app) => {
    app.addHook('onRequest', stationOnly);
    readers(app, '/v1/tracking');
  });
  root.register(async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    const provider = configuredProvider(ctx.config);
    app.post('/v1/tracking/callback/kuaidi100', { bodyLimit: CALLBACK_BODY_LIMIT }, async (req, reply) => {
      if (!provider)
        return fail(reply, 404, 'not_found', 'no Kuaidi100 provider is configured (tracking.providers.kuaidi100)');
      const form = (req.body ?? {}) as Record<string, string | undefined>;
      let parsed;
      try {
        parsed = provider.parseCallback(form);
      } catch (err) {
        if (err instanceof CallbackAuthError) {
          ctx.log('tracking callback refused', { from: req.ip, why: err.message });
          return fail(reply, 401, 'unauthorized', err.message);
        }
        // Signed but not understood: tell Kuaidi100 it failed (it pushes again later) and log why.
        ctx.warn('tracking callback not understood', { error: err instanceof Error ? err.message : String(err) });
        return reply.code(400).send({ result: false, returnCode: '500', message: 'param not understood' });
      }
      const { waybill, events } = parsed;
      await ctx.store.tx((t) => recordEvents(t, ctx.config, provider, waybill, events, ctx.now()));
      return provider.ack;
    });
  });
}
