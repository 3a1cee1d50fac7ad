// errcode → what a sync client does about it, exactly as wechat-api.md §6 lays it out.
// Judge success by errcode only; errmsg wording changes (§0).
import { parseRid, TransportError } from './http.js';

export type ErrorClass = 'ok' | 'transient' | 'token' | 'quota' | 'race' | 'already_done' | 'terminal' | 'config';

/** Endpoints that hand out tokens. On them 40001 means "wrong AppSecret", not "stale token" (§1.3). */
export const TOKEN_PATHS: ReadonlySet<string> = new Set(['/cgi-bin/token', '/cgi-bin/stable_token']);

// §6 transient: backoff with jitter. (HTTP 5xx and timeouts arrive as TransportError instead.)
const TRANSIENT = new Set([-1, 45011, 100003, 10060012, 10060019, 44990, 10025011]);
// §6 token: refresh (normal-mode stable_token) and retry once.
const TOKEN = new Set([40001, 42001, 40014, 41001]);
// §6 race / eventual: 10060001 right after payment, 108009 while an after-sale case is open.
const RACE = new Set([10060001, 108009]);
// §6 already-done: idempotent success, to be verified by a read.
const ALREADY_DONE = new Set([109001, 10060002, 10060023, 10025019]);
// §6 config: an admin must act. 48001 appears under both "terminal" and "config" in §6; §2.4 calls
// it "fatal (configuration)", so it is config. 61011 sits with 61003/61004 in §3.2 (third-party
// authorization), 50004/50007 are "token interface forbidden / account frozen" (§1.1).
const CONFIG = new Set([40164, 40013, 40125, 40243, 48001, 61003, 61004, 61011, 50004, 50007]);
// Token endpoints only (§1.1/§1.2): every failure there other than busy/quota needs an admin —
// bad grant_type, missing appid/secret, POST required, IP confirmation pending or refused.
const TOKEN_ENDPOINT_CONFIG = new Set([40001, 40002, 41002, 41004, 43002, 89503, 89506, 89507]);

/**
 * Class of an errcode returned by `path`. Codes §6 lists as terminal (101100, 100002, 109000,
 * 109002, 109205, 6060xx, 100600xx, 268485xxx, 47001, 40097, 10025005, …) and codes nobody listed
 * are `terminal`: with no idempotency key on delivery/send (§7.4) an unknown failure must not be
 * retried blindly; the operator sees errmsg and rid instead.
 */
export function classify(path: string, errcode: number): ErrorClass {
  if (errcode === 0) return 'ok';
  if (TOKEN_PATHS.has(path) && TOKEN_ENDPOINT_CONFIG.has(errcode)) return 'config';
  if (TRANSIENT.has(errcode)) return 'transient';
  if (errcode === 45009) return 'quota';
  if (TOKEN.has(errcode)) return 'token';
  if (RACE.has(errcode)) return 'race';
  if (ALREADY_DONE.has(errcode)) return 'already_done';
  if (CONFIG.has(errcode)) return 'config';
  return 'terminal';
}

/**
 * Not a WeChat code: the reply said errcode 0 (or a non-numeric errcode) but lacks what the call
 * must return. Classified terminal like any unknown code, so the operator sees it.
 */
export const MALFORMED_REPLY = -2;

/** A WeChat reply with errcode ≠ 0 (or MALFORMED_REPLY). */
export class WechatError extends Error {
  override readonly name = 'WechatError';
  readonly rid: string | null;
  readonly cls: Exclude<ErrorClass, 'ok'>;

  constructor(
    readonly path: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${path} failed: ${errcode} ${errmsg}`);
    this.rid = parseRid(errmsg);
    const cls = classify(path, errcode);
    this.cls = cls === 'ok' ? 'terminal' : cls;
  }
}

/** Throws WechatError unless the reply's errcode is 0 (a missing errcode means success: stable_token omits it). */
export function checkReply<T>(path: string, reply: Record<string, unknown>): T {
  const errcode = reply['errcode'];
  if (errcode === undefined || errcode === 0) return reply as T;
  const errmsg = typeof reply['errmsg'] === 'string' ? reply['errmsg'] : '';
  if (typeof errcode !== 'number')
    throw new WechatError(path, MALFORMED_REPLY, `non-numeric errcode ${JSON.stringify(errcode)}: ${errmsg}`);
  throw new WechatError(path, errcode, errmsg);
}

/** Class of any error a WeChat call can throw; null when it is neither a WeChat nor a transport error (a bug). */
export function classOf(err: unknown): Exclude<ErrorClass, 'ok'> | null {
  if (err instanceof WechatError) return err.cls;
  if (err instanceof TransportError) return err.retryable ? 'transient' : 'terminal';
  return null;
}
