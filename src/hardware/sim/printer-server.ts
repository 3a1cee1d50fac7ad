// A label printer on raw TCP (port 9100), for tests, the demo and people without hardware. It
// answers status queries the way the printers do (hardware.md C.1–C.3), splits the byte stream into
// jobs the way the printer's parser would, and saves every printed job to a file. A job that arrives
// while paper is out (or the head is open) is held and printed when the printer is ready again —
// like a real printer — so a driver that sends a job twice shows up as two jobs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Listeners } from '../status.js';
import type { Unsubscribe } from '../types.js';

export type SimPrinterLanguage = 'tspl' | 'zpl' | 'escpos';

export interface PrinterSimOptions {
  language: SimPrinterLanguage;
  host?: string;
  port?: number;
  outDir?: string;
  now?: () => number;
}

export interface SimServerJob {
  seq: number;
  bytes: Uint8Array;
  at: number;
  file: string | null;
}

export type PrinterSimEvent =
  | { kind: 'status'; query: string; answer: Uint8Array | null }
  | { kind: 'held'; bytes: number; waiting: number }
  | { kind: 'job'; job: SimServerJob };

/** What the printer's parser makes of the bytes: a status query to answer, or a complete job. */
export type SplitItem = { type: 'query'; query: Uint8Array } | { type: 'job'; bytes: Uint8Array };

const EXT: Record<SimPrinterLanguage, string> = { tspl: 'tspl', zpl: 'zpl', escpos: 'bin' };

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

