// The one place that talks HTTP to api.weixin.qq.com. It knows nothing about errcodes beyond
// copying them into the call log; classification lives in errors.ts, tokens in token.ts.
//
// Two things every caller relies on:
//   * Big integers never pass through a double. WeChat sends order ids as JSON numbers above 2^53
//     in pushes (wechat-api.md §2.8) and the order/get table even types order_id as a number
//     (§2.2). JSON.parse would round 3705115058471208928 to 3705115058471209000, and a reviver is
//     too late (it sees the rounded double). So the raw text is rewritten first: every integer
//     literal of 16 or more digits outside a string is wrapped in quotes. No amount (fen) or time
//     (seconds, §0) comes near 16 digits, so the rule cannot turn a real number into a string,
//     and it needs no list of id field names that would go stale.
//   * Every call is logged with errcode, errmsg and the `rid` WeChat support asks for (§7.9).
import { performance } from 'node:perf_hooks';
import type { Pacer } from './pacer.js';
import { nextShanghaiMidnight } from './china-time.js';

export interface CallLogEntry {
  /** Epoch ms when the call started. */
  at: number;
  appid: string;
  /** Path without the query string (the access token never reaches the log). */
  path: string;
  /** Body (POST) or query (GET) with secrets replaced by "***". */
  request: unknown;
  httpStatus: number | null;
  errcode: number | null;
  errmsg: string | null;
  rid: string | null;
  ms: number;
  /** Transport failure, when there was one. */
  error?: string;
}

export type TransportKind = 'network' | 'timeout' | 'http' | 'bad_body';

/**
 * The call produced no WeChat answer. `retryable` is true for network errors, timeouts, HTTP 5xx
 * and 429 (§6 lists 5xx/timeouts as transient); a 4xx without a JSON errcode body is a wrong URL or
 * a blocked host and is not retried. A timeout or a dropped connection may still have reached
 * WeChat: callers of write APIs must verify before re-sending (§7.4).
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly kind: TransportKind,
    readonly path: string,
    readonly httpStatus: number | null,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One file of a multipart upload. */
export interface UploadFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A parsed WeChat reply. Integers of 16+ digits arrive as strings (see the file comment). */
export type WechatReply = Record<string, unknown>;

export interface WechatHttpOptions {
  baseUrl: string;
  timeoutMs?: number;
  log?: (e: CallLogEntry) => void;
  /** Written into each log entry; when absent, the `appid` of the request (token calls) is used. */
  appid?: string;
  now?: () => number;
  /** Waits before each call of a rate-limited API and hears of each 45011 (pacer.ts). */
  pacer?: Pacer;
}

/** §5: the per-window rate limit was reached. */
const MINUTE_QUOTA = 45011;
/** §5: the daily quota was reached; §6: stop that API until midnight, China time (UNCONFIRMED). */
const DAILY_QUOTA = 45009;

const SECRET_KEYS = new Set(['secret', 'access_token', 'appsecret']);

export class WechatHttp {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly log: ((e: CallLogEntry) => void) | undefined;
  private readonly appid: string | undefined;
  private readonly now: () => number;
  readonly pacer: Pacer | undefined;

  constructor(opts: WechatHttpOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.log = opts.log;
    this.appid = opts.appid;
    this.now = opts.now ?? Date.now;
    this.pacer = opts.pacer;
  }

