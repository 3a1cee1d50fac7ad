// WeChat Channels e-waybills print through WeChat's own print component (wechat-api-2.md §1.1):
// a local WebSocket server on Windows/Mac that renders the platform's 76×130 privacy label from the
// opaque `print_info` and drives the printer itself. This driver is its client: connect,
// getAppInfo (version), getPrinterList (is the chosen printer there?), then `print` tasks and read
// the per-task results. It reconnects with backoff and shows ready / disconnected / fault like the
// other printers.
//
// Every task is journaled two-phase like raw-printer.ts, under its task id: `<labelId>` for an
// original, `<labelId>.R` for a reprint (补打). A task already done is never sent again; an
// original whose send was interrupted (the station died, the socket broke, no answer) is refused
// with PrintUncertain, so the queue sends it as a reprint — a distinct task the component's own
// list and WeChat (re_print 1) see as one. A task the component answered as failed did not print:
// its intent is cleared and it may go out again unchanged.
import WebSocket from 'ws';
import { StatusDevice } from '../status.js';
import { PrinterFault, PrintUncertain, type Device, type PrintResult } from '../types.js';
import { PrintJournal } from './journal.js';
import {
  parseReply,
  printRequest,
  readAppInfo,
  readPrinterList,
  readResults,
  replyError,
  type ComponentCommand,
  type ComponentPrinterInfo,
  type PrintNum,
} from './wechat-component-protocol.js';

export interface WechatPrintJob {
  /** The label id: the same id after a crash or a fault, so a retry is recognised. */
  id: string;
  /** WeChat's print_info for the e-waybill, as the hub fetched it. */
  printInfo: string;
  printNum: PrintNum;
  /** A 补打: sent as task `<id>.R`, and WeChat is told re_print 1. */
  reprint: boolean;
}

/** What the print queue needs of the component (the simulator-backed tests use the same class). */
export interface WechatPrinter {
  readonly kind: string;
  readonly simulated: boolean;
  print(job: WechatPrintJob): Promise<PrintResult>;
  printers(): Promise<ComponentPrinterInfo[]>;
  usePrinter(name: string): Promise<void>;
  appVersion(): string | null;
}

/** The component as a station device: status in the status bar, started and stopped with the others. */
export type WechatPrinterDevice = Device & WechatPrinter;

export interface WechatComponentOptions {
  url: string;
  /** printerList[].name; null = the first printer the component lists. */
  printer: string | null;
  journalFile?: string;
  /** An answer slower than this counts as a broken link (the task is then uncertain). */
  requestTimeoutMs?: number;
  reconnect?: { minMs: number; maxMs: number };
  /** After a failed task, look again this often (doubling up to reconnect.maxMs) before retrying. */
  faultPollMs?: number;
  log?: (line: string) => void;
}

/** The journal id and task id of a job: reprints are their own task, never the original again. */
export const taskIdOf = (job: { id: string; reprint: boolean }): string => (job.reprint ? `${job.id}.R` : job.id);

