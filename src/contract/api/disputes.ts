// The evidence screen's after-sale disputes: the hub's cases on orders this desk packed, each with
// the order's stills; a supervisor picks stills and confirms with their badge. A hub out of reach is
// an answer the screen shows, not an error.
import { z } from 'zod';
import type { DisputeCase } from '../disputes.js';
import { MAX_PROOF_STILLS } from '../disputes.js';
import type { EvidenceFile } from './video.js';

export const disputeRequestSchemas = {
  'video.disputes': z.object({}).strict(),
  'video.disputeProof': z
    .object({
      caseId: z.string().min(1).max(64),
      /** The supervisor's badge as scanned (or typed). */
      badge: z.string().trim().min(1, 'scan a supervisor badge').max(64),
      stillIds: z
        .array(z.number().int().positive())
        .min(1, 'pick at least one still')
        .max(MAX_PROOF_STILLS, `at most ${MAX_PROOF_STILLS} stills`),
    })
    .strict(),
};

export interface DeskDisputeCase extends DisputeCase {
  /** The order's stills on this desk, newest pack first (deleted files have url null). */
  stills: EvidenceFile[];
}

export type DisputesResult =
  { ok: true; cases: DeskDisputeCase[] } | { ok: false; reason: 'no_hub' | 'unreachable'; message: string };
