// WeChat's e-waybill print component (电子面单打印组件) speaks JSON over a local WebSocket
// (wechat-api-2.md §1.2/§1.3): each request carries `command` and `requestID`, the answer repeats
// the requestID. One public wrapper compares `requestId` instead [K5], so both spellings are read.
// The official answer tables are UNCONFIRMED (§9): replies are read leniently, field by field.
// Pure: no I/O; the driver (wechat-component.ts) and the simulator (sim/wechat-component.ts) share it.
import { z } from 'zod';

/** Where the component listens on Windows and Mac (§1.2). No Linux build exists: use the simulator. */
export const DEFAULT_COMPONENT_URL = 'ws://127.0.0.1:12705';

export const COMPONENT_COMMANDS = ['getAppInfo', 'getPrinterList', 'print'] as const;
export type ComponentCommand = (typeof COMPONENT_COMMANDS)[number];

/** "n/N" on the label: the parcel's place in the order. */
export interface PrintNum {
  curNum: number;
  sumNum: number;
}

/** One label for the component: `printInfo` is WeChat's print_info, passed on untouched (§1.5). */
export interface ComponentTask {
  taskID: string;
  printInfo: string;
  printNum: PrintNum;
}

export interface PrintRequest {
  command: 'print';
  /** Fixed by the spec (§1.3). */
  version: '2.0';
  requestID: string;
  /** printerList[].name */
  printer: string;
  taskList: ComponentTask[];
}

export interface ComponentPrinterInfo {
  name: string;
  displayName: string;
  /** Numeric in the sample (3); meaning UNCONFIRMED (§9). */
  status: number | null;
}

export interface TaskResult {
  taskID: string;
  success: boolean;
  failureReason: string | null;
}

const printerEntry = z.looseObject({
  name: z.string().min(1),
  displayName: z.string().optional(),
  status: z.union([z.number(), z.string()]).optional(),
});

const taskResult = z.looseObject({
  taskID: z.union([z.string(), z.number()]).optional(),
  taskId: z.union([z.string(), z.number()]).optional(),
  success: z.union([z.boolean(), z.number(), z.string()]),
  failureReason: z.string().nullish(),
  msg: z.string().nullish(),
});

/** A reply: its requestID (either spelling) and the whole object for the command's own reader. */
export interface ComponentReply {
  requestId: string | null;
  command: string | null;
  body: Record<string, unknown>;
}

export function parseReply(text: string): ComponentReply | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const body = value as Record<string, unknown>;
  const id = body['requestID'] ?? body['requestId'];
  return {
    requestId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
    command: typeof body['command'] === 'string' ? body['command'] : null,
    body,
  };
}

/** A reply that reports an error instead of data (shape UNCONFIRMED: errorCode/errorMsg or msg). */
export function replyError(body: Record<string, unknown>): string | null {
  const code = body['errorCode'] ?? body['errcode'] ?? body['code'];
  const msg = body['errorMsg'] ?? body['errmsg'] ?? body['msg'];
  if (code === undefined || code === 0 || code === '0') return null;
  return `${typeof code === 'string' || typeof code === 'number' ? code : JSON.stringify(code)}${typeof msg === 'string' && msg ? ` ${msg}` : ''}`;
}

export function readAppInfo(body: Record<string, unknown>): { version: string | null } {
  const info = body['appInfo'];
  const version = typeof info === 'object' && info !== null ? (info as Record<string, unknown>)['version'] : undefined;
  return { version: typeof version === 'string' ? version : null };
}

export function readPrinterList(body: Record<string, unknown>): ComponentPrinterInfo[] {
  const list = Array.isArray(body['printerList']) ? (body['printerList'] as unknown[]) : [];
  const out: ComponentPrinterInfo[] = [];
  for (const entry of list) {
    const p = printerEntry.safeParse(entry);
    if (!p.success) continue;
    const status = typeof p.data.status === 'number' ? p.data.status : Number(p.data.status);
    out.push({
      name: p.data.name,
      displayName: p.data.displayName ?? p.data.name,
      status: Number.isFinite(status) ? status : null,
    });
  }
  return out;
}

/** Per-task results of a print; `success` may come as true, 1 or "true" from different builds. */
export function readResults(body: Record<string, unknown>): TaskResult[] {
  const list = Array.isArray(body['results']) ? (body['results'] as unknown[]) : [];
  const out: TaskResult[] = [];
  for (const entry of list) {
    const r = taskResult.safeParse(entry);
    if (!r.success) continue;
    const id = r.data.taskID ?? r.data.taskId;
    if (id === undefined) continue;
    const ok = r.data.success === true || r.data.success === 1 || r.data.success === 'true';
    out.push({
      taskID: String(id),
      success: ok,
      failureReason: ok ? null : (r.data.failureReason ?? r.data.msg ?? 'the component reported a failure'),
    });
  }
  return out;
}

export function printRequest(requestID: string, printer: string, tasks: ComponentTask[]): PrintRequest {
  return { command: 'print', version: '2.0', requestID, printer, taskList: tasks };
}
