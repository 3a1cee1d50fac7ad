// The hub's handover answers on the wire, parsed with these schemas at the station (sync/http.ts)
// and built from the same types at the hub (cloud/services/handover.ts).
import { z } from 'zod';

export const handoverMissingSchema = z.object({
  carrier: z.string(),
  /** China calendar day, YYYY-MM-DD. */
  day: z.string(),
  items: z.array(
    z.object({
      waybill: z.string(),
      carrier: z.string(),
      orderId: z.string(),
      parcelId: z.string(),
      stationId: z.string(),
      packedAt: z.number(),
    }),
  ),
});
export type HandoverMissing = z.infer<typeof handoverMissingSchema>;

/**
 * GET /v1/handover/expected?carrier=&day= — what a desk needs to check handover scans of parcels
 * packed at other desks, offline too: due (packed that day, not handed over), handed over (the last
 * 7 days) and blocked (must not leave).
 */
export const handoverExpectedSchema = z.object({
  carrier: z.string(),
  day: z.string(),
  due: handoverMissingSchema.shape.items,
  handedOver: z.array(
    z.object({
      waybill: z.string(),
      orderId: z.string().nullable(),
      stationId: z.string(),
      batchId: z.string(),
      at: z.number(),
    }),
  ),
  blocked: z.array(z.object({ waybill: z.string(), orderId: z.string(), detail: z.string() })),
});
export type HandoverExpected = z.infer<typeof handoverExpectedSchema>;

/** GET /v1/handover/parcels/:waybill — what the hub knows of a waybill a desk scanned for handover. */
export const handoverParcelSchema = z.object({
  waybill: z.string(),
  handedOver: z.object({ batchId: z.string(), stationId: z.string(), carrier: z.string(), at: z.number() }).nullable(),
  /** The parcel's order and whether it may leave (cancelled upstream or a hub exception: no). */
  orderId: z.string().nullable(),
  carrier: z.string().nullable(),
  blocked: z.string().nullable(),
});
export type HandoverParcel = z.infer<typeof handoverParcelSchema>;

export const handoverBatchesSchema = z.object({
  items: z.array(
    z.object({
      batchId: z.string(),
      stationId: z.string(),
      carrier: z.string(),
      courier: z.string().nullable(),
      openedAt: z.number(),
      closedAt: z.number(),
      count: z.number(),
      waybills: z.array(z.string()),
      missing: z.array(z.string()),
    }),
  ),
});
export type HandoverBatches = z.infer<typeof handoverBatchesSchema>;

/** GET /v1/handover/cutoffs — today's 揽收截止 per carrier and the parcels that will miss it. */
export const handoverCutoffsSchema = z.object({
  now: z.number(),
  items: z.array(
    z.object({
      carrier: z.string(),
      /** "17:30", China time. */
      cutoff: z.string(),
      cutoffAt: z.number(),
      msLeft: z.number(),
      /** Packed today, not handed over yet. */
      pending: z.number(),
      /** pending > 0 and the cut-off is within the warning window (or past). */
      warn: z.boolean(),
      passed: z.boolean(),
    }),
  ),
});
export type HandoverCutoffs = z.infer<typeof handoverCutoffsSchema>;
