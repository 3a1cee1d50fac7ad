// Who may call a route, as Fastify onRequest hooks shared by every route file: the admin token only
// (setup and writes), or the admin token or any station's token (reads a supervisor's desk shows,
// like /v1/stats). And the one way a route refuses a bad body or query: 400 naming the field.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { formatProblems } from '../../contract/validation.js';
import { bearerToken } from '../auth.js';
import type { HubContext } from '../context.js';
import type { StationRow } from '../store/types.js';
import { adminCheck, stationFor } from '../station-auth.js';
import { fail } from './errors.js';

type Hook = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export function adminOnly(ctx: Pick<HubContext, 'config'>): Hook {
  const isAdmin = adminCheck(ctx.config);
  return async (req, reply) => {
    if (!isAdmin)
      return fail(reply, 403, 'forbidden', 'no admin token is configured (hub.adminToken); admin endpoints are off');
    if (!isAdmin(req.headers.authorization)) return fail(reply, 401, 'unauthorized', 'missing or wrong admin token');
  };
}

export function adminOrStation(ctx: HubContext): Hook {
  const isAdmin = adminCheck(ctx.config);
  return async (req, reply) => {
    if (!bearerToken(req.headers.authorization)) return fail(reply, 401, 'unauthorized', 'missing bearer token');
    if (isAdmin?.(req.headers.authorization)) return;
    const who = await stationFor(ctx, req.headers.authorization);
    if ('refused' in who) return fail(reply, 401, 'unauthorized', who.refused);
  };
}

/** A station's token only; `stationOf(req)` is the station it named, in the handlers behind the hook. */
export function stationOnly(ctx: HubContext): { hook: Hook; stationOf: (req: FastifyRequest) => StationRow } {
  const stations = new WeakMap<FastifyRequest, StationRow>();
  return {
    hook: async (req, reply) => {
      const who = await stationFor(ctx, req.headers.authorization);
      if ('refused' in who) return fail(reply, 401, 'unauthorized', who.refused);
      stations.set(req, who.station);
    },
    stationOf: (req) => stations.get(req) as StationRow,
  };
}

/** The parsed input, or null after answering 400 with what was wrong where (`what`: body, query…). */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown, what: string, reply: FastifyReply): T | null {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  void fail(reply, 400, 'bad_request', formatProblems(what, r.error, input));
  return null;
}
