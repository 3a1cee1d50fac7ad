// The burned-in overlay as FFmpeg draws it (one frame per size, no recording): the per-second QR
// drawn with half blocks decodes with zxing at the desk's sizes, and the recorder's failures are a
// device status, never an exception.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { overlayFilter } from '../../../src/hardware/video/ffmpeg-args.js';
import { FONT_CANDIDATES, ffmpegBinary } from '../../../src/hardware/video/ffmpeg-path.js';
import { qrPayload, qrText } from '../../../src/hardware/video/qr-text.js';
import { FfmpegCamera, JpegSplitter } from '../../../src/hardware/video/recorder.js';
import { overlayTime } from '../../helpers/video.js';
import { until } from '../../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-overlay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const font = FONT_CANDIDATES.find((f) => existsSync(f)) ?? null;

function frame(width: number, height: number, at: number): Buffer {
  const paths = { segmentDir: dir, overlayFile: join(dir, 'o.txt'), qrFile: join(dir, 'q.txt'), fontFile: font };
  writeFileSync(paths.overlayFile, 'STATION ST-1   PACKER P01\nORDER O-1   WAYBILL SF123');
  writeFileSync(paths.qrFile, qrText(qrPayload(at)));
  const cam = { id: 'top', kind: 'lavfi', source: '', width, height, fps: 10 } as const;
  const graph = `testsrc2=size=${width}x${height}:rate=10,${overlayFilter(cam, paths).replace(',split[rec][still]', '')}`;
  return execFileSync(
    ffmpegBinary(),
    ['-v', 'error', '-f', 'lavfi', '-i', graph, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}

describe('overlay QR', () => {
  for (const [w, h] of [
    [320, 240],
    [1280, 720],
  ] as const) {
    it(`decodes at ${w}x${h}`, async () => {
      const at = 1_796_215_287_000;
      expect(await overlayTime(frame(w, h, at))).toBe(at);
    });
  }
});

describe('recorder', () => {
  it('records segments and hands out the newest frame as a still', async () => {
    const cam = new FfmpegCamera(
      { id: 'top', kind: 'lavfi', source: 'testsrc2=size=160x120:rate=5', width: 160, height: 120, fps: 5 },
      {
        ffmpegPath: ffmpegBinary(),
        dir: join(dir, 'rec'),
        fontFile: font,
        encode: { segmentSeconds: 1, crf: 30 },
        now: () => Date.now(),
      },
    );
    await cam.start();
    try {
      await until(
        () => cam.status().state,
        (s) => s === 'ready',
        10_000,
        'ready',
      );
      await until(
        () => cam.segments().length,
        (n) => n >= 2,
        20_000,
        'two finished segments',
      );
      const dest = join(dir, 'still.jpg');
      expect(await cam.still(dest)).toBe(true);
      expect(await overlayTime(Buffer.from(execFileSync('cat', [dest])))).not.toBeNull();
    } finally {
      await cam.stop();
    }
    expect(readdirSync(join(dir, 'rec', 'segments')).length).toBeGreaterThanOrEqual(2);
  });

  it('a missing FFmpeg is an error status with the reason, not an exception', async () => {
    const cam = new FfmpegCamera(
      { id: 'x', kind: 'lavfi', source: 'testsrc2', width: 160, height: 120, fps: 5 },
      {
        ffmpegPath: join(dir, 'no-ffmpeg'),
        dir: join(dir, 'bad'),
        fontFile: null,
        encode: { segmentSeconds: 1, crf: 30 },
        now: () => Date.now(),
        restartMinMs: 60_000,
      },
    );
    await cam.start();
    await until(
      () => cam.status(),
      (s) => s.state === 'error',
      5000,
      'error status',
    );
    expect(cam.status().detail).toMatch(/cannot run FFmpeg|FFmpeg stopped/);
    await cam.stop();
  });

  it('splits an MJPEG stream into images across chunk boundaries', () => {
    const a = Buffer.from([0xff, 0xd8, 1, 2, 0xff, 0x00, 0xff, 0xd9]);
    const b = Buffer.from([0xff, 0xd8, 9, 0xff, 0xd9]);
    const all = Buffer.concat([Buffer.from([7, 7]), a, b]);
    const s = new JpegSplitter();
    const out: Buffer[] = [];
    for (let i = 0; i < all.length; i += 3) out.push(...s.push(all.subarray(i, i + 3)));
    expect(out).toEqual([a, b]);
  });
});