function indexOf(buf: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= buf.byteLength; i++) {
    for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * Job splitter per language. Binary payloads (TSPL BITMAP, ESC/POS raster and 2D codes) are skipped
 * by their declared length so their bytes are never mistaken for a query or a job end.
 */
export class JobSplitter {
  private buf: Uint8Array = new Uint8Array(0);
  private job: Uint8Array = new Uint8Array(0);

  constructor(private readonly language: SimPrinterLanguage) {}

  /** Part of a job has arrived and its end has not. */
  inJob(): boolean {
    return this.job.byteLength > 0;
  }

  push(chunk: Uint8Array): SplitItem[] {
    this.buf = concat(this.buf, chunk);
    const out: SplitItem[] = [];
    for (;;) {
      const step = this.language === 'tspl' ? this.tspl() : this.language === 'zpl' ? this.zpl() : this.escpos();
      if (step === null) break;
      if (step.item) out.push(step.item);
    }
    return out;
  }

  private take(n: number): Uint8Array {
    const head = this.buf.slice(0, n);
    this.buf = this.buf.slice(n);
    return head;
  }

  private endJob(): SplitItem {
    const bytes = this.job;
    this.job = new Uint8Array(0);
    return { type: 'job', bytes };
  }

  /** TSPL: CRLF lines; `ESC ! c` immediate commands; a job runs through its `PRINT …` line. */
  private tspl(): { item?: SplitItem } | null {
    const b = this.buf;
    if (b.byteLength === 0) return null;
    if (b[0] === 0x1b) {
      if (b.byteLength < 3) return null;
      if (b[1] === 0x21) {
        const cmd = this.take(3);
        return cmd[2] === 0x3f ? { item: { type: 'query', query: cmd } } : {}; // other ESC ! c: reset, pause… not modelled
      }
    }
    const head = new TextDecoder('latin1').decode(b.subarray(0, Math.min(64, b.byteLength)));
    if (/^BITMAP\b/i.test(head)) {
      const m = /^BITMAP\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,/i.exec(head);
      if (!m) return head.length >= 64 || head.includes('\n') ? this.tsplLine() : null;
      let len = m[0].length + Number(m[3]) * Number(m[4]);
      if (b.byteLength < len + 1) return null;
      if (b[len] === 0x0d) len++;
      if (b[len] === 0x0a) len++;
      else if (b.byteLength < len + 1) return null;
      this.job = concat(this.job, this.take(len));
      return {};
    }
    return this.tsplLine();
  }

  private tsplLine(): { item?: SplitItem } | null {
    const lf = this.buf.indexOf(0x0a);
    if (lf < 0) return null;
    const line = this.take(lf + 1);
    const text = new TextDecoder('latin1').decode(line).trim();
    if (text === '' && this.job.byteLength === 0) return {};
    this.job = concat(this.job, line);
    return /^PRINT\b/i.test(text) ? { item: this.endJob() } : {};
  }

  /** ZPL: `~HS` outside a format is a query; a job is `^XA … ^XZ`; bytes between formats are dropped. */
  private zpl(): { item?: SplitItem } | null {
    if (this.job.byteLength === 0) {
      const hs = Math.min(
        ...[indexOf(this.buf, ascii('~HS')), indexOf(this.buf, ascii('~hs'))].filter((i) => i >= 0),
        Infinity,
      );
      const xa = Math.min(
        ...[indexOf(this.buf, ascii('^XA')), indexOf(this.buf, ascii('^xa'))].filter((i) => i >= 0),
        Infinity,
      );
      if (hs === Infinity && xa === Infinity) {
        this.buf = this.buf.slice(Math.max(0, this.buf.byteLength - 2)); // keep a token split over chunks
        return null;
      }
      if (hs < xa) {
        this.take(hs);
        return { item: { type: 'query', query: this.take(3) } };
      }
      this.take(xa);
      this.job = this.take(3);
      return {};
    }
    const xz = Math.min(
      ...[indexOf(this.buf, ascii('^XZ')), indexOf(this.buf, ascii('^xz'))].filter((i) => i >= 0),
      Infinity,
    );
    if (xz === Infinity) {
      const keep = Math.max(0, this.buf.byteLength - 2);
      this.job = concat(this.job, this.take(keep));
      return null;
    }
    this.job = concat(this.job, this.take(xz + 3));
    return { item: this.endJob() };
  }

  /** ESC/POS: `DLE EOT n` is a query; a job runs through the cut `GS V m [n]`. */
  private escpos(): { item?: SplitItem } | null {
    const b = this.buf;
    if (b.byteLength === 0) return null;
    const need = (n: number) => (b.byteLength >= n ? n : -1);
    let len = 1;
    const [c0, c1, c2] = [b[0], b[1], b[2]];
    if (c0 === 0x10 && (c1 === undefined || c1 === 0x04)) {
      if (need(3) < 0) return null;
      return { item: { type: 'query', query: this.take(3) } };
    }
    if (c0 === 0x1d || c0 === 0x1b) {
      if (b.byteLength < 2) return null;
      if (c0 === 0x1d && c1 === 0x56) {
        if (b.byteLength < 3) return null;
        const cut = c2 === 0 || c2 === 1 || c2 === 48 || c2 === 49 ? 3 : 4;
        if (need(cut) < 0) return null;
        this.job = concat(this.job, this.take(cut));
        return { item: this.endJob() };
      }
      const word = (i: number) => (b[i] ?? 0) + (b[i + 1] ?? 0) * 256;
      if (c0 === 0x1d && c1 === 0x76)
        len = b.byteLength < 8 ? -1 : 8 + word(4) * word(6); // GS v 0 raster
      else if (c0 === 0x1d && c1 === 0x28)
        len = b.byteLength < 5 ? -1 : 5 + word(3); // GS ( k 2D codes
      else if (c0 === 0x1d && c1 === 0x6b) {
        // GS k m: m ≤ 6 data ends in NUL; m ≥ 65 a length byte follows
        if (c2 === undefined) len = -1;
        else if (c2 <= 6) len = b.indexOf(0, 3) < 0 ? -1 : b.indexOf(0, 3) + 1;
        else len = b.byteLength < 4 ? -1 : 4 + (b[3] ?? 0);
      } else if (c0 === 0x1b && c1 === 0x2a)
        len = b.byteLength < 5 ? -1 : 5 + word(3) * ((b[2] ?? 0) >= 32 ? 3 : 1); // ESC * bit image
      else len = 2;
      if (len < 0 || b.byteLength < len) return null;
    }
    this.job = concat(this.job, this.take(len));
    return {};
  }
}

/** The printer's answer to a status query in its current state; null = it stays silent. */
export function statusAnswer(
  language: SimPrinterLanguage,
  query: Uint8Array,
  state: { paperOut: boolean; headOpen: boolean },
): Uint8Array | null {
  const { paperOut, headOpen } = state;
  if (language === 'tspl') return Uint8Array.of((headOpen ? 0x01 : 0) | (paperOut ? 0x04 : 0)); // ESC ! ?: b0 head open, b2 paper out
  if (language === 'zpl') {
    // Zebra does not answer ~HS in MEDIA OUT or HEAD OPEN (hardware.md C.2).
    if (paperOut || headOpen) return null;
    const line = (s: string) => `\x02${s}\x03\r\n`;
    return Uint8Array.from(
      ascii(line('030,0,0,1440,000,0,0,0,000,0,0,0') + line('001,0,0,0,1,2,6,0,00000000,1,000') + line('1234,0')),
    );
  }
  // DLE EOT n: bits 1 and 4 always set, so "all fine" is 0x12 (hardware.md C.3).
  const n = query[2];
  let bits = 0x12;
  if (n === 1 && (paperOut || headOpen)) bits |= 0x08; // offline
  if (n === 2) bits |= (headOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0); // cover open, stopped on paper end
  if (n === 4 && paperOut) bits |= 0x60; // paper end
  return Uint8Array.of(bits);
}

export class PrinterSimServer {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly printed: SimServerJob[] = [];
  private readonly held: Uint8Array[] = [];
  private readonly jobListeners = new Listeners<SimServerJob>();
  private readonly receiving = new Listeners<void>();
  private readonly events = new Listeners<PrinterSimEvent>();
  private paperOut = false;
  private headOpen = false;
  private seq = 0;
  private readonly now: () => number;

  constructor(private readonly opts: PrinterSimOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Starts listening (only on the host given, 127.0.0.1 by default); resolves with the port. */
  async listen(): Promise<number> {
    if (this.opts.outDir) mkdirSync(this.opts.outDir, { recursive: true });
    const server = createServer((socket) => this.connection(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 9100, this.opts.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('printer simulator: no TCP address');
    return address.port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  setPaperOut(paperOut: boolean): void {
    this.paperOut = paperOut;
    this.release();
  }

  setHeadOpen(headOpen: boolean): void {
    this.headOpen = headOpen;
    this.release();
  }

  state(): { paperOut: boolean; headOpen: boolean; held: number } {
    return { paperOut: this.paperOut, headOpen: this.headOpen, held: this.held.length };
  }

  jobs(): SimServerJob[] {
    return [...this.printed];
  }

  onJob(listener: (job: SimServerJob) => void): Unsubscribe {
    return this.jobListeners.add(listener);
  }

  /**
   * The first bytes of a job arrived (before it is complete, held or saved): the instant a crash
   * test kills the sender, as its bytes reach the printer.
   */
  onReceiving(listener: () => void): Unsubscribe {
    return this.receiving.add(listener);
  }

  /** Every status answer, held job and printed job, for the CLI's event lines. */
  onEvent(listener: (event: PrinterSimEvent) => void): Unsubscribe {
    return this.events.add(listener);
  }

  private connection(socket: Socket): void {
    this.sockets.add(socket);
    const splitter = new JobSplitter(this.opts.language);
    socket.on('data', (chunk: Buffer) => {
      const started = splitter.inJob();
      const items = splitter.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (!started && (splitter.inJob() || items.some((i) => i.type === 'job'))) this.receiving.emit();
      for (const item of items) {
        if (item.type === 'query') {
          const answer = statusAnswer(this.opts.language, item.query, {
            paperOut: this.paperOut,
            headOpen: this.headOpen,
          });
          if (answer && !socket.destroyed) socket.write(answer);
          this.events.emit({ kind: 'status', query: describeQuery(item.query), answer });
        } else this.accept(item.bytes);
      }
    });
    socket.on('error', () => {}); // a client that resets the connection is not the printer's problem
    socket.on('close', () => this.sockets.delete(socket));
  }

  private accept(bytes: Uint8Array): void {
    if (this.paperOut || this.headOpen) {
      this.held.push(bytes);
      this.events.emit({ kind: 'held', bytes: bytes.byteLength, waiting: this.held.length });
      return;
    }
    this.save(bytes);
  }

  private release(): void {
    while (!this.paperOut && !this.headOpen && this.held.length > 0) this.save(this.held.shift() as Uint8Array);
  }

  private save(bytes: Uint8Array): void {
    const seq = ++this.seq;
    let file: string | null = null;
    if (this.opts.outDir) {
      file = join(this.opts.outDir, `job-${String(seq).padStart(4, '0')}.${EXT[this.opts.language]}`);
      writeFileSync(file, bytes);
    }
    const job = { seq, bytes, at: this.now(), file };
    this.printed.push(job);
    this.jobListeners.emit(job);
    this.events.emit({ kind: 'job', job });
  }
}

function describeQuery(q: Uint8Array): string {
  return [...q]
    .map((b) =>
      b >= 0x21 && b < 0x7f
        ? String.fromCharCode(b)
        : b === 0x1b
          ? 'ESC'
          : b === 0x10
            ? 'DLE'
            : b === 0x04
              ? 'EOT'
              : `0x${b.toString(16).padStart(2, '0')}`,
    )
    .join(' ');
}
