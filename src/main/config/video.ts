// Packing video config (README "Packing video"): the desk's cameras (devices.cameras) and how clips
// are cut, kept and stored (video).
import { z } from 'zod';

export const cameraConfig = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -'),
    kind: z.enum(['uvc', 'rtsp', 'lavfi', 'http']),
    /** uvc: /dev/video0 · rtsp: rtsp://user:pass@host/… · http: an MJPEG/HLS URL · lavfi: testsrc2=size=…:rate=… */
    source: z.string().min(1, 'a device path, stream URL or lavfi source'),
    width: z.number().int().min(64).max(3840).default(1280),
    height: z.number().int().min(64).max(2160).default(720),
    fps: z.number().int().min(1).max(60).default(10),
  })
  .strict();

export const camerasConfig = z
  .array(cameraConfig)
  .max(4)
  .default([])
  .superRefine((cams, ctx) => {
    const seen = new Set<string>();
    for (const [i, c] of cams.entries()) {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `camera id ${c.id} is used twice` });
      seen.add(c.id);
    }
  });

/** An S3-compatible store (AWS S3, MinIO, Aliyun OSS / Tencent COS in S3 mode). */
export const videoS3Config = z
  .object({
    /** http(s) URL of the S3 API, e.g. http://minio.lan:9000; omit for AWS itself. */
    endpoint: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/.*)?$/, 'an http(s) URL such as http://minio.lan:9000')
      .optional(),
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3–63 lowercase letters, digits, . or -)'),
    region: z.string().min(1).default('us-east-1'),
    accessKeyId: z.string().min(1, 'the access key id'),
    /** The secret, or env:NAME to read it from the environment variable NAME. */
    secretAccessKey: z.string().min(1, 'the secret access key, or env:NAME'),
    /** Put before every object key, e.g. "packdesk/". */
    prefix: z.string().max(200).default(''),
    /** Path-style URLs (endpoint/bucket/key): what MinIO and most S3-compatible stores expect. */
    forcePathStyle: z.boolean().default(true),
  })
  .strict();

/** Uploading clips, stills and manifests off the desk (README "Packing video", Upload). */
export const videoUploadConfig = z
  .object({
    enabled: z.boolean().default(false),
    /** hub: the station's hub (station token); s3: an S3-compatible store (video.upload.s3). */
    target: z.enum(['hub', 's3']).default('hub'),
    /** disputes: packs pinned for a dispute only; all: every pack. */
    mode: z.enum(['disputes', 'all']).default('disputes'),
    /** Upload bandwidth cap in kilobits per second (1 kbit = 1000 bit), so packing's own sync keeps its share. */
    bandwidthKbps: z.number().int().min(8).max(10_000_000).default(4000),
    /** Multipart part size; S3 needs 5 MiB or more for every part but the last. */
    partSizeMb: z.number().int().min(5).max(100).default(8),
    s3: videoS3Config.optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.target === 's3' && !u.s3)
      ctx.addIssue({
        code: 'custom',
        path: ['s3'],
        message: 'the S3 settings (endpoint, bucket, accessKeyId, secretAccessKey) when target is "s3"',
      });
  })
  .prefault({});

export const videoConfig = z
  .object({
    /** Where the rolling buffer, clips and stills live; default: <data dir>/video. */
    dir: z.string().min(1).optional(),
    /** A system FFmpeg instead of the one npm installed (@ffmpeg-installer/ffmpeg). */
    ffmpegPath: z.string().min(1).optional(),
    /** The overlay font (monospace with block elements); default: DejaVu Sans Mono where found. */
    fontFile: z.string().min(1).optional(),
    segmentSeconds: z.number().int().min(1).max(10).default(2),
    /** Seconds of footage kept before the first scan of the order. */
    preRollSeconds: z.number().int().min(0).max(60).default(2),
    /** Seconds of footage kept after the label printed. */
    tailSeconds: z.number().int().min(0).max(120).default(3),
    /** x264 CRF: 23 standard, 28 economy (README storage math). */
    crf: z.number().int().min(15).max(40).default(26),
    /** Rolling buffer kept when no parcel is open (minutes). */
    bufferMinutes: z.number().int().min(1).max(240).default(10),
    /** Retention: clips older than this many days, or beyond this many GB in all, go oldest first (pinned stay). */
    quota: z
      .object({
        days: z.number().min(0.0001).max(3650).default(30),
        gb: z.number().min(0.001).max(100_000).default(50),
      })
      .strict()
      .prefault({}),
    upload: videoUploadConfig,
  })
  .strict()
  .prefault({});

export type VideoUploadConfig = z.output<typeof videoUploadConfig>;
export type CameraConfig = z.output<typeof cameraConfig>;
export type VideoConfig = z.output<typeof videoConfig>;
