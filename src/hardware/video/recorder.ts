// One camera recording into its rolling buffer: a long-running FFmpeg (ffmpeg-args.ts) restarted
// with backoff when it dies, overlay text files the core updates, and a pid file so a FFmpeg left
// behind by a station killed with -9 is stopped before a new one writes the same directory.
// Recording problems are this device's status ("error: …"); they never reach the packing desk.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatusCell } from '../status.js';
import type { DeviceStatus, Unsubscribe } from '../types.js';
import { recordArgs, type EncodeOptions } from './ffmpeg-args.js';
import { qrPayload, qrText } from './qr-text.js';
import type { Camera, CameraSpec, Segment } from './types.js';

export interface RecorderOptions {
  ffmpegPath: string;
  /** This camera's directory: segments/, overlay files, latest.jpg, ffmpeg.pid. */
  dir: string;
  fontFile: string | null;
  encode: EncodeOptions;
  /** Wall clock (epoch ms): segment names come from FFmpeg's own wall clock, so this must be real time. */
  now: () => number;
  log?: (line: string) => void;
  /** IANA zone of the burned-in clock (station.timezone); FFmpeg's localtime reads TZ. */
  timezone?: string;
  restartMinMs?: number;
  restartMaxMs?: number;
}

const SEGMENT = /^(\d{9,11})\.ts$/;
/** FFmpeg's words for ENOSPC (strerror) in its last lines. */
const DISK_FULL = /No space left on device|ENOSPC/i;

export class FfmpegCamera implements Camera {
  readonly kind: string;
  readonly simulated: boolean;
  readonly id: string;
  private readonly cell = new StatusCell({ state: 'connecting', detail: null });
  private child: ChildProcess | null = null;
  private stopped = true;
  private ticker: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private backoff: number;
  private lastQrSecond = -1;
  private stderr = '';
  private readonly segDir: string;
  private readonly overlayFile: string;
  private readonly qrFile: string;
  /** The newest JPEG frame from FFmpeg's stdout (stills). */
  private latest: Buffer | null = null;
  private jpeg = new JpegSplitter();
  private readonly pidFile: string;

  constructor(
    private readonly spec: CameraSpec,
    private readonly opts: RecorderOptions,
  ) {
    this.id = spec.id;
    this.kind = spec.kind;
    this.simulated = spec.kind === 'lavfi';
    this.backoff = opts.restartMinMs ?? 1000;
    this.segDir = join(opts.dir, 'segments');
    this.overlayFile = join(opts.dir, 'overlay.txt');
    this.qrFile = join(opts.dir, 'qr.txt');
    this.pidFile = join(opts.dir, 'ffmpeg.pid');
  }

  status(): DeviceStatus {
    return this.cell.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): Unsubscribe {
    return this.cell.subscribe(listener);
  }

