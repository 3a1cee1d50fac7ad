// A scale on a serial port (RS-232 or USB-serial), speaking one of the protocol records in
// ./protocols. Stream indicators send frames by themselves; poll protocols are asked (pollSteps)
// every pollIntervalMs, one step at a time (hardware.md A.0). Stability comes from the frame's own
// flag, else from N equal readings (StabilityTracker). A port that stays open but goes quiet —
// a pty whose peer died with SIGTERM, an indicator switched off behind a USB adapter — is caught by
// the read timeout, since serialport only reports peers that vanish outright (D.1).
import { existsSync } from 'node:fs';
import { Listeners, StatusDevice } from '../status.js';
import { KeptLink, openSerial } from '../transport/serial.js';
import type { ByteLink } from '../transport/types.js';
import type { Scale, ScaleReading, Unsubscribe } from '../types.js';
import type {
  DecoderStats,
  FrameDecoder,
  LineSettings,
  PollStep,
  ProtocolOptions,
  ScaleFrame,
  ScaleProtocol,
} from './protocol.js';
import { StabilityTracker } from './stability.js';

export interface SerialScaleOptions {
  path: string;
  protocol: ScaleProtocol;
  line: LineSettings;
  protocolOptions: ProtocolOptions;
  /** Protocols without a stability flag: this many equal readings within stableWindowMs are stable. */
  stableCount: number;
  stableWindowMs: number;
  /** Readings this close (g) count as equal: a flagless indicator that jitters by one division. */
  stableToleranceG?: number;
  /** No frame for this long → status error "scale silent". */
  readTimeoutMs: number;
  pollIntervalMs?: number;
  reconnect: { minMs: number; maxMs: number };
  open?: (path: string, line: LineSettings) => Promise<ByteLink>;
  /** The station's clock: reading times and poll pacing (the composition root passes it). */
  now: () => number;
  /** Whether the port's device file is still there (injectable like `open`); see `checkSilence`. */
  exists?: (path: string) => boolean;
}

/**
 * A peer that went away quietly can leave serialport's port open and mute until a write fails
 * (hardware.md D.1: socat ended with SIGTERM; usually reported here, but not every time), and stream
 * scales never write. Its device file is gone, though. Only POSIX paths can be checked: COM3 is no file.
 */
function devicePresent(path: string): boolean {
  return !path.startsWith('/') || existsSync(path);
}

export interface RawScaleFrame {
  raw: Uint8Array;
  /** null for bytes the decoder threw away (bad checksum, garbage, overlong frame). */
  frame: ScaleFrame | null;
  at: number;
}

/** Longest wait for the answer to one poll step; Odoo's IoT box uses a 1 s serial timeout (A.2). */
const MAX_STEP_TIMEOUT_MS = 1000;

const ZERO_STATS: DecoderStats = { frames: 0, badFrames: 0, droppedBytes: 0 };

