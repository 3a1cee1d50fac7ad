// /v1/sync/*: what stations call with their bearer token. Authentication happens before anything
// is read or written, so a wrong or missing token changes nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  claimRequestSchema,
  decodeFaults,
  MAX_PULL_WAIT_S,
  pushRequestSchema,
  SYNC_API_VERSION,
  type ClaimResponse,
  type StationReport,
} from '../../contract/sync.js';
import { formatProblems } from '../../contract/validation.js';
import { LAYOUTS, type Layout } from '../../contract/entities.js';
import { bearerToken, hashToken } from '../auth.js';
import { applyEvents } from '../services/apply.js';
import { pull, pullJson } from '../services/pull.js';
import type { HubContext } from '../context.js';
import type { HubTx, StationRow } from '../store/types.js';
import { fail } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    station?: StationRow;
  }
}

function parsePool(raw: unknown): Record<string, number> | null {
  if (typeof raw !== 'string' || raw === '') return null;
  const out: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const [carrier, n] = part.split(':');
    if (carrier && n !== undefined && /^\d+$/.test(n)) out[carrier] = Number(n);
  }
  return out;
}

/** The station's own report on a pull (see StationReport in shared/sync.ts); null when absent. */
function parseReport(q: Record<string, unknown>): StationReport | null {
  if (typeof q.layout !== 'string' || !(LAYOUTS as readonly string[]).includes(q.layout)) return null;
  const n = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0);
  const since = n(q.layoutSince);
  return {
    layout: q.layout as Layout,
    layoutSince: since > 0 ? since : null,
    queueDepth: n(q.queue),
    pendingLabels: n(q.pending),
    faults: typeof q.faults === 'string' ? decodeFaults(q.faults) : [],
  };
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
    const token = bearerToken(req.headers.authorization);
    if (!token) return fail(reply, 401, 'unauthorized', 'missing bearer token (Authorization: Bearer <station token>)');
    const station = await ctx.store.tx((t) => t.stations.byTokenHash(hashToken(token)));
    if (!station) return fail(reply, 401, 'unauthorized', 'unknown or revoked station token');
    req.station = station;
  };

  app.register(async (scope) => {
    scope.addHook('onRequest', authenticate);

    scope.get('/v1/sync/hello', async (req) => {
      const s = req.station as StationRow;
      return { stationId: s.id, layout: s.layout, serverTime: ctx.now(), apiVersion: SYNC_API_VERSION };
    });

    scope.get('/v1/sync/pull', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const cursor = Number(q.cursor ?? 0);
      const wait = Math.min(Number(q.wait ?? 0), ctx.config.stations.maxWaitS, MAX_PULL_WAIT_S);
      const limit = Math.min(Math.max(Number(q.limit ?? 1000), 1), 5000);
      if (!Number.isInteger(cursor) || cursor < 0)
        return fail(reply, 400, 'bad_request', `cursor: expected a whole number ≥ 0, got "${String(q.cursor)}"`);
      if (!Number.isFinite(wait) || wait < 0)
        return fail(reply, 400, 'bad_request', `wait: expected seconds 0–${MAX_PULL_WAIT_S}, got "${String(q.wait)}"`);
      const station = req.station as StationRow;
      const report = parseReport(q);
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
        { stationId: (req.station as StationRow).id, cursor, limit, waitMs: wait * 1000, pool: parsePool(q.pool) },
        {
          store: ctx.store,
          notifier: ctx.notifier,
          poolTarget: ctx.config.stations.poolTarget,
          carriers: ctx.carriers,
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
      const res = await applyEvents(ctx.store, stationId, parsed.data.events, ctx.now());
      ctx.wakeReporter();
      return res;
    });

    scope.post('/v1/sync/claims', async (req, reply) => {
      const parsed = claimRequestSchema.safeParse(req.body);
      if (!parsed.success) return fail(reply, 400, 'bad_request', formatProblems('claim', parsed.error, req.body));
      const stationId = (req.station as StationRow).id;
      const { orderId, packId } = parsed.data;
      const res: ClaimResponse = await ctx.store.tx(async (t) => {
        const held = await t.claims.get(orderId);
        const order = await t.orders.get(orderId);
        if (held && held.stationId !== stationId) return { ok: false, heldBy: held.stationId };
        if (order?.packedBy && order.packedBy !== stationId) return { ok: false, heldBy: order.packedBy };
        await t.claims.set(orderId, stationId, packId, ctx.now());
        return { ok: true, heldBy: null };
      });
      if (!res.ok) reply.code(409);
      return res;
    });
  });
}
