// After-sale disputes, station token (README "Packing video", After-sale disputes): the calling
// station's cases (GET /v1/disputes) and its supervisor's confirmed proof
// (POST /v1/disputes/:caseId/proof). The hub sends the proof to WeChat afterwards.
import type { FastifyInstance } from 'fastify';
import { disputeProofSchema, MAX_PROOF_STILL_BYTES, MAX_PROOF_STILLS } from '../../contract/disputes.js';
import type { DisputeList, DisputeProofReply } from '../../contract/disputes.js';
import { formatProblems } from '../../contract/validation.js';
import type { HubContext } from '../context.js';
import { acceptProof, caseView } from '../services/disputes.js';
import { fail } from './errors.js';
import { stationOnly } from './guards.js';

/** Enough for the most stills at the largest size, base64-encoded, with room for the JSON around them. */
const PROOF_BODY_LIMIT = Math.ceil((MAX_PROOF_STILLS * MAX_PROOF_STILL_BYTES * 4) / 3) + 64 * 1024;
const LIST_LIMIT = 200;

export function disputeRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.register(async (scope) => {
    const { hook, stationOf } = stationOnly(ctx);
    scope.addHook('onRequest', hook);

    scope.get('/v1/disputes', async (req) => {
      const rows = await ctx.store.tx((t) => t.disputes.forStation(stationOf(req).id, LIST_LIMIT));
      const body: DisputeList = { cases: rows.map(caseView) };
      return body;
    });

    scope.post('/v1/disputes/:caseId/proof', { bodyLimit: PROOF_BODY_LIMIT }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const parsed = disputeProofSchema.safeParse(req.body);
      if (!parsed.success) return fail(reply, 400, 'bad_request', formatProblems('proof', parsed.error, req.body));
      const res = await acceptProof(ctx, stationOf(req).id, caseId, parsed.data);
      if (!res.ok) return fail(reply, res.status, res.status === 404 ? 'not_found' : 'conflict', res.message);
      ctx.proofConfirmed();
      const body: DisputeProofReply = { case: caseView(res.case) };
      return body;
    });
  });
}
