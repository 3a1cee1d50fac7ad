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
  })
  .strict()
  .prefault({});

export type CameraConfig = z.output<typeof cameraConfig>;
export type VideoConfig = z.output<typeof videoConfig>;
