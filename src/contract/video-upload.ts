// The hub's packing-video upload API (README "Packing video", Upload): a station sends a clip,
// still or manifest in parts (resumable: `begin` names the parts the hub already holds), and a
// supervisor fetches the files by waybill or order id. Parsed at both ends.
import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');
/** A file name inside a pack's folder (clip-top.mp4, still-03-scan-top.jpg, manifest.json). */
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a plain file name');

export const VIDEO_UPLOAD_MAX_PART = 100 * 1024 * 1024;

export const uploadBeginSchema = z
  .object({
    packId: z.string().min(1).max(128),
    /** The station's video_files id (its hash-chain link); null for the pack's manifest. */
    fileId: z.number().int().positive().nullable(),
    orderId: z.string().min(1).max(128),
    waybills: z.array(z.string().min(1).max(64)).max(20),
    name: fileName,
    kind: z.enum(['clip', 'still', 'manifest']),
    bytes: z.number().int().min(0),
    sha256,
    partBytes: z.number().int().min(1).max(VIDEO_UPLOAD_MAX_PART),
  })
  .strict();
export type UploadBegin = z.infer<typeof uploadBeginSchema>;

export const uploadStateSchema = z
  .object({
    uploadId: z.string().min(1),
    /** Part numbers (1-based) the hub holds already: the station sends only the others. */
    received: z.array(z.number().int().positive()),
    done: z.boolean(),
  })
  .strict();
export type UploadState = z.infer<typeof uploadStateSchema>;

export const uploadPartSchema = z.object({ partNo: z.number().int().positive(), sha256 }).strict();
export type UploadPart = z.infer<typeof uploadPartSchema>;

/** Completing: the hub joins parts 1..parts (each part it holds was checked on arrival). */
export const uploadCompleteSchema = z.object({ parts: z.number().int().positive() }).strict();

/** How the hub's copy compares with the hash the station reported when it recorded the file. */
export const VIDEO_CHECKS = ['verified', 'mismatch', 'unrecorded'] as const;
export type VideoCheck = (typeof VIDEO_CHECKS)[number];

export const uploadDoneSchema = z.object({ sha256, check: z.enum(VIDEO_CHECKS) }).strict();
export type UploadDone = z.infer<typeof uploadDoneSchema>;

export const hubVideoFileSchema = z
  .object({
    id: z.string(),
    stationId: z.string(),
    packId: z.string(),
    orderId: z.string(),
    waybills: z.array(z.string()),
    name: z.string(),
    kind: z.enum(['clip', 'still', 'manifest']),
    bytes: z.number().int(),
    sha256,
    check: z.enum(VIDEO_CHECKS),
    uploadedAt: z.number().int(),
    /** Download path on the hub (admin token). */
    url: z.string(),
  })
  .strict();
export type HubVideoFile = z.infer<typeof hubVideoFileSchema>;

export const hubVideoResultSchema = z.object({ code: z.string(), files: z.array(hubVideoFileSchema) }).strict();
export type HubVideoResult = z.infer<typeof hubVideoResultSchema>;
