// A barcode scanner in USB-CDC ("virtual COM") or RS-232 mode (hardware.md B.1): bytes on a serial
// port, one code per suffix (usually CR). No focus stealing, no IME, and GS (0x1D, FNC1 in GS1
// codes) arrives intact — which is why the core's parser, not this driver, strips AIM identifiers
// and reads GS1 element strings (B.3, B.4).
import type { LineSettings } from '../scale/protocol.js';
import { Listeners, StatusDevice } from '../status.js';
import { KeptLink, openSerial } from '../transport/serial.js';
import type { ByteLink } from '../transport/types.js';
import type { Scanner } from '../types.js';

export type ScanSuffix = 'CR' | 'LF' | 'CRLF' | 'TAB';

export interface SerialScannerOptions {
  path: string;
  line: LineSettings;
  suffix: ScanSuffix;
  /** Configured in the scanner to mark its output; removed from each code. */
  prefix: string;
  reconnect: { minMs: number; maxMs: number };
  open?: (path: string, line: LineSettings) => Promise<ByteLink>;
}

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
/** Longer than any barcode (a GS1 DataMatrix tops out near 2,300 characters); drops a runaway line. */
const MAX_LINE_BYTES = 4096;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Splits a byte stream into scan lines. CRLF also accepts a lone CR or LF: scanners get re-set. */
export class ScanLineSplitter {
  private buf: number[] = [];
  private dropping = false;

  constructor(private readonly suffix: ScanSuffix) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const b of chunk) {
      if (this.isEnd(b)) {
        if (!this.dropping && this.buf.length > 0) out.push(Uint8Array.from(this.buf));
        this.buf = [];
        this.dropping = false;
      } else if (!this.dropping) {
        this.buf.push(b);
        if (this.buf.length > MAX_LINE_BYTES) {
          // A scanner set to the wrong suffix never ends a line; drop it rather than grow forever.
          this.buf = [];
          this.dropping = true;
        }
      }
    }
    return out;
  }

  reset(): void {
    this.buf = [];
    this.dropping = false;
  }

  private isEnd(b: number): boolean {
    switch (this.suffix) {
      case 'CR':
        return b === CR;
      case 'LF':
        return b === LF;
      case 'TAB':
        return b === TAB;
      case 'CRLF':
        return b === CR || b === LF; // the empty line between CR and LF is ignored by push()
    }
  }
}

/** Bytes → text: UTF-8 when the bytes are valid UTF-8 (QR codes with Chinese), else Latin-1. */
export function decodeScan(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Buffer's latin1 is true ISO-8859-1; TextDecoder('latin1') would be windows-1252.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}

const AIM = /^\][A-Za-z][0-9A-Za-z]/;

/** Removes the configured prefix, also when the scanner puts its AIM identifier in front of it. */
export function stripPrefix(code: string, prefix: string): string {
  if (!prefix) return code;
  if (code.startsWith(prefix)) return code.slice(prefix.length);
  const aim = AIM.exec(code)?.[0];
  if (aim && code.startsWith(prefix, aim.length)) return aim + code.slice(aim.length + prefix.length);
  return code;
}

export class SerialScanner extends StatusDevice implements Scanner {
  readonly kind = 'serial';
  readonly simulated = false;
  private readonly scans = new Listeners<string>();
  private readonly splitter: ScanLineSplitter;
  private readonly keeper: KeptLink;

  constructor(private readonly opts: SerialScannerOptions) {
    super();
    this.splitter = new ScanLineSplitter(opts.suffix);
    const open = opts.open ?? openSerial;
    this.keeper = new KeptLink({
      label: `scanner ${opts.path}`,
      open: () => open(opts.path, opts.line),
      reconnect: opts.reconnect,
      status: this.status_,
      attach: (link) => {
        this.splitter.reset();
        return link.onData((chunk) => this.data(chunk));
      },
    });
  }

  async start(): Promise<void> {
    this.keeper.start();
  }

  async stop(): Promise<void> {
    await this.keeper.stop();
  }

  onScan(listener: (code: string) => void) {
    return this.scans.add(listener);
  }

  private data(chunk: Uint8Array): void {
    for (const line of this.splitter.push(chunk)) {
      const code = stripPrefix(decodeScan(line), this.opts.prefix);
      if (code.length === 0) continue;
      try {
        this.scans.emit(code);
      } catch {
        // A listener's failure is the listener's; the port keeps reading.
      }
    }
  }
}