  /** Business calls: POST with a JSON body and `?access_token=` in the query (§0). */
  post(path: string, body: unknown, accessToken?: string): Promise<WechatReply> {
    const query = accessToken === undefined ? '' : `?access_token=${encodeURIComponent(accessToken)}`;
    return this.send(path, `${this.baseUrl}${path}${query}`, body, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body instanceof RawJson ? body.text : JSON.stringify(body),
    });
  }

  /**
   * An upload: POST multipart/form-data with one file field (image upload for after-sale proof).
   * `path` may carry its own query (upload_type=…); the token is appended to it.
   */
  postFile(path: string, field: string, file: UploadFile, accessToken: string): Promise<WechatReply> {
    const bare = path.split('?')[0] ?? path;
    const url = `${this.baseUrl}${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(accessToken)}`;
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.name);
    // The log sees what was sent, not the bytes.
    const logged = { [field]: { name: file.name, contentType: file.contentType, bytes: file.bytes.length } };
    return this.send(bare, url, logged, { method: 'POST', body: form });
  }

  get(path: string, query: Record<string, string>): Promise<WechatReply> {
    return this.send(path, `${this.baseUrl}${path}?${new URLSearchParams(query).toString()}`, query, { method: 'GET' });
  }

  private async send(path: string, url: string, request: unknown, init: RequestInit): Promise<WechatReply> {
    await this.pacer?.take(path);
    const at = this.now();
    const t0 = performance.now();
    const entry: CallLogEntry = {
      at,
      appid: this.appid ?? appidOf(request),
      path,
      request: redact(request),
      httpStatus: null,
      errcode: null,
      errmsg: null,
      rid: null,
      ms: 0,
    };
    try {
      const res = await this.fetchText(path, url, init);
      entry.httpStatus = res.status;
      const reply = parseReply(res.text);
      if (reply) {
        entry.errcode = typeof reply['errcode'] === 'number' ? reply['errcode'] : null;
        entry.errmsg = typeof reply['errmsg'] === 'string' ? reply['errmsg'] : null;
        entry.rid = parseRid(entry.errmsg);
        if (entry.errcode === MINUTE_QUOTA) this.pacer?.refused(path);
        if (entry.errcode === DAILY_QUOTA) this.pacer?.exhausted(path, nextShanghaiMidnight(at) - at);
      }
      if (res.status >= 500 || res.status === 429) {
        throw new TransportError(`HTTP ${res.status} from ${path}`, 'http', path, res.status, true);
      }
      // A 4xx that still carries an errcode is a WeChat answer; judge it by errcode (§0).
      if (reply && (res.status < 400 || typeof reply['errcode'] === 'number')) return reply;
      if (res.status >= 400)
        throw new TransportError(`HTTP ${res.status} from ${path}`, 'http', path, res.status, false);
      // A 200 that is not a JSON object is a gateway or proxy page, not WeChat: try again later.
      throw new TransportError(
        `Unreadable reply from ${path}: ${res.text.slice(0, 80)}`,
        'bad_body',
        path,
        res.status,
        true,
      );
    } catch (err) {
      const te =
        err instanceof TransportError
          ? err
          : new TransportError(String(err), 'network', path, null, true, { cause: err });
      entry.error = te.message;
      throw te;
    } finally {
      entry.ms = Math.round(performance.now() - t0);
      this.log?.(entry);
    }
  }

  private async fetchText(path: string, url: string, init: RequestInit): Promise<{ status: number; text: string }> {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      return { status: res.status, text: await res.text() };
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const detail =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new TransportError(
        timeout ? `Timed out after ${this.timeoutMs} ms: ${path}` : `Network error on ${path}: ${detail}`,
        timeout ? 'timeout' : 'network',
        path,
        null,
        true,
        { cause: err },
      );
    }
  }
}

/**
 * A request body already serialised, for the one call whose uint64 must go out as a JSON number
 * (addsuborder's ewaybill_order_id, wechat-api-2.md §5.2): JSON.stringify cannot write a number
 * above 2^53 exactly. The call log sees it with big integers as strings.
 */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    return parseWechatJson(this.text);
  }
}

/** JSON.parse with every integer literal of 16+ digits (outside strings) turned into a string. */
export function parseWechatJson(text: string): unknown {
  return JSON.parse(quoteBigIntegers(text));
}

export function quoteBigIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string literal, honouring backslash escapes.
      i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      // Outside strings a digit or minus can only start a number (JSON has no bare identifiers).
      const start = i;
      i++;
      while (i < text.length && /[0-9.eE+-]/.test(text[i] ?? '')) i++;
      const token = text.slice(start, i);
      if (/^-?\d{16,}$/.test(token)) {
        out += `${text.slice(copied, start)}"${token}"`;
        copied = i;
      }
    } else {
      i++;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The request id WeChat appends to errmsg (" rid: 6512ab-..."); support traces calls by it. */
export function parseRid(errmsg: string | null | undefined): string | null {
  const m = /\brid:\s*([^\s,;]+)/.exec(errmsg ?? '');
  return m?.[1] ?? null;
}

function parseReply(text: string): WechatReply | null {
  try {
    const v = parseWechatJson(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as WechatReply) : null;
  } catch {
    return null;
  }
}

function redact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redact);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, SECRET_KEYS.has(k.toLowerCase()) ? '***' : redact(x)]),
  );
}

function appidOf(request: unknown): string {
  const appid =
    request !== null && typeof request === 'object' ? (request as Record<string, unknown>)['appid'] : undefined;
  return typeof appid === 'string' ? appid : '';
}
