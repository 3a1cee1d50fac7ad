// Cutting a parcel's clip out of the rolling buffer: the concat demuxer joins whole segments with
// stream copy (no re-encode, so a cut costs disk I/O only) into an MP4 with its index in front
// (+faststart) so a browser can play and seek it over HTTP Range requests. creation_time carries
// the clip's wall-clock start for anyone who checks a clip with ffprobe alone.
import { spawn } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import type { Segment } from './types.js';

export function runFfmpeg(bin: string, args: string[], timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-1500)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`ffmpeg exited ${code}: ${err.trim().split('\n').slice(-2).join(' / ')}`));
    });
  });
}

/** Joins `segments` (in order) into `dest` (.mp4). */
export async function cutClip(bin: string, segments: Segment[], dest: string, startMs: number): Promise<void> {
  if (segments.length === 0) throw new Error('no segments to cut');
  const list = `${dest}.list.txt`;
  // The concat demuxer's own quoting: a single quote inside a path is written '\''.
  writeFileSync(list, segments.map((s) => `file '${s.file.replace(/'/g, "'\\''")}'`).join('\n') + '\n');
  try {
    await runFfmpeg(bin, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      list,
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      '-metadata',
      `creation_time=${new Date(startMs).toISOString()}`,
      '-y',
      dest,
    ]);
  } finally {
    rmSync(list, { force: true });
  }
}
