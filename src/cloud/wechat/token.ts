// Access tokens for one appid, from POST /cgi-bin/stable_token in normal mode only.
//
// Why normal mode (wechat-api.md §1.2, §7.1): calling it while the token is valid returns the same
// token without rotating it, so the hub, a restarted hub and any other process on the appid never
// invalidate each other. force_refresh=true would kill the token for everyone (20/day, leaks only);
// it is never sent. /cgi-bin/token is never called either: it rotates (§1.1).
import { checkReply, MALFORMED_REPLY, WechatError } from './errors.js';
import type { WechatHttp } from './http.js';

export interface StoredToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Where the hub keeps tokens so a restart reuses the one it has (sync or async, e.g. SQLite). */
export interface TokenStore {
  load(appid: string): StoredToken | null | Promise<StoredToken | null>;
  save(appid: string, t: StoredToken): void | Promise<void>;
}

export interface TokenManagerOptions {
  http: WechatHttp;
  appid: string;
  secret: string;
  store: TokenStore;
  /** Epoch ms. */
  now: () => number;
  /** A token with less life left than this is not handed out (default 60 s). */
  minValidityMs?: number;
}

/** Something that hands out tokens and accepts "this one was rejected" (the seam WechatApp uses). */
export interface TokenSource {
  get(): Promise<string>;
  invalidate(token: string): void;
}

const STABLE_TOKEN_PATH = '/cgi-bin/stable_token';

export class TokenManager implements TokenSource {
  private current: StoredToken | null = null;
  /** Tokens a business API rejected (40001/42001/…); never handed out again from cache or store. */
  private readonly rejected = new Set<string>();
  private inflight: Promise<string> | null = null;

  constructor(private readonly opts: TokenManagerOptions) {}

  /** A token valid for at least `minValidityMs` more. Concurrent callers share one fetch. */
  get(): Promise<string> {
    if (this.current && this.usable(this.current)) return Promise.resolve(this.current.token);
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * A business API rejected `token`. Only the token it names is dropped: a 40001 for a request
   * sent with an older token must not throw away the fresh one fetched since.
   */
  invalidate(token: string): void {
    this.rejected.add(token);
    // Only recent tokens can come back from the store or from WeChat; forget the oldest.
    for (const old of this.rejected) {
      if (this.rejected.size <= 16) break;
      this.rejected.delete(old);
    }
    if (this.current?.token === token) this.current = null;
  }

  private usable(t: StoredToken): boolean {
    return !this.rejected.has(t.token) && t.expiresAt - this.opts.now() >= (this.opts.minValidityMs ?? 60_000);
  }

  private async refresh(): Promise<string> {
    const { appid, store } = this.opts;
    // The store first: after a restart (or from another hub replica) it holds a token WeChat still
    // honours, and reusing it costs no stable_token call.
    const stored = await store.load(appid);
    if (stored && this.usable(stored)) {
      this.current = stored;
      return stored.token;
    }
    const reply = checkReply<{ access_token?: unknown; expires_in?: unknown }>(
      STABLE_TOKEN_PATH,
      await this.opts.http.post(STABLE_TOKEN_PATH, {
        grant_type: 'client_credential',
        appid,
        secret: this.opts.secret,
        force_refresh: false,
      }),
    );
    const token = reply.access_token;
    const expiresIn = reply.expires_in;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number') {
      throw new WechatError(STABLE_TOKEN_PATH, MALFORMED_REPLY, 'stable_token reply has no access_token/expires_in');
    }
    // Normal mode may hand back the very token a business API just rejected (WeChat still holds it
    // valid). It is accepted anyway: WechatApp retries once and then reports the failure (§1.3)
    // rather than this class escalating to force_refresh.
    this.rejected.delete(token);
    const fresh: StoredToken = { token, expiresAt: this.opts.now() + expiresIn * 1000 };
    this.current = fresh;
    await store.save(appid, fresh);
    return token;
  }
}
