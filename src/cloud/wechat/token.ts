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

/**
 * Lets one process at a time fetch an appid's token when several hub instances share the store
 * (a lease, workers/wechat-apps.ts). The others wait and read the token it saved.
 */
export interface TokenFetchLock {
  /** True when this process may fetch now; false while another one holds the right. */
  take(appid: string): Promise<boolean>;
  release(appid: string): Promise<void>;
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
  /** Shared between hub instances: only the holder fetches (absent: this process alone uses the store). */
  lock?: TokenFetchLock;
  /** How long to wait for another instance's fetch before fetching anyway (default 5 s), and how often to look. */
  lockWait?: { totalMs: number; everyMs: number };
  /** Waits (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
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
    const { appid, lock } = this.opts;
    const stored = await this.fromStore();
    if (stored !== null) return stored;
    if (!lock) return this.fetch();
    // Another instance may be fetching right now: wait for the token it saves rather than fetch too.
    // Should it take too long (it died mid-call), fetch anyway: normal mode never rotates the token,
    // so a second fetch costs one call of the daily quota, nothing more.
    const { totalMs, everyMs } = this.opts.lockWait ?? { totalMs: 5000, everyMs: 100 };
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let waits = Math.ceil(totalMs / everyMs); ; waits--) {
      if (await lock.take(appid)) break;
      if (waits <= 0) return this.fetch();
      await sleep(everyMs);
      const saved = await this.fromStore();
      if (saved !== null) return saved;
    }
    try {
      // Saved by the instance that held the right just before us.
      return (await this.fromStore()) ?? (await this.fetch());
    } finally {
      await lock.release(appid);
    }
  }

  /**
   * A usable token the store holds: after a restart (or from another hub instance) it is one WeChat
   * still honours, and reusing it costs no stable_token call.
   */
  private async fromStore(): Promise<string | null> {
    const stored = await this.opts.store.load(this.opts.appid);
    if (!stored || !this.usable(stored)) return null;
    this.current = stored;
    return stored.token;
  }

  private async fetch(): Promise<string> {
    const { appid, store } = this.opts;
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
