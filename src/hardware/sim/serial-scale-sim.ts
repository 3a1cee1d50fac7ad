// A scale indicator on a serial port, for tests, the demo and development without hardware: open one
// end of a socat pty pair (hardware.md D.1) here and point the station at the other. Stream
// protocols send a frame every intervalMs, as most Chinese indicators do by default (A.0); poll
// protocols answer each complete command from the host (split by the protocol's own splitter).
import { splitCommands } from '../scale/protocols/index.js';
import type { LineSettings, ProtocolOptions, ScaleProtocol, SimReading } from '../scale/protocol.js';
import { Listeners } from '../status.js';
import { openSerial } from '../transport/serial.js';
import type { ByteLink } from '../transport/types.js';
import type { Unsubscribe } from '../types.js';

export interface SerialScaleSimulatorOptions {
  path: string;
  protocol: ScaleProtocol;
  options: ProtocolOptions;
  /** Defaults to the protocol's own line settings. */
  line?: LineSettings;
  intervalMs?: number;
  reading: SimReading;
  open?: (path: string, line: LineSettings) => Promise<ByteLink>;
}

/** What the simulated indicator did, for the CLI's event lines. */
export type ScaleSimEvent =
  { kind: 'reading'; reading: SimReading } | { kind: 'command'; command: 'zero' | 'tare'; reading: SimReading };

function same(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

export class SerialScaleSimulator {
  private link: ByteLink | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private pending: Uint8Array = new Uint8Array(0);
  private gross: SimReading;
  /** Set by the host's zero or tare command; what the indicator shows is gross − offset. */
  private offsetG = 0;
  private net = false;
  private readonly events = new Listeners<ScaleSimEvent>();

  constructor(private readonly opts: SerialScaleSimulatorOptions) {
    this.gross = { ...opts.reading };
  }

  async start(): Promise<void> {
    if (this.link) return;
    const open = this.opts.open ?? openSerial;
    const link = await open(this.opts.path, this.opts.line ?? this.opts.protocol.line);
    this.link = link;
    link.onClose(() => {
      if (this.link === link) this.halt();
    });
    if (this.opts.protocol.mode === 'stream') {
      this.timer = setInterval(
        () => this.send(this.opts.protocol.encode(this.reading(), this.opts.options)),
        this.opts.intervalMs ?? 100,
      );
    } else {
      link.onData((chunk) => this.request(chunk));
    }
  }

  async stop(): Promise<void> {
    const link = this.link;
    this.halt();
    await link?.close();
  }

  /** Change what is on the platform (grams are gross, before any zero or tare from the host). */
  setReading(patch: Partial<SimReading>): SimReading {
    this.gross = { ...this.gross, ...patch };
    const shown = this.reading();
    this.events.emit({ kind: 'reading', reading: shown });
    return shown;
  }

  /** What the indicator shows now. */
  reading(): SimReading {
    const r: SimReading = { ...this.gross, grams: this.gross.grams - this.offsetG };
    if (this.net) r.net = true;
    return r;
  }

  onEvent(listener: (e: ScaleSimEvent) => void): Unsubscribe {
    return this.events.add(listener);
  }

  private halt(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.link = null;
    this.pending = new Uint8Array(0);
  }

  private send(bytes: Uint8Array | null): void {
    // A write to a pty whose peer is gone fails with EIO; the close that follows stops the sim.
    if (bytes && bytes.length > 0) this.link?.write(bytes).catch(() => {});
  }

  /** Keeps a partial command for the next bytes and answers each complete one in order (protocols/index.ts). */
  private request(chunk: Uint8Array): void {
    const buffer = new Uint8Array(this.pending.length + chunk.length);
    buffer.set(this.pending, 0);
    buffer.set(chunk, this.pending.length);
    const { commands, rest } = splitCommands(this.opts.protocol.id, buffer);
    this.pending = rest;
    for (const command of commands) {
      this.apply(command);
      this.send(this.opts.protocol.respond?.(command, this.reading(), this.opts.options) ?? null);
    }
  }

  /** Zero and tare change the indicator's state before it answers (as respond() expects). */
  private apply(command: Uint8Array): void {
    const p = this.opts.protocol;
    let action: 'zero' | 'tare' | null = same(command, p.zeroCommand)
      ? 'zero'
      : same(command, p.tareCommand)
        ? 'tare'
        : null;
    let immediate = true;
    if (p.id === 'mt-sics') {
      // MT-SICS: Z/T act only on a steady scale, ZI/TI at once (A.1).
      const word =
        String.fromCharCode(...command)
          .trim()
          .split(/\s+/)[0] ?? '';
      action = word === 'Z' || word === 'ZI' ? 'zero' : word === 'T' || word === 'TI' ? 'tare' : null;
      immediate = word.endsWith('I');
    }
    if (!action) return;
    if (!immediate && !(this.gross.stable && this.gross.status === 'ok')) return;
    this.offsetG = this.gross.grams;
    this.net = action === 'tare';
    this.events.emit({ kind: 'command', command: action, reading: this.reading() });
  }
}
