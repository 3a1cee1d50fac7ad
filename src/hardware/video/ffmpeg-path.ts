// Which FFmpeg runs: `video.ffmpegPath` when the config names one (a system FFmpeg with hardware
// encoders or newer codecs), else the static build the @ffmpeg-installer package ships for this
// platform — installed by npm with the app, so a desk needs no separate setup (README "Packing video").
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function ffmpegBinary(configured?: string | null): string {
  if (configured) return configured;
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export function ffprobeBinary(): string {
  return (require('@ffprobe-installer/ffprobe') as { path: string }).path;
}

/** The overlay font: monospaced with block elements (the QR is drawn with ▀ ▄ █). */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/TTF/DejaVuSansMono.ttf',
  '/System/Library/Fonts/Menlo.ttc',
  'C:/Windows/Fonts/consola.ttf',
];
