// A full disk at the camera: FFmpeg's ENOSPC becomes a plain "disk full" device status (never an
// exception), the recorder keeps retrying with backoff, and recording resumes by itself once the
// disk takes writes again. The FFmpeg here is a stand-in script whose behaviour the test switches.
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegBinary } from '../../../src/hardware/video/ffmpeg-path.js';
import { FfmpegCamera } from '../../../src/hardware/video/recorder.js';
import { until } from '../../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-diskfull-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = join(dir, 'ffmpeg.sh');

function diskFull(): void {
  writeFileSync(
    script,
    '#!/bin/sh\necho "[segment @ 0x1] Failed to open segment: No space left on device" >&2\nexit 1\n',
  );
  chmodSync(script, 0o755);
}

function spaceBack(): void {
  writeFileSync(script, `#!/bin/sh\nexec "${ffmpegBinary()}" "$@"\n`);
  chmodSync(script, 0o755);
}

describe('camera on a full disk', () => {
  it('shows "disk full" while writes fail and records again when space returns', async () => {
    diskFull();
    const cam = new FfmpegCamera(
      { id: 'top', kind: 'lavfi', source: 'testsrc2=size=160x120:rate=5', width: 160, height: 120, fps: 5 },
      {
        ffmpegPath: script,
        dir: join(dir, 'rec'),
        fontFile: null,
        encode: { segmentSeconds: 1, crf: 30 },
        now: () => Date.now(),
        restartMinMs: 100,
        restartMaxMs: 400,
      },
    );
    await cam.start();
    try {
      const full = await until(
        () => cam.status(),
        (s) => s.state === 'error' && (s.detail ?? '').includes('disk full'),
        10_000,
        'disk-full status',
      );
      expect(full.detail).toContain('No space left on device');
      spaceBack();
      await until(
        () => cam.status().state,
        (s) => s === 'ready',
        10_000,
        'camera ready again',
      );
      await until(
        () => readdirSync(join(dir, 'rec', 'segments')).filter((f) => f.endsWith('.ts')).length,
        (n) => n >= 2,
        15_000,
        'segments after space returned',
      );
      expect(cam.segments().length).toBeGreaterThanOrEqual(1);
    } finally {
      await cam.stop();
    }
  });
});