function addStats(a: DecoderStats, b: DecoderStats): DecoderStats {
  return {
    frames: a.frames + b.frames,
    badFrames: a.badFrames + b.badFrames,
    droppedBytes: a.droppedBytes + b.droppedBytes,
  };
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

interface PendingStep {
  awaits: PollStep['awaits'];
  done: (answered: boolean) => void;
}

export class SerialScale extends StatusDevice implements Scale {
  readonly kind = 'serial';
  readonly simulated = false;
  private readonly readings = new Listeners<ScaleReading>();
  private readonly frames = new Listeners<RawScaleFrame>();
  private readonly keeper: KeptLink;
  private readonly tracker: StabilityTracker;
  private readonly now: () => number;
  private decoder: FrameDecoder;
  private pastStats: DecoderStats = ZERO_STATS;
  private readingCount = 0;
  private lastGrams: number | null = null;
  private link: ByteLink | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private silent = false;
  private pending: PendingStep | null = null;
  private wake: (() => void) | null = null;
  /** Poll cycles and tare/zero commands take turns on the wire. */
  private exclusive: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SerialScaleOptions) {
    super();
    this.now = opts.now;
    this.decoder = opts.protocol.createDecoder(opts.protocolOptions);
    this.tracker = new StabilityTracker({
      count: opts.stableCount,
      windowMs: opts.stableWindowMs,
      toleranceG: opts.stableToleranceG ?? 0,
    });
    const open = opts.open ?? openSerial;
    this.keeper = new KeptLink({
      label: `scale ${opts.path}`,
      open: () => open(opts.path, opts.line),
      reconnect: opts.reconnect,
      status: this.status_,
      attach: (link) => this.attach(link),
    });
  }

  async start(): Promise<void> {
    this.keeper.start();
  }

  async stop(): Promise<void> {
    await this.keeper.stop();
  }

  onReading(listener: (r: ScaleReading) => void) {
    return this.readings.add(listener);
  }

  /** Every frame as it came off the wire, decoded or not, for the settings screen's live view. */
  onFrame(listener: (f: RawScaleFrame) => void): Unsubscribe {
    return this.frames.add(listener);
  }

  stats(): DecoderStats & { readings: number } {
    return { ...addStats(this.pastStats, this.decoder.stats()), readings: this.readingCount };
  }

  tare(): Promise<void> {
    return this.command(this.opts.protocol.tareCommand, 'tare');
  }

  zero(): Promise<void> {
    return this.command(this.opts.protocol.zeroCommand, 'zero');
  }

  private async command(bytes: Uint8Array | undefined, name: string): Promise<void> {
    if (!bytes)
      throw new Error(
        `${this.opts.protocol.title}: the protocol has no ${name} command; use the scale's own ${name} key`,
      );
    const link = this.link;
    if (!link) throw new Error(`cannot ${name}: scale ${this.opts.path} is not connected`);
    await this.turn(() => link.write(bytes));
  }

  private turn<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.exclusive.then(fn, fn);
    this.exclusive = next.catch(() => {});
    return next;
  }

  private attach(link: ByteLink): Unsubscribe {
    // A fresh decoder per connection: bytes from before an unplug belong to no frame.
    this.pastStats = addStats(this.pastStats, this.decoder.stats());
    this.decoder = this.opts.protocol.createDecoder(this.opts.protocolOptions);
    this.tracker.reset();
    this.link = link;
    this.silent = false;
    this.armSilence();
    const off = link.onData((chunk) => this.data(chunk));
    if (this.opts.protocol.mode === 'poll') void this.pollLoop(link);
    return () => {
      off();
      this.link = null;
      if (this.silenceTimer) clearTimeout(this.silenceTimer);
      this.silenceTimer = null;
      this.pending?.done(false);
      this.wake?.();
    };
  }

  private armSilence(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.checkSilence(), this.opts.readTimeoutMs);
  }

  /** No frame for readTimeoutMs: say so; and, every readTimeoutMs while it lasts, see whether the port is gone. */
  private checkSilence(): void {
    this.silenceTimer = null;
    if (!this.link) return;
    if (!(this.opts.exists ?? devicePresent)(this.opts.path)) {
      void this.keeper.drop(`serial port ${this.opts.path} is gone`);
      return;
    }
    this.silent = true;
    this.status_.set({ state: 'error', detail: `scale silent for ${seconds(this.opts.readTimeoutMs)}` });
    this.silenceTimer = setTimeout(() => this.checkSilence(), this.opts.readTimeoutMs);
  }

  private data(chunk: Uint8Array): void {
    try {
      const before = this.decoder.stats();
      const decoded = this.decoder.push(chunk);
      const after = this.decoder.stats();
      const at = this.now();
      // The decoder reports rejected bytes only as counts; show the chunk that held them.
      if (after.badFrames > before.badFrames || after.droppedBytes > before.droppedBytes)
        this.emitFrame({ raw: chunk, frame: null, at });
      for (const frame of decoded) {
        this.emitFrame({ raw: frame.raw, frame, at });
        this.frame(frame, at);
      }
    } catch {
      // Never let one odd chunk stop the port (the decoder promises not to throw; listeners might).
    }
  }

  private emitFrame(f: RawScaleFrame): void {
    try {
      this.frames.emit(f);
    } catch {
      // a broken live view must not stop the readings
    }
  }

  private frame(frame: ScaleFrame, at: number): void {
    this.armSilence();
    if (this.silent) {
      this.silent = false;
      this.status_.set({ state: 'ready', detail: null });
    }
    const p = this.pending;
    if (p) {
      if (frame.kind === 'error') p.done(false);
      else if (frame.kind === p.awaits || (p.awaits === 'weight' && frame.kind === 'status')) p.done(true);
    }
    if (frame.kind === 'weight' && frame.grams !== undefined) {
      this.lastGrams = frame.grams;
      this.reading({ grams: frame.grams, stable: this.stable(frame, at), status: frame.status, at });
    } else if (frame.kind === 'status' && (frame.status !== 'ok' || frame.stable === false)) {
      // A status answer instead of a weight (8217 "?A" in motion, MT-SICS "S +", CAS overload): the
      // scale cannot give a weight to ship by. It carries none, so the last one stands. A status that
      // reports nothing wrong (8217's reply to Z/T) is no reading at all.
      this.tracker.reset();
      this.reading({ grams: frame.grams ?? this.lastGrams ?? 0, stable: false, status: frame.status, at });
    }
  }

  private stable(frame: ScaleFrame, at: number): boolean {
    if (frame.status !== 'ok') {
      this.tracker.reset();
      return false; // an overload or underload figure is not a weight to ship by
    }
    if (this.opts.protocol.hasStabilityFlag && frame.stable !== undefined) return frame.stable;
    return this.tracker.push(frame.grams ?? 0, at);
  }

  private reading(r: ScaleReading): void {
    this.readingCount++;
    try {
      this.readings.emit(r);
    } catch {
      // the core logs its own failures; the scale keeps reading
    }
  }

  private async pollLoop(link: ByteLink): Promise<void> {
    const steps = this.opts.protocol.pollSteps ?? [];
    const interval = this.opts.pollIntervalMs ?? this.opts.protocol.pollIntervalMs ?? 200;
    const stepTimeout = Math.min(this.opts.readTimeoutMs, MAX_STEP_TIMEOUT_MS);
    while (this.link === link) {
      const started = this.now();
      await this.turn(async () => {
        for (const step of steps) {
          if (this.link !== link || !(await this.step(link, step, stepTimeout))) break;
        }
      });
      if (this.link !== link) break;
      await this.sleep(Math.max(0, interval - (this.now() - started)));
    }
  }

  /** Sends one step and waits for the frame it asks for; false on a refusal, a timeout or a lost link. */
  private step(link: ByteLink, step: PollStep, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (answered: boolean) => {
        clearTimeout(timer);
        if (this.pending === pending) this.pending = null;
        resolve(answered);
      };
      const pending: PendingStep = { awaits: step.awaits, done: finish };
      this.pending = pending;
      link.write(step.send).catch(() => finish(false)); // a dead port closes; the keeper takes over
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
