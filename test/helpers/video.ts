// Reading packing-video files in tests: ffprobe for a clip's start and length, one decoded frame as
// PNG, and the per-second QR the overlay draws (zxing-wasm, no OCR).
import { execFileSync, spawnSync } from 'node:child_process';
import { ffmpegBinary, ffprobeBinary } from '../../src/hardware/video/ffmpeg-path.js';
import { parseQrPayload } from '../../src/hardware/video/qr-text.js';
import { decodeBarcodes, imageData } from './label-images.js';

export const LAVFI_CAMERA = {
  id: 'top',
  kind: 'lavfi',
  source: 'testsrc2=size=320x240:rate=10',
  width: 320,
  height: 240,
  fps: 10,
} as const;

export function probe(file: string): { durationMs: number; creationMs: number | null; codec: string } {
  const out = execFileSync(
    ffprobeBinary(),
    [
      '-v',
      'error',
      '-show_entries',
      'format=duration:format_tags=creation_time:stream=codec_name',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  const j = JSON.parse(out) as {
    format: { duration?: string; tags?: { creation_time?: string } };
    streams: { codec_name: string }[];
  };
  const created = j.format.tags?.creation_time;
  return {
    durationMs: Math.round(Number(j.format.duration ?? 0) * 1000),
    creationMs: created ? Date.parse(created) : null,
    codec: j.streams[0]?.codec_name ?? '',
  };
}

/** The frame at `seconds` into `file`, as PNG bytes. */
export function frameAt(file: string, seconds: number): Buffer {
  return execFileSync(
    ffmpegBinary(),
    ['-v', 'error', '-ss', String(seconds), '-i', file, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
    { maxBuffer: 32 * 1024 * 1024 },
  );
}

/** The epoch ms the overlay QR in a PNG/JPEG frame says, or null when none is readable. */
export async function overlayTime(image: Buffer): Promise<number | null> {
  const codes = await decodeBarcodes(await imageData(image));
  for (const c of codes) {
    const t = parseQrPayload(c.text);
    if (t !== null) return t;
  }
  return null;
}

/**
 * Decodes a whole segment with FFmpeg (the npm ffprobe build crashes on MPEG-TS, so segments are
 * checked by decoding): whether it plays, and how many frames it holds.
 */
export function decodeFrames(file: string): { ok: boolean; frames: number } {
  const run = spawnSync(ffmpegBinary(), ['-v', 'error', '-stats', '-i', file, '-map', '0:v', '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  const frames = [...run.stderr.matchAll(/frame=\s*(\d+)/g)].map((m) => Number(m[1]));
  return {
    ok: run.status === 0 && !/error|invalid/i.test(run.stderr.replace(/frame=.*$/gm, '')),
    frames: frames.pop() ?? 0,
  };
}
