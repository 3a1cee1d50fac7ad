// The hub's after-sale disputes for this station (README "Packing video", After-sale disputes): the
// cases on orders it packed (GET /v1/disputes) and a supervisor's confirmed proof
// (POST /v1/disputes/:caseId/proof). Answers are parsed with their contract schemas.
import {
  disputeListSchema,
  disputeProofReplySchema,
  type DisputeCase,
  type DisputeProof,
} from '../../contract/disputes.js';
import { SyncError } from './http.js';

export interface HubDisputes {
  cases(): Promise<DisputeCase[]>;
  sendProof(caseId: string, proof: DisputeProof): Promise<DisputeCase>;
}

export function hubDisputes(
  read: (pathAndQuery: string) => Promise<unknown>,
  write: (path: string, body: unknown) => Promise<unknown>,
): HubDisputes {
  return {
    async cases() {
      const parsed = disputeListSchema.safeParse(await read('/v1/disputes'));
      if (!parsed.success)
        throw new SyncError('bad_response', `disputes: ${parsed.error.issues[0]?.message ?? 'invalid body'}`);
      return parsed.data.cases;
    },
    async sendProof(caseId, proof) {
      const parsed = disputeProofReplySchema.safeParse(
        await write(`/v1/disputes/${encodeURIComponent(caseId)}/proof`, proof),
      );
      if (!parsed.success)
        throw new SyncError('bad_response', `dispute proof: ${parsed.error.issues[0]?.message ?? 'invalid body'}`);
      return parsed.data.case;
    },
  };
}
