// WeChat after-sale disputes (举证, README "Packing video"): the hub tells the station that packed an
// order of an after-sale case on it; the station's supervisor picks stills of the pack and confirms;
// the hub sends them to WeChat as complaint proof. Parsed at both ends.
import { z } from 'zod';

export const DISPUTE_STATES = ['open', 'proof_ready', 'sent', 'failed'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

/** WeChat accepts a handful of proof images; more would only be refused there. */
export const MAX_PROOF_STILLS = 9;
/** A still is a JPEG frame of a few hundred KB; WeChat's image upload takes up to 2 MB (SDK). */
export const MAX_PROOF_STILL_BYTES = 2 * 1024 * 1024;

export const disputeCaseSchema = z
  .object({
    caseId: z.string().min(1).max(64),
    orderId: z.string().min(1).max(128),
    /** REFUND | RETURN … as WeChat names it. */
    type: z.string().max(64),
    reason: z.string().max(500),
    wechatStatus: z.string().max(64),
    state: z.enum(DISPUTE_STATES),
    /** Why the last send failed. */
    error: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .strict();
export type DisputeCase = z.infer<typeof disputeCaseSchema>;

/** GET /v1/disputes: the calling station's cases, newest change first. */
export const disputeListSchema = z.object({ cases: z.array(disputeCaseSchema) }).strict();
export type DisputeList = z.infer<typeof disputeListSchema>;

/** A still file name as the station names it (still-03-scan-top.jpg). */
const stillName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a plain file name');

/** POST /v1/disputes/:caseId/proof: the stills a supervisor confirmed, sent nowhere else before. */
export const disputeProofSchema = z
  .object({
    /** The supervisor who scanned their badge to confirm. */
    supervisorId: z.string().min(1).max(64),
    stills: z
      .array(
        z
          .object({
            name: stillName,
            contentType: z.enum(['image/jpeg', 'image/png']),
            base64: z
              .string()
              .min(4)
              .max(Math.ceil(MAX_PROOF_STILL_BYTES / 3) * 4, 'a still of at most 2 MB')
              .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
          })
          .strict(),
      )
      .min(1, 'pick at least one still')
      .max(MAX_PROOF_STILLS, `at most ${MAX_PROOF_STILLS} stills`),
  })
  .strict();
export type DisputeProof = z.infer<typeof disputeProofSchema>;

export const disputeProofReplySchema = z.object({ case: disputeCaseSchema }).strict();
export type DisputeProofReply = z.infer<typeof disputeProofReplySchema>;
