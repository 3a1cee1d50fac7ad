// Serial ports (RS-232, USB-CDC "virtual COM") as a ByteLink, and `KeptLink`, which keeps a link
// open across unplugs with exponential backoff. serialport facts (hardware.md D.1): ptys from socat
// work like real ports but never appear in SerialPort.list(), so paths are typed in; the default
// `lock: true` makes a second open fail with "Cannot lock port"; a vanished peer (socat SIGKILL,
// USB unplug) closes the port with `err.disconnected === true`; a peer that went away quietly
// (socat SIGTERM) is noticed only when the next write fails with EIO — hence the drivers' own
// read timeouts.
import { SerialPort } from 'serialport';
import type { LineSettings } from '../scale/protocol.js';
import type { StatusCell } from '../status.js';
import type { Unsubscribe } from '../types.js';
import type { ByteLink } from './types.js';
import { Listeners } from '../status.js';

export async function openSerial(path: string, line: LineSettings): Promise<ByteLink> {
  let port: SerialPort;
  try {
    port = new SerialPort({
      path,
      baudRate: line.baudRate,
      dataBits: line.dataBits,
      parity: line.parity,
      stopBits: line.stopBits,
      autoOpen: false,
    });
  } catch (err) {
    throw new Error(`cannot open serial port ${path}: ${message(err)}`, { cause: err });
  }
  await new Promise<void>((resolve, reject) => {
    port.open((err) => (err ? reject(new Error(`cannot open serial port ${path}: ${err.message}`)) : resolve()));
  });

  const data = new Listeners<Uint8Array>();
  const closed_ = new Listeners<Error | null>();
  let closing = false;
  let closed = false;
  let lastError: Error | null = null;

  port.on('data', (chunk: Buffer) => {
    data.emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  // Without a listener an 'error' event would crash the process; remember it for the close reason.
  port.on('error', (err: Error) => {
    lastError = err;
  });
  port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
    if (closed) return;
    closed = true;
    const reason = closing
      ? null
      : new Error(
          `serial port ${path} ${err?.disconnected ? 'disconnected' : 'closed'}${err ? `: ${err.message}` : lastError ? `: ${lastError.message}` : ''}`,
        );
    closed_.emit(reason);
  });

  return {
    twoWay: true,
    write(data) {
      return new Promise((resolve, reject) => {
        if (closed) {
          reject(new Error(`serial port ${path} is closed`));
          return;
        }
        port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (err) => {
          if (err) {
            reject(new Error(`write to ${path} failed: ${err.message}`));
            // EIO on a dead pty does not always close the port by itself; closing makes the
            // keeper notice and reconnect.
            if (port.isOpen) port.close(() => {});
          } else resolve();
        });
      });
    },
    onData: (listener) => data.add(listener),
    onClose: (listener) => closed_.add(listener),
    close() {
      if (closed) return Promise.resolve();
      closing = true;
      return new Promise((resolve) => port.close(() => resolve()));
    },
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface KeptLinkOptions {
  /** What the status detail calls the device ("scale /dev/ttyUSB0"). */
  label: string;
  open: () => Promise<ByteLink>;
  reconnect: { minMs: number; maxMs: number };
  status: StatusCell;
  /** A link opened: attach data handlers; the returned function is called when it goes away. */
  attach: (link: ByteLink) => Unsubscribe;
}

/**
 * Opens a link and reopens it whenever it closes, waiting minMs, 2·minMs, … up to maxMs between
 * attempts; status goes connecting → ready, and disconnected (with the reason) while it is gone.
 */
export class KeptLink {
  private link: ByteLink | null = null;
  private detach: Unsubscribe | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private failures = 0;
  private generation = 0;

  constructor(private readonly opts: KeptLinkOptions) {}

  current(): ByteLink | null {
    return this.link;
  }

  /** Milliseconds the next reconnect attempt waits (for tests and the status detail). */
  nextDelayMs(): number {
    const { minMs, maxMs } = this.opts.reconnect;
    return Math.min(maxMs, minMs * 2 ** Math.min(this.failures, 30));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.opts.status.set({ state: 'connecting', detail: `opening ${this.opts.label}` });
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const link = this.link;
    this.release();
    if (link) await link.close().catch(() => {});
    this.opts.status.set({ state: 'disconnected', detail: null });
  }

  /** Gives up on the open link (the driver found the device gone) and reconnects as after an unplug. */
  async drop(reason: string): Promise<void> {
    const link = this.link;
    if (!link || !this.running) return;
    this.release();
    this.lost(reason);
    await link.close().catch(() => {});
  }

  private async attempt(): Promise<void> {
    const gen = this.generation;
    let link: ByteLink;
    try {
      link = await this.opts.open();
    } catch (err) {
      if (gen !== this.generation || !this.running) return;
      this.lost(message(err));
      return;
    }
    if (gen !== this.generation || !this.running) {
      await link.close().catch(() => {});
      return;
    }
    this.failures = 0;
    this.link = link;
    const offClose = link.onClose((err) => {
      if (this.link !== link) return;
      this.release();
      if (this.running) this.lost(err ? err.message : `${this.opts.label} closed`);
    });
    const offData = this.opts.attach(link);
    this.detach = () => {
      offClose();
      offData();
    };
    this.opts.status.set({ state: 'ready', detail: null });
  }

  private release(): void {
    this.detach?.();
    this.detach = null;
    this.link = null;
  }

  private lost(reason: string): void {
    const delay = this.nextDelayMs();
    this.failures++;
    this.opts.status.set({ state: 'disconnected', detail: reason });
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) void this.attempt();
    }, delay);
  }
}
