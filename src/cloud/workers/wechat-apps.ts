// One WeChat client per configured app (Channels shops and mini-programs): tokens kept in the hub
// database (a restart does not need a new one), every call logged with errcode and rid.
import {
  ChannelsApi,
  TokenManager,
  WechatApp,
  WechatHttp,
  type CallLogEntry,
  type TokenFetchLock,
} from '../wechat/index.js';
import { resolveSecret } from '../config.js';
import type { HubContext } from '../context.js';
import type { QuotaWatch } from '../services/quota.js';
import { Pacer } from '../wechat/pacer.js';

export interface WechatApps {
  channels(shopId: string): ChannelsApi | null;
  /** The Channels shop's client itself, for calls outside ChannelsApi (after-sale proof uploads). */
  shopApp(shopId: string): WechatApp | null;
  /** The mini-program app for a payment's appid. */
  miniProgram(appId: string): WechatApp | null;
}

/**
 * One fetch of an appid's token at a time across the hub instances sharing the store: the lease
 * `token:<appid>`, long enough for a stable_token call; a holder that died frees it on expiry.
 */
function tokenLease(ctx: HubContext): TokenFetchLock {
  const ttlMs = ctx.config.wechat.timeoutMs * 2;
  return {
    take: (appid) => ctx.store.tx((t) => t.leases.acquire(`token:${appid}`, ctx.instanceId, ctx.now(), ttlMs)),
    release: (appid) => ctx.store.tx((t) => t.leases.release(`token:${appid}`, ctx.instanceId)),
  };
}

export function buildWechatApps(ctx: HubContext, quota?: QuotaWatch): WechatApps {
  const cfg = ctx.config.wechat;
  const lock = tokenLease(ctx);
  const logCall = (e: CallLogEntry) => {
    quota?.record(e.appid, e.path, e.at);
    void ctx.store.tx((t) =>
      t.wechat.logCall({
        at: e.at,
        appid: e.appid,
        path: e.path,
        request: JSON.stringify(e.request ?? null),
        httpStatus: e.httpStatus,
        errcode: e.errcode,
        errmsg: e.errmsg,
        rid: e.rid,
        ms: e.ms,
        error: e.error ?? null,
      }),
    );
  };
  const app = (appid: string, secret: string): WechatApp => {
    // Limits are per app: each gets its own buckets.
    const pacer = new Pacer(cfg.rateLimits);
    const http = new WechatHttp({
      baseUrl: cfg.apiBase,
      timeoutMs: cfg.timeoutMs,
      log: logCall,
      appid,
      now: ctx.now,
      pacer,
    });
    const tokens = new TokenManager({
      http,
      appid,
      secret: resolveSecret(secret),
      now: ctx.now,
      lock,
      // The holder's stable_token call ends within the HTTP timeout; wait up to twice that.
      lockWait: { totalMs: cfg.timeoutMs * 2, everyMs: 100 },
      store: {
        load: (id) => ctx.store.tx((t) => t.wechat.loadToken(id)),
        save: (id, tok) => ctx.store.tx((t) => t.wechat.saveToken(id, tok.token, tok.expiresAt)),
      },
    });
    return new WechatApp({ http, tokens });
  };
  const shopApps = new Map(cfg.shops.map((s) => [s.id, app(s.appid, s.secret)]));
  const shops = new Map([...shopApps].map(([id, a]) => [id, new ChannelsApi({ app: a, now: ctx.now })]));
  const minis = new Map(cfg.miniPrograms.map((m) => [m.appid, app(m.appid, m.secret)]));
  return {
    channels: (id) => shops.get(id) ?? null,
    shopApp: (id) => shopApps.get(id) ?? null,
    miniProgram: (appId) => minis.get(appId) ?? null,
  };
}
