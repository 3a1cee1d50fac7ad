// Access tokens (wechat-api.md §1). Two independent families per appid:
//  * /cgi-bin/stable_token (§1.2): normal mode hands back the same token while it is valid, so many
//    processes can share one appid; force_refresh kills it for everyone and is counted.
//  * /cgi-bin/token (§1.1): every call issues a new token; the previous one survives the overlap
//    (about 5 minutes per S1), the one before that dies at once — so two callers fighting over it
//    soon see 40001.
// Business calls then answer 41001 (missing), 40001 (unknown or replaced) or 42001 (expired) (§1.3).
import { randomBytes } from 'node:crypto';
import { type Body, WxError, formatError } from './wire.js';
import type { FakeApp } from './types.js';

interface TokenRecord {
  value: string;
  app: FakeApp;
  expiresAt: number;
  /** From this instant the token answers 40001 (it was replaced). */
  revokedAt: number;
  /** Set by expireTokens(): answers 42001 whatever the clock says. */
  expired: boolean;
}

const FIVE_MIN_MS = 300_000;
const DAY_MS = 86_400_000;
/** §1.2: force_refresh is limited to 20 a day; beyond that the daily-quota code. */
const FORCE_REFRESH_PER_DAY = 20;

export interface TokenConfig {
  apps: FakeApp[];
  now: () => number;
  ttlMs: number;
  cgiOverlapMs: number;
}

export class TokenStore {
  private readonly byValue = new Map<string, TokenRecord>();
  private readonly stable = new Map<string, TokenRecord>();
  private readonly cgi = new Map<string, { current: TokenRecord; previous: TokenRecord | null }>();
  private forceRefreshes: number[] = [];

  constructor(private readonly cfg: TokenConfig) {}

  forceRefreshCount(): number {
    return this.forceRefreshes.length;
  }

  /** POST /cgi-bin/stable_token. Success carries no errcode, like the real answer (§1.2 Response). */
  stableToken(body: Body): Record<string, unknown> {
    const app = this.authenticate(body, 'stable');
    const force = body['force_refresh'];
    if (force !== undefined && typeof force !== 'boolean') throw formatError('force_refresh must be a boolean');
    const now = this.cfg.now();
    const current = this.stable.get(app.appid);
    if (force === true) {
      const today = this.forceRefreshes.filter((t) => now - t < DAY_MS);
      if (today.length >= FORCE_REFRESH_PER_DAY)
        throw new WxError(45009, 'reach max api daily quota limit (force_refresh)');
      this.forceRefreshes.push(now);
      if (current) current.revokedAt = Math.min(current.revokedAt, now);
      return this.answer(this.issue(app, 'stable'));
    }
    // §1.2/S4: WeChat renews by itself in the last 5 minutes (old and new overlap), so a token handed
    // out is always good for a while; short test TTLs scale the window down.
    const window = Math.min(FIVE_MIN_MS, this.cfg.ttlMs / 2);
    if (current && this.state(current, now) === 'ok' && current.expiresAt - now > window) return this.answer(current);
    return this.answer(this.issue(app, 'stable'));
  }

  /** GET /cgi-bin/token: rotates on every call. */
  cgiToken(query: Body): Record<string, unknown> {
    const app = this.authenticate(query, 'cgi');
    const now = this.cfg.now();
    const slot = this.cgi.get(app.appid);
    const fresh = this.issue(app, 'cgi');
    if (slot) {
      if (slot.previous) slot.previous.revokedAt = Math.min(slot.previous.revokedAt, now);
      slot.current.revokedAt = Math.min(slot.current.revokedAt, now + this.cfg.cgiOverlapMs);
    }
    this.cgi.set(app.appid, { current: fresh, previous: slot?.current ?? null });
    return this.answer(fresh);
  }

  /** The app owning `token`, or the token error a business API answers (§1.3). */
  check(token: string | null): FakeApp {
    if (!token) throw new WxError(41001, 'access_token missing');
    const rec = this.byValue.get(token);
    if (!rec) throw new WxError(40001, 'invalid credential, access_token is invalid or not latest');
    const state = this.state(rec, this.cfg.now());
    if (state === 'revoked') throw new WxError(40001, 'invalid credential, access_token is invalid or not latest');
    if (state === 'expired') throw new WxError(42001, 'access_token expired');
    return rec.app;
  }

  expireAll(): void {
    for (const rec of this.byValue.values()) rec.expired = true;
  }

  private state(rec: TokenRecord, now: number): 'ok' | 'revoked' | 'expired' {
    if (now >= rec.revokedAt) return 'revoked';
    if (rec.expired || now >= rec.expiresAt) return 'expired';
    return 'ok';
  }

  private issue(app: FakeApp, family: 'stable' | 'cgi'): TokenRecord {
    // Real tokens are ~136 characters of this alphabet; clients must store at least 512 (§1.1).
    const value = `${family === 'stable' ? 'S' : 'C'}_${randomBytes(100).toString('base64url')}`;
    const rec: TokenRecord = {
      value,
      app,
      expiresAt: this.cfg.now() + this.cfg.ttlMs,
      revokedAt: Infinity,
      expired: false,
    };
    this.byValue.set(value, rec);
    if (family === 'stable') this.stable.set(app.appid, rec);
    return rec;
  }

  private answer(rec: TokenRecord): Record<string, unknown> {
    return { access_token: rec.value, expires_in: Math.max(0, Math.floor((rec.expiresAt - this.cfg.now()) / 1000)) };
  }

  /**
   * Credential checks, codes per §1.1/§1.2 error lists. A wrong secret is 40001 on /cgi-bin/token
   * ("from /cgi-bin/token it means wrong secret", §1.3) but 40125 on stable_token, whose list has
   * no 40001.
   */
  private authenticate(params: Body, family: 'stable' | 'cgi'): FakeApp {
    const { grant_type: grant, appid, secret } = params;
    if (typeof appid !== 'string' || appid === '') throw new WxError(41002, 'appid missing');
    if (typeof secret !== 'string' || secret === '') throw new WxError(41004, 'appsecret missing');
    if (grant !== 'client_credential') throw new WxError(40002, 'invalid grant_type');
    const app = this.cfg.apps.find((a) => a.appid === appid);
    if (!app) throw new WxError(40013, 'invalid appid');
    if (app.secret !== secret) {
      throw family === 'cgi'
        ? new WxError(40001, 'invalid credential, AppSecret error or access_token is invalid')
        : new WxError(40125, 'invalid appsecret');
    }
    return app;
  }
}
