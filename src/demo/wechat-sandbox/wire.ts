// Wire helpers shared by every fake endpoint: the answer envelope, body readers, JSON comparison.
// WeChat answers HTTP 200 with `errcode`/`errmsg`, and the errmsg ends with " rid: …" (wechat-api.md,
// General conventions); a client must judge by errcode only, so the texts here are not stable API.
import { randomBytes } from 'node:crypto';

export class WxError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A request id shaped like WeChat's (three dash-separated hex groups). */
export function rid(): string {
  const h = randomBytes(12).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16, 24)}`;
}

export function withRid(errmsg: string): string {
  return `${errmsg} rid: ${rid()}`;
}

/** Default texts for codes a fault injects without its own errmsg. */
const TEXTS: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  42001: 'access_token expired',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  100003: 'order updated too frequently',
  108009: 'order has an unfinished after-sale',
  10025011: 'ewaybill order update conflict',
  10060012: 'system busy, please retry',
  10060019: 'system busy, please retry',
  44990: 'reach max api rate limit',
};

export function defaultText(errcode: number): string {
  return TEXTS[errcode] ?? `error ${errcode}`;
}

export type Body = Record<string, unknown>;

export function isObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** 47001 is WeChat's "data format error" for a malformed body (§2.4 error table). */
export function formatError(what: string): WxError {
  return new WxError(47001, `data format error hint: ${what}`);
}

export function reqString(body: Body, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v === '') throw formatError(`${key} must be a non-empty string`);
  return v;
}

/** JSON with object keys sorted, so two bodies compare equal whatever order their keys were sent in. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  // JSON.stringify answers undefined (not a string) for these, whatever its declared type says.
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return 'null';
  return JSON.stringify(v);
}

/** Numeric id strings ordered by value without BigInt: shorter is smaller, then digit by digit. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
