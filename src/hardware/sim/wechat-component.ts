// A stand-in for WeChat's e-waybill print component (wechat-api-2.md §1.2/§1.3), for people without
// Windows or a Mac and for tests: a WebSocket server on 127.0.0.1 answering getAppInfo,
// getPrinterList and print with per-task results. Every printed task is kept in memory and, with a
// folder, saved as one JSON file. It can be told to fail the next tasks (a failure result, nothing
// printed) or to print the next ones and never answer — what a station killed between the print and
// its journal sees — so a duplicate task shows up as two files.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { Listeners } from '../status.js';
import { textOf } from '../printer/wechat-component.js';
import type { Unsubscribe } from '../types.js';
import {
  parseReply,
  type ComponentPrinterInfo,
  type PrintNum,
  type TaskResult,
} from '../printer/wechat-component-protocol.js';

export interface WechatComponentSimOptions {
  port?: number;
  /** Each printed task as <seq>-<taskID>.json here. */
  dir?: string | null;
  printers?: ComponentPrinterInfo[];
  version?: string;
  /** Answer with `requestId` instead of `requestID` (one client library's spelling, §1.2). */
  replyKey?: 'requestID' | 'requestId';
  now?: () => number;
}

export interface SimTask {
  seq: number;
  taskID: string;
  printer: string;
  printInfo: string;
  printNum: PrintNum | null;
  /** A reprint task (`<labelId>.R`, see printer/wechat-component.ts). */
  reprint: boolean;
  at: number;
  file: string | null;
}

export type WechatSimEvent =
  | { kind: 'request'; command: string }
  | { kind: 'task'; task: SimTask; answered: boolean }
  | { kind: 'failed'; taskID: string; reason: string };

export const SIM_PRINTERS: ComponentPrinterInfo[] = [
  { name: 'SIM-76x130', displayName: '模拟面单打印机 76×130', status: 3 },
  { name: 'SIM-100x180', displayName: '模拟面单打印机 100×180', status: 3 },
];

const safeName = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);

export class WechatComponentSim {
  private server: WebSocketServer | null = null;
  private readonly printed: SimTask[] = [];
  private readonly events = new Listeners<WechatSimEvent>();
  private seq = 0;
  private failing = 0;
  private failReason = '打印机缺纸 (simulated paper out)';
  private holding = 0;
  private boundPort = 0;

  constructor(private readonly opts: WechatComponentSimOptions = {}) {}

  /** Listens on 127.0.0.1 only; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({ host: '127.0.0.1', port: this.opts.port ?? 12705 });
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        this.server = server;
        this.boundPort = (server.address() as AddressInfo).port;
        resolve(this.boundPort);
      });
      server.on('connection', (ws) => ws.on('message', (data) => this.onMessage(ws, textOf(data))));
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${this.boundPort}`;
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    for (const client of server.clients) client.terminate();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  /** Drops every open connection (a component restart); the server keeps listening. */
  dropClients(): void {
    for (const client of this.server?.clients ?? []) client.terminate();
  }

  tasks(): SimTask[] {
    return [...this.printed];
  }

  /** The next `n` tasks fail with `reason`: nothing is printed or saved. */
  failNext(n: number, reason?: string): void {
    this.failing = n;
    if (reason) this.failReason = reason;
  }

  /** The next `n` print requests print their tasks and are never answered. */
  holdNext(n: number): void {
    this.holding = n;
  }

  onEvent(listener: (e: WechatSimEvent) => void): Unsubscribe {
    return this.events.add(listener);
  }

  private printers(): ComponentPrinterInfo[] {
    return this.opts.printers ?? SIM_PRINTERS;
  }

  private onMessage(ws: WebSocket, text: string): void {
    const msg = parseReply(text);
    if (!msg) return;
    const key = this.opts.replyKey ?? 'requestID';
    const answer = (body: Record<string, unknown>) =>
      ws.send(JSON.stringify({ command: msg.command, [key]: msg.requestId, ...body }));
    this.events.emit({ kind: 'request', command: msg.command ?? '?' });
    switch (msg.command) {
      case 'getAppInfo':
        answer({ appInfo: { version: this.opts.version ?? '1.3.4' } });
        return;
      case 'getPrinterList':
        answer({ printerList: this.printers() });
        return;
      case 'print': {
        const results = this.print(msg.body);
        if (this.holding > 0) {
          this.holding--;
          return;
        }
        answer({ results });
        return;
      }
      default:
        answer({ errorCode: 1, errorMsg: `unknown command ${JSON.stringify(msg.command)}` });
    }
  }

  private print(body: Record<string, unknown>): TaskResult[] {
    const printer = typeof body['printer'] === 'string' ? body['printer'] : '';
    const list = Array.isArray(body['taskList']) ? (body['taskList'] as Record<string, unknown>[]) : [];
    const known = this.printers().some((p) => p.name === printer);
    const answered = this.holding === 0;
    return list.map((t) => {
      const id = t['taskID'];
      const taskID = typeof id === 'string' ? id : typeof id === 'number' ? String(id) : '';
      const printInfo = typeof t['printInfo'] === 'string' ? t['printInfo'] : '';
      const fail = (reason: string): TaskResult => {
        this.events.emit({ kind: 'failed', taskID, reason });
        return { taskID, success: false, failureReason: reason };
      };
      if (body['version'] !== '2.0') return fail('version must be "2.0"');
      if (!known) return fail(`printer "${printer}" not found`);
      if (!taskID || !printInfo) return fail('taskID and printInfo are required');
      if (this.failing > 0) {
        this.failing--;
        return fail(this.failReason);
      }
      const n = t['printNum'] as Record<string, unknown> | undefined;
      const task: SimTask = {
        seq: ++this.seq,
        taskID,
        printer,
        printInfo,
        printNum:
          typeof n?.['curNum'] === 'number' && typeof n['sumNum'] === 'number'
            ? { curNum: n['curNum'], sumNum: n['sumNum'] }
            : null,
        reprint: taskID.endsWith('.R'),
        at: this.opts.now?.() ?? Date.now(),
        file: null,
      };
      if (this.opts.dir) {
        mkdirSync(this.opts.dir, { recursive: true });
        task.file = join(this.opts.dir, `${String(task.seq).padStart(4, '0')}-${safeName(taskID)}.json`);
        writeFileSync(task.file, `${JSON.stringify({ ...task, file: undefined }, null, 2)}\n`);
      }
      this.printed.push(task);
      this.events.emit({ kind: 'task', task, answered });
      return { taskID, success: true, failureReason: null };
    });
  }
}
