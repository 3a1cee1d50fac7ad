// The desk's cameras from devices.cameras: one FFmpeg recorder each, under <video dir>/cameras/<id>,
// and the clip cutter, handed to createStation. FFmpeg is the npm-installed static build unless
// video.ffmpegPath names another (README "Packing video").
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StationConfig } from '../../main/config/schema.js';
import type { StationOptions } from '../../main/core/station.js';
import { FfmpegCamera } from '../../hardware/video/recorder.js';
import { cutClip } from '../../hardware/video/cut.js';
import { FONT_CANDIDATES, ffmpegBinary } from '../../hardware/video/ffmpeg-path.js';

export function videoDir(config: StationConfig, dataDir: string): string {
  return config.video.dir ?? join(dataDir, 'video');
}

export function stationVideo(
  config: StationConfig,
  dataDir: string,
  log: (line: string) => void,
): NonNullable<StationOptions['video']> | undefined {
  if (config.devices.cameras.length === 0) return undefined;
  const dir = videoDir(config, dataDir);
  const bin = ffmpegBinary(config.video.ffmpegPath);
  const fontFile = config.video.fontFile ?? FONT_CANDIDATES.find((f) => existsSync(f)) ?? null;
  if (!fontFile) log('video: no overlay font found (set video.fontFile); FFmpeg uses its default');
  const cameras = config.devices.cameras.map(
    (spec) =>
      new FfmpegCamera(spec, {
        ffmpegPath: bin,
        dir: join(dir, 'cameras', spec.id),
        fontFile,
        encode: { segmentSeconds: config.video.segmentSeconds, crf: config.video.crf },
        // Segment names are FFmpeg's wall clock, so the recorder's clock is the wall clock too.
        now: () => Date.now(),
        timezone: config.station.timezone,
        log,
      }),
  );
  return {
    cameras,
    dir,
    cut: (segments, dest, startMs) => cutClip(bin, segments, dest, startMs),
    bufferBytes: () => cameras.reduce((n, c) => n + c.bufferBytes(), 0),
  };
}
