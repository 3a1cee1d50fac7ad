// The FFmpeg command line of one camera, built as data so tests can read it. One process per camera
// does everything: reads the source, burns the overlay in, encodes H.264 into 2-second MPEG-TS
// segments named by their wall-clock start (strftime %s), and streams JPEG frames (2 per second) to
// its stdout for stills (no second FFmpeg per still). That pipe also ties FFmpeg's life to the
// station's: when the station dies (even by kill -9) the pipe breaks and FFmpeg exits on its next write.
//
// Why burn in at record time (not stream copy + overlay at export): the desk's cameras are low-res
// (720p at most) and the overlay is the evidence — a clip without the time, order and verdicts on
// the picture is the weak spot of dedicated tools. libx264 ultrafast at 720p/10 fps costs a fraction
// of one core (README "Packing video" has the measured numbers). MPEG-TS segments stay playable up
// to the last complete packet when the process is killed, so a crash loses at most one segment.
import type { CameraSpec } from './types.js';

export interface RecordPaths {
  /** Directory of this camera's segments. */
  segmentDir: string;
  /** Text files drawtext re-reads every frame. */
  overlayFile: string;
  qrFile: string;
  fontFile: string | null;
}

export interface EncodeOptions {
  segmentSeconds: number;
  /** x264 constant rate factor: 23 ≈ "standard", 28 ≈ "economy" (README storage math). */
  crf: number;
}

/** drawtext's option syntax: ':' and '\' and quotes escaped, the value quoted. */
export function filterValue(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/:/g, '\\:')}'`;
}

/**
 * A USB (UVC) camera is read through the operating system's capture API, which FFmpeg names per
 * platform: v4l2 (Linux, source /dev/video0), dshow (Windows, source = the device's friendly name
 * as `ffmpeg -list_devices true -f dshow -i dummy` prints it) and avfoundation (macOS, source = the
 * index or name `ffmpeg -f avfoundation -list_devices true -i ""` prints). A source already written
 * in the platform's own syntax ("video=…" on Windows, "0:none" on macOS) is passed through.
 */
export function uvcInputArgs(cam: CameraSpec, platform: NodeJS.Platform): string[] {
  const caps = ['-framerate', String(cam.fps), '-video_size', `${cam.width}x${cam.height}`];
  switch (platform) {
    case 'win32':
      return ['-f', 'dshow', ...caps, '-i', cam.source.startsWith('video=') ? cam.source : `video=${cam.source}`];
    case 'darwin':
      // Video only: without ":none" avfoundation would also open the default microphone.
      return ['-f', 'avfoundation', ...caps, '-i', cam.source.includes(':') ? cam.source : `${cam.source}:none`];
    default:
      return ['-f', 'v4l2', ...caps, '-i', cam.source];
  }
}

function inputArgs(cam: CameraSpec, platform: NodeJS.Platform): string[] {
  switch (cam.kind) {
    case 'lavfi':
      // A synthetic source runs as fast as it can unless -re paces it like a camera.
      return ['-re', '-f', 'lavfi', '-i', cam.source];
    case 'uvc':
      return uvcInputArgs(cam, platform);
    case 'rtsp':
      // TCP: hotel-grade Wi-Fi and busy switches drop UDP RTP; 海康/大华 cameras speak both.
      return ['-rtsp_transport', 'tcp', '-i', cam.source];
    case 'http':
      return ['-reconnect', '1', '-reconnect_streamed', '1', '-i', cam.source];
  }
}

export function overlayFilter(cam: CameraSpec, p: RecordPaths): string {
  const font = p.fontFile ? `fontfile=${filterValue(p.fontFile)}:` : '';
  const small = Math.max(10, Math.round(cam.height / 24));
  const qrSize = Math.max(8, Math.round(cam.height / 36));
  const qrSpacing = -Math.max(2, Math.round(qrSize * 0.15));
  const scale = `scale=${cam.width}:${cam.height},fps=${cam.fps}`;
  const info =
    // expansion=none: the text is what the desk wrote; a scanned "%{…}" must not run drawtext functions.
    `drawtext=${font}textfile=${filterValue(p.overlayFile)}:reload=1:expansion=none:x=4:y=4:fontsize=${small}` +
    `:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=3:line_spacing=2`;
  const clock =
    `drawtext=${font}text='%{localtime\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}':x=4:y=h-th-6:fontsize=${small}` +
    `:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=3`;
  const qr =
    `drawtext=${font}textfile=${filterValue(p.qrFile)}:reload=1:expansion=none:x=w-tw-2:y=h-th-2:fontsize=${qrSize}` +
    `:line_spacing=${qrSpacing}:fontcolor=black:box=1:boxcolor=white:boxborderw=0`;
  return [scale, info, clock, qr, 'split[rec][still]'].join(',');
}

export function recordArgs(
  cam: CameraSpec,
  p: RecordPaths,
  enc: EncodeOptions,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const gop = Math.max(1, Math.round(cam.fps * enc.segmentSeconds));
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-filter_complex_threads',
    '1',
    ...inputArgs(cam, platform),
    '-filter_complex',
    `[0:v]${overlayFilter(cam, p)}`,
    '-map',
    '[rec]',
    '-an',
    '-c:v',
    'libx264',
    // One encoder thread: steady ~0.2 core per 720p stream instead of bursts on every core at once,
    // which would pre-empt the desk's own thread (scan → verdict) on a small desk PC.
    '-threads',
    '1',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-crf',
    String(enc.crf),
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(gop),
    '-keyint_min',
    String(gop),
    '-sc_threshold',
    '0',
    '-f',
    'segment',
    '-segment_time',
    String(enc.segmentSeconds),
    '-reset_timestamps',
    '1',
    '-strftime',
    '1',
    `${p.segmentDir}/%s.ts`,
    '-map',
    '[still]',
    '-r',
    '2',
    '-q:v',
    '4',
    '-f',
    'image2pipe',
    '-c:v',
    'mjpeg',
    'pipe:1',
  ];
}
