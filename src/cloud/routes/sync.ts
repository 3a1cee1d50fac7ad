// /v1/sync/*: what stations call with their bearer token. Authentication happens before anything
// is read or written, so a wrong or missing token changes nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  claimRequestSchema,
  MAX_PULL_WAIT_S,
  pullQuerySchema,
  pushRequestSchema,
  SYNC_API_VERSION,
  type ClaimResponse,
  type StationReport,
} from '../../contract/sync.js';
import { formatProblems } from '../../contract/validation.js';
import { stationFor } from '../station-auth.js';
import { applyEvents } from '../services/apply.js';
import { foldSettings } from '../services/stats-fold.js';
import { claimOrder, claimTtlMs } from '../services/claims.js';
import { pull, pullJson } from '../services/pull.js';
import type { HubContext } from '../context.js';
import type { HubTx, StationRow } from '../store/types.js';
import { fail } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    station?: StationRow;
  }
}

/**
 * A station reports a layout other than the hub's. It says since when, by its own clock (it may
 * have been re-laid while offline); never later than now. From before the hub's latest period
 * began, that period was wrong all along (registered with a default, say): it is corrected rather
 * than followed by a new one.
 */
async function recordLayout(t: HubTx, stationId: string, report: StationReport, now: number): Promise<void> {
  const at = Math.min(report.layoutSince ?? now, now);
  const latest = (await t.stations.layoutHistory(stationId)).at(-1);
  if (latest && at <= latest.from) await t.stations.correctLayout(stationId, report.layout);
  else await t.stations.setLayout(stationId, report.layout, at);
}

export function syncRoutes(app: FastifyInstance, ctx: HubContext): void {
  const authenticate = async (req: FastifyRequest, reply: FastifyReply) => {
    const who = await stationFor(ctx, req.headers.authorization);
    if ('refused' in who) return fail(reply, 401, 'unauthorized', who.refused);
    req.station = who.station;
  };

  app.register(async (scope) => {
    scope.addHook('onRequest', authenticate);

    // A product photo the hub cached (services/catalog-images.ts), named by the catalog's image.sha256.
    scope.get('/v1/catalog/images/:sha256', async (req, reply) => {
      const { sha256 } = req.params as { sha256: string };
      const image = /^[0-9a-f]{64}$/.test(sha256) ? await ctx.store.tx((t) => t.catalogImages.get(sha256)) : undefined;
      if (!image) return fail(reply, 404, 'not_found', `no catalog image ${sha256}`);
      return reply
        .header('cache-control', 'private, max-age=31536000, immutable')
        .type(image.contentType)
        .send(image.bytes);
    });

    scope.get('/v1/sync/hello', async (req) => {
      const s = req.station as StationRow;
      return { stationId: s.id, layout: s.layout, serverTime: ctx.now(), apiVersion: SYNC_API_VERSION };
    });

    scope.get('/v1/sync/pull', async (req, reply) => {
      const parsed = pullQuerySchema.safeParse(req.query);
      if (!parsed.success) return fail(reply, 400, 'bad_request', formatProblems('pull', parsed.error, req.query));
      const { cursor, pool, report } = parsed.data;
      const wait = Math.min(parsed.data.wait, ctx.config.stations.maxWaitS, MAX_PULL_WAIT_S);
      const limit = Math.min(Math.max(parsed.data.limit, 1), 5000);
      const station = req.station as StationRow;
      if (report) {
        await ctx.store.tx(async (t) => {
          await t.stations.setReport(station.id, report);
          // The layout history makes a comparison use the layout in force when the work was done.
          if (report.layout !== station.layout) await recordLayout(t, station.id, report, ctx.now());
        });
      }
      const abort = new AbortController();
      req.raw.once('close', () => abort.abort());
      const res = await pull(
        { stationId: station.id, cursor, limit, waitMs: wait * 1000, pool },
        {
          store: ctx.store,
          notifier: ctx.notifier,
          poolTarget: ctx.config.stations.poolTarget,
          carriers: () => ctx.carriers(),
          now: ctx.now,
        },
        abort.signal,
      );
      return reply.type('application/json; charset=utf-8').send(pullJson(res));
    });

    scope.post('/v1/sync/events', async (req, reply) => {
      const parsed = pushRequestSchema.safeParse(req.body);
      if (!parsed.success) return fail(reply, 400, 'bad_request', formatProblems('events', parsed.error, req.body));
      const stationId = (req.station as StationRow).id;
      const res = await applyEvents(ctx.store, stationId, parsed.data.events, ctx.now(), {
        claimTtlMs: claimTtlMs(ctx),
        warn: ctx.warn,
        stock: ctx.config.stock,
        stats: foldSettings(ctx.config),
      });
      ctx.wakeReporter();
      return res;
    });

    scope.post('/v1/sync/claims', async (req, reply) => {
      const parsed = claimRequestSchema.safeParse(req.body);
      if (!parsed.success) return fail(reply, 400, 'bad_request', formatProblems('claim', parsed.error, req.body));
      const stationId = (req.station as StationRow).id;
      const { orderId, packId } = parsed.data;
      const { takenFrom, ...res } = await ctx.store.tx((t) =>
        claimOrder(t, { orderId, stationId, packId }, ctx.now(), claimTtlMs(ctx)),
      );
      if (takenFrom)
        ctx.warn('a lapsed claim was taken over', {
          orderId,
          from: takenFrom.stationId,
          to: stationId,
          since: takenFrom.at,
        });
      if (!res.ok) reply.code(409);
      const body: ClaimResponse = res;
      return body;
    });
  });
}