interface Pending {
  resolve: (body: Record<string, unknown>) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export class WechatComponentPrinter extends StatusDevice implements WechatPrinter {
  readonly kind = 'wechat-component';
  readonly simulated = false;
  readonly language = 'wechat';
  private readonly journal: PrintJournal;
  private socket: WebSocket | null = null;
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private running = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectDelay: number;
  private faultTimer: ReturnType<typeof setTimeout> | null = null;
  private faultDelay: number;
  private chain: Promise<unknown> = Promise.resolve();
  /** The printer the component prints on, once the list was read. */
  private chosen: string | null = null;
  private version: string | null = null;
  /** printerList[].name to print on; null = the first listed (settings may change it). */
  private wanted: string | null;

  constructor(private readonly opts: WechatComponentOptions) {
    super();
    this.wanted = opts.printer;
    this.journal = new PrintJournal(opts.journalFile);
    this.reconnectDelay = this.backoff.minMs;
    this.faultDelay = opts.faultPollMs ?? 3000;
  }

  private get backoff() {
    return this.opts.reconnect ?? { minMs: 500, maxMs: 15_000 };
  }

  /** The component's version from getAppInfo, once connected. */
  appVersion(): string | null {
    return this.version;
  }

  start(): Promise<void> {
    this.running = true;
    this.connect();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of [this.reconnectTimer, this.faultTimer]) if (t) clearTimeout(t);
    this.reconnectTimer = this.faultTimer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.removeAllListeners();
      s.on('error', () => {});
      s.terminate();
    }
    // A task in flight stays uncertain in the journal (its answer can no longer come).
    this.failPending(new PrinterFault('offline', 'the station stopped'));
    await this.chain.catch(() => {});
    this.status_.set({ state: 'disconnected', detail: null });
  }

  print(job: WechatPrintJob): Promise<PrintResult> {
    return this.serial(async () => {
      const taskID = taskIdOf(job);
      const before = this.journal.lookup(taskID);
      if (before?.done) return { jobId: job.id, duplicate: true };
      // Sent before and never answered: the label may be out. An original is not sent again.
      if (before && !job.reprint) throw new PrintUncertain(job.id);
      // A reprint of an original that was interrupted: the label.printed says uncertain.
      const original = job.reprint ? this.journal.lookup(job.id) : null;
      const uncertain = before !== null || (original !== null && !original.done);
      const printer = await this.ready();
      this.journal.intent(taskID);
      let body: Record<string, unknown>;
      try {
        body = await this.request('print', { ...printRequest(this.nextId(), printer, [{ ...task(job), taskID }]) });
      } catch (err) {
        // No answer: only the component knows whether it printed. The intent stays.
        throw err instanceof PrinterFault ? err : this.fault('offline', (err as Error).message, 'disconnected');
      }
      const result = readResults(body).find((r) => r.taskID === taskID);
      if (!result) {
        const error = replyError(body);
        throw this.fault(
          'error',
          `the component answered print without a result for task ${taskID}${error ? `: ${error}` : ''}`,
        );
      }
      if (!result.success) {
        // Told it did not print: the same task may go out again (an interrupted reprint stays uncertain).
        if (!before) this.journal.clear(taskID);
        throw this.fault('error', result.failureReason ?? 'print failed');
      }
      this.journal.done(taskID);
      this.healthy();
      return uncertain ? { jobId: job.id, duplicate: false, uncertain: true } : { jobId: job.id, duplicate: false };
    });
  }

  /** The component printer Channels e-waybills print on from now on (the settings screen's pick). */
  usePrinter(name: string): Promise<void> {
    return this.serial(async () => {
      this.wanted = name;
      this.chosen = null;
      if (this.socket?.readyState === WebSocket.OPEN) await this.choosePrinter();
    });
  }

  /** The component's printers, for the settings screen. */
  async printers(): Promise<ComponentPrinterInfo[]> {
    this.requireOpen();
    return readPrinterList(await this.request('getPrinterList', { command: 'getPrinterList' }));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  private nextId(): string {
    return `pd-${process.pid}-${++this.seq}`;
  }

  private connect(): void {
    if (!this.running || this.socket) return;
    this.status_.set({ state: 'connecting', detail: `connecting to the WeChat print component at ${this.opts.url}` });
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.opts.url, { handshakeTimeout: 5000 });
    } catch (err) {
      this.lost(`cannot reach ${this.opts.url}: ${(err as Error).message}`);
      return;
    }
    this.socket = ws;
    let why = 'the connection closed';
    ws.on('open', () => {
      this.reconnectDelay = this.backoff.minMs;
      void this.handshake();
    });
    ws.on('message', (data) => this.onMessage(textOf(data)));
    ws.on('error', (err) => {
      why = (err as NodeJS.ErrnoException).code ?? err.message;
    });
    ws.on('close', () => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.lost(`WeChat print component at ${this.opts.url} not reachable (${why})`);
    });
  }

  /** The link is gone: every request in flight fails, and a reconnect is scheduled with backoff. */
  private lost(detail: string): void {
    this.chosen = null;
    this.failPending(new PrinterFault('offline', detail));
    if (!this.running) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.backoff.maxMs, this.reconnectDelay * 2);
    this.status_.set({ state: 'disconnected', detail: `${detail}; retrying in ${seconds(delay)}` });
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  /** getAppInfo then getPrinterList (the component's own order, §1.2); sets the status either way. */
  private async handshake(): Promise<void> {
    try {
      this.version = readAppInfo(await this.request('getAppInfo', { command: 'getAppInfo' })).version;
      this.opts.log?.(`WeChat print component ${this.version ?? '(version unknown)'} at ${this.opts.url}`);
      await this.choosePrinter();
    } catch {
      // request() or choosePrinter() recorded the fault
    }
  }

  private async choosePrinter(): Promise<string> {
    const list = readPrinterList(await this.request('getPrinterList', { command: 'getPrinterList' }));
    const wanted = this.wanted;
    const found = wanted === null ? list[0] : list.find((p) => p.name === wanted);
    if (!found) {
      const names = list.map((p) => p.name).join(', ') || 'none';
      throw this.fault(
        'offline',
        wanted === null
          ? 'the WeChat print component lists no printer'
          : `printer "${wanted}" is not in the WeChat print component's list (${names})`,
      );
    }
    this.chosen = found.name;
    this.healthy();
    return found.name;
  }

  /** The printer to print on, asking the component again after a fault. */
  private async ready(): Promise<string> {
    this.requireOpen();
    if (this.chosen && this.status().state === 'ready') return this.chosen;
    return this.choosePrinter();
  }

  private requireOpen(): void {
    if (this.socket?.readyState !== WebSocket.OPEN)
      throw new PrinterFault(
        'offline',
        this.status().detail ?? `WeChat print component at ${this.opts.url} is not connected`,
      );
  }

  private request(command: ComponentCommand, message: Record<string, unknown>): Promise<Record<string, unknown>> {
    const ws = this.socket;
    if (ws?.readyState !== WebSocket.OPEN)
      return Promise.reject(new PrinterFault('offline', `WeChat print component at ${this.opts.url} is not connected`));
    const requestID = typeof message['requestID'] === 'string' ? message['requestID'] : this.nextId();
    const timeoutMs = this.opts.requestTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestID);
        reject(this.fault('offline', `no answer to ${command} within ${seconds(timeoutMs)}`, 'disconnected'));
        // A silent component is treated as gone: reconnecting clears whatever it was stuck on.
        ws.terminate();
      }, timeoutMs);
      this.pending.set(requestID, { resolve, reject, timer });
      ws.send(JSON.stringify({ ...message, requestID }), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.pending.delete(requestID);
        reject(this.fault('offline', `sending ${command} failed: ${err.message}`, 'disconnected'));
      });
    });
  }

  private onMessage(text: string): void {
    const reply = parseReply(text);
    if (!reply?.requestId) return; // not an answer to us (the protocol has no push messages, §1.2)
    const p = this.pending.get(reply.requestId);
    if (!p) return;
    this.pending.delete(reply.requestId);
    clearTimeout(p.timer);
    p.resolve(reply.body);
  }

  private failPending(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }

  /** Records a fault, polls the component until it is back, and returns the error to throw. */
  private fault(
    reason: PrinterFault['reason'],
    detail: string,
    state: 'error' | 'disconnected' = 'error',
  ): PrinterFault {
    this.status_.set({ state, detail });
    if (state === 'error') this.scheduleCheck();
    return new PrinterFault(reason, detail);
  }

  private healthy(): void {
    this.faultDelay = this.opts.faultPollMs ?? 3000;
    this.status_.set({ state: 'ready', detail: null });
  }

  /**
   * After a failed task, look at the printer list again later; when the printer is there the
   * status turns ready and the print queue retries the task with the same print_info (§1.2).
   */
  private scheduleCheck(): void {
    if (!this.running || this.faultTimer) return;
    const delay = this.faultDelay;
    this.faultDelay = Math.min(this.backoff.maxMs, this.faultDelay * 2);
    this.faultTimer = setTimeout(() => {
      this.faultTimer = null;
      if (this.socket?.readyState !== WebSocket.OPEN) return; // the reconnect loop takes over
      void this.serial(() => this.choosePrinter()).catch(() => {});
    }, delay);
  }
}

/** A frame as text: ws hands a Buffer, an ArrayBuffer or fragments. */
export function textOf(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function task(job: WechatPrintJob) {
  return { printInfo: job.printInfo, printNum: job.printNum };
}
