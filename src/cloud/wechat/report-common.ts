// Outcome type and the §6 error handling shared by report-channels.ts and report-miniprogram.ts.
import { nextShanghaiMidnight } from './china-time.js';
import { WechatError } from './errors.js';
import { TransportError } from './http.js';

export type ReportOutcome =
  | { kind: 'done'; verified: boolean; note?: string }
  | { kind: 'retry'; afterMs: number; reason: string }
  | { kind: 'stop_until'; untilMs: number; reason: string }
  | { kind: 'conflict'; reason: string }
  /** errcode is WeChat's; for a non-retryable transport failure it is the HTTP status. */
  | { kind: 'failed'; errcode: number; errmsg: string; rid: string | null };

export interface ReportOptions {
  /** Epoch ms. */
  now?: () => number;
  /** [0, 1); injected so tests are deterministic. */
  random?: () => number;
  /** First backoff step (default 2 s); doubles per attempt up to maxDelayMs (default 5 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts allowed for 10060001 "payment not found" right after payment (default 5). */
  raceLimit?: number;
  /** Wait before retrying 10060001: uniform in [min, max] ms (default 15–60 s, spec §3.1 [C5]). */
  raceDelayMs?: { min: number; max: number };
}

export type ResolvedOptions = Required<ReportOptions>;

export function resolveOptions(o: ReportOptions): ResolvedOptions {
  return {
    now: o.now ?? Date.now,
    random: o.random ?? Math.random,
    baseDelayMs: o.baseDelayMs ?? 2_000,
    maxDelayMs: o.maxDelayMs ?? 300_000,
    raceLimit: o.raceLimit ?? 5,
    raceDelayMs: o.raceDelayMs ?? { min: 15_000, max: 60_000 },
  };
}

/** "Equal jitter": half the exponential step fixed, half random, so retries never bunch at zero. */
export function backoffMs(attempt: number, o: ResolvedOptions): number {
  const step = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + (o.random() * step) / 2);
}

/** Token trouble after the retry-once (§1.3): pause this app for the 5-minute token overlap (§1.2). */
export const TOKEN_PAUSE_MS = 5 * 60_000;
/** 108009: an after-sale case must close first; check back in minutes (§6 race). */
export const AFTERSALE_RETRY_MS = 10 * 60_000;

export function failed(err: WechatError): ReportOutcome {
  return { kind: 'failed', errcode: err.errcode, errmsg: err.errmsg, rid: err.rid };
}

/**
 * The §6 handling shared by every call: transient → backoff (45011 → the next minute), quota →
 * stop until midnight China time (UNCONFIRMED reset, §6), token → pause, race → later, everything
 * else (terminal, config, an already-done code the caller did not verify) → failed.
 */
export function outcomeForError(err: unknown, attempt: number, o: ResolvedOptions): ReportOutcome {
  if (err instanceof TransportError) {
    if (err.retryable)
      return {
        kind: 'retry',
        afterMs: backoffMs(attempt, o),
        reason: `transport (${err.kind}): ${err.message}; the call may have reached WeChat, verify before re-sending`,
      };
    return { kind: 'failed', errcode: err.httpStatus ?? 0, errmsg: err.message, rid: null };
  }
  if (!(err instanceof WechatError)) throw err;
  const now = o.now();
  switch (err.cls) {
    case 'transient':
      if (err.errcode === 45011) {
        return {
          kind: 'retry',
          afterMs: 60_000 - (now % 60_000) + Math.floor(o.random() * 5_000),
          reason: `minute quota (45011): ${err.errmsg}`,
        };
      }
      return { kind: 'retry', afterMs: backoffMs(attempt, o), reason: `transient (${err.errcode}): ${err.errmsg}` };
    case 'quota':
      return {
        kind: 'stop_until',
        untilMs: nextShanghaiMidnight(now),
        reason: `daily quota (45009) on ${err.path}: ${err.errmsg}`,
      };
    case 'token':
      return {
        kind: 'stop_until',
        untilMs: now + TOKEN_PAUSE_MS,
        reason: `token rejected twice (${err.errcode}); check that nothing else rotates the token: ${err.errmsg}`,
      };
    case 'race':
      return {
        kind: 'retry',
        afterMs: AFTERSALE_RETRY_MS,
        reason: `waiting on WeChat (${err.errcode}): ${err.errmsg}`,
      };
    default:
      return failed(err);
  }
}

/** Runs a read; a failure becomes the outcome to return instead. */
export async function readOr<T>(
  read: () => Promise<T>,
  attempt: number,
  o: ResolvedOptions,
  onWechat?: (e: WechatError) => ReportOutcome | null,
): Promise<{ value: T } | { outcome: ReportOutcome }> {
  try {
    return { value: await read() };
  } catch (err) {
    const special = err instanceof WechatError && onWechat ? onWechat(err) : null;
    return { outcome: special ?? outcomeForError(err, attempt, o) };
  }
}