  async start(): Promise<void> {
    this.stopped = false;
    try {
      mkdirSync(this.segDir, { recursive: true });
      this.stopStale();
      // drawtext refuses to start on a missing or empty file.
      if (!existsSync(this.overlayFile)) this.writeAtomic(this.overlayFile, ' ');
      this.tick();
    } catch (err) {
      this.fail(`cannot prepare ${this.opts.dir}: ${errText(err)}`);
      return;
    }
    this.ticker = setInterval(() => this.tick(), 200);
    this.spawn();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.ticker = this.restartTimer = null;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const hard = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(hard);
        resolve();
      });
      // SIGINT: FFmpeg finishes the segment it is writing (a clean end) before exiting.
      child.kill('SIGINT');
    });
    rmSync(this.pidFile, { force: true });
  }

  setOverlay(lines: string[]): void {
    try {
      // drawtext draws any byte it is given; control characters from a scanned code would break lines.
      const text = lines.map(printable).join('\n');
      this.writeAtomic(this.overlayFile, text.length > 0 ? text : ' ');
    } catch (err) {
      this.fail(`overlay not written: ${errText(err)}`);
    }
  }

  segments(): Segment[] {
    let names: string[];
    try {
      names = readdirSync(this.segDir);
    } catch {
      return [];
    }
    const all = names
      .map((file) => ({ file, m: SEGMENT.exec(file) }))
      .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null)
      .map((x) => ({ file: join(this.segDir, x.file), startMs: Number(x.m[1]) * 1000 }))
      .sort((a, b) => a.startMs - b.startMs);
    // The newest is still being written while FFmpeg runs.
    return this.child && this.child.exitCode === null ? all.slice(0, -1) : all;
  }

  async still(dest: string): Promise<boolean> {
    if (!this.latest) return false;
    await writeFile(dest, this.latest);
    return true;
  }

  prune(beforeMs: number): number {
    let n = 0;
    for (const s of this.segments()) {
      if (s.startMs >= beforeMs) break;
      rmSync(s.file, { force: true });
      n++;
    }
    return n;
  }

  /** FFmpeg's process id while it runs (the bench samples its CPU and memory). */
  pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Bytes in the rolling buffer (the quota counts them too). */
  bufferBytes(): number {
    return this.segments().reduce((sum, s) => sum + safeSize(s.file), 0);
  }

  private tick(): void {
    const second = Math.floor(this.opts.now() / 1000);
    if (second === this.lastQrSecond) return;
    this.lastQrSecond = second;
    try {
      this.writeAtomic(this.qrFile, qrText(qrPayload(second * 1000)));
    } catch (err) {
      this.fail(`overlay not written: ${errText(err)}`);
    }
  }

  private spawn(): void {
    if (this.stopped) return;
    try {
      // Made again on every start: a buffer directory removed (or a disk swapped) while recording
      // must not stop the camera for good.
      mkdirSync(this.segDir, { recursive: true });
    } catch (err) {
      this.fail(`cannot write ${this.segDir}: ${errText(err)}`);
      this.retryLater(this.opts.now());
      return;
    }
    const args = recordArgs(
      this.spec,
      {
        segmentDir: this.segDir,
        overlayFile: this.overlayFile,
        qrFile: this.qrFile,
        fontFile: this.opts.fontFile,
      },
      this.opts.encode,
    );
    this.stderr = '';
    const env = this.opts.timezone ? { ...process.env, TZ: this.opts.timezone } : process.env;
    const child = spawn(this.opts.ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    this.child = child;
    this.jpeg = new JpegSplitter();
    // Read always: a full pipe would stall FFmpeg's recording too.
    child.stdout.on('data', (d: Buffer) => {
      for (const frame of this.jpeg.push(d)) this.latest = frame;
    });
    const startedAt = this.opts.now();
    child.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-2000);
    });
    child.once('spawn', () => {
      try {
        writeFileSync(this.pidFile, String(child.pid));
      } catch {
        // Only used to stop a stale FFmpeg after a crash; recording goes on without it.
      }
      this.cell.set({ state: 'ready', detail: null });
    });
    child.once('error', (err) => this.fail(`cannot run FFmpeg (${this.opts.ffmpegPath}): ${err.message}`));
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.stopped) return;
      const why = lastLine(this.stderr) ?? `exited with ${signal ?? code}`;
      // A full disk is the one failure the operator can fix at the desk: say it plainly.
      this.fail(DISK_FULL.test(this.stderr) ? `disk full, recording paused: ${why}` : `FFmpeg stopped: ${why}`);
      this.retryLater(startedAt);
    });
  }

  /** Starts FFmpeg again after the backoff: a camera that ran a while gets a quick restart. */
  private retryLater(startedAt: number): void {
    if (this.stopped) return;
    if (this.opts.now() - startedAt > 30_000) this.backoff = this.opts.restartMinMs ?? 1000;
    this.restartTimer = setTimeout(() => this.spawn(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, this.opts.restartMaxMs ?? 30_000);
  }

  private fail(detail: string): void {
    this.opts.log?.(`camera ${this.id}: ${detail}`);
    this.cell.set({ state: 'error', detail });
  }

  private writeAtomic(file: string, text: string): void {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }

  /** A FFmpeg from a run killed with -9 may still be writing here: stop it (only if it is ours). */
  private stopStale(): void {
    if (!existsSync(this.pidFile)) return;
    const pid = Number(readFileSync(this.pidFile, 'utf8'));
    rmSync(this.pidFile, { force: true });
    if (!Number.isInteger(pid) || pid <= 0) return;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes(this.segDir)) process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already, or not Linux (no /proc): nothing to stop.
    }
  }
}

function safeSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function lastLine(text: string): string | null {
  const lines = text.trim().split('\n').filter(Boolean);
  return lines.length > 0 ? lines[lines.length - 1]!.slice(0, 300) : null;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Splits an MJPEG byte stream into JPEG images: SOI (FF D8) … EOI (FF D9). Inside entropy-coded
 * data an FF byte is always followed by 00 or a restart marker, so FF D9 only ends an image.
 */
export class JpegSplitter {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      const start = this.buf.indexOf(SOI);
      if (start < 0) {
        // Keep a trailing FF: it may be the first half of the next SOI.
        this.buf = this.buf[this.buf.length - 1] === 0xff ? this.buf.subarray(-1) : Buffer.alloc(0);
        break;
      }
      const end = this.buf.indexOf(EOI, start + 2);
      if (end < 0) {
        this.buf = this.buf.subarray(start);
        // One frame is far below this: a stream without EOI is not JPEG; drop it rather than grow.
        if (this.buf.length > 16 * 1024 * 1024) this.buf = Buffer.alloc(0);
        break;
      }
      out.push(Buffer.from(this.buf.subarray(start, end + 2)));
      this.buf = this.buf.subarray(end + 2);
    }
    return out;
  }
}

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);

/** A line without control characters (a scanned GS or CR would break the overlay's lines). */
function printable(line: string): string {
  return Array.from(line, (ch) => {
    const c = ch.charCodeAt(0);
    return c < 0x20 || c === 0x7f ? '?' : ch;
  }).join('');
}
