// Per-API rate limits and daily quotas (wechat-api.md §5): a call over an API's refresh-window
// allowance answers 45011, a call over its daily quota answers 45009, and
// /cgi-bin/openapi/quota/get reports the figures honestly. WeChat publishes no values for the shop's
// order APIs (§5, §8 UNCONFIRMED), so every figure here is a sandbox option; the defaults below are
// the spec's where it has one (stable_token) and a stated guess elsewhere (README: WeChat sandbox).
import { type Body, WxError, reqString } from './wire.js';

export interface ApiLimit {
  /** Calls allowed per refresh window (quota/get `rate_limit.call_count`). */
  callCount: number;
  /** The refresh window in seconds (quota/get `rate_limit.refresh_second`). */
  refreshSecond: number;
  /** Calls allowed per China day (quota/get `quota.daily_limit`). */
  dailyLimit: number;
}

/** Limited APIs by path. An API not listed here is not limited (and quota/get answers 76021 for it). */
export type ApiLimits = Record<string, ApiLimit>;

/**
 * Defaults. stable_token: 10,000/min and 500,000/day (§5 [S3]). The order APIs' figures are
 * UNCONFIRMED guesses (the shop pages publish none): order/get 12,000/min (200/s), list/get
 * 600/min, both with a daily quota well above a 100,000-order day.
 */
export const DEFAULT_LIMITS: ApiLimits = {
  '/cgi-bin/stable_token': { callCount: 10_000, refreshSecond: 60, dailyLimit: 500_000 },
  '/channels/ec/order/get': { callCount: 12_000, refreshSecond: 60, dailyLimit: 1_000_000 },
  '/channels/ec/order/list/get': { callCount: 600, refreshSecond: 60, dailyLimit: 200_000 },
};

/** What one limited API saw, for a bench or test to print beside its limit. */
export interface ApiUsage {
  path: string;
  limit: ApiLimit;
  /** Calls answered normally (they count against the quota). */
  admitted: number;
  /** Calls refused with 45011 / 45009. */
  refused45011: number;
  refused45009: number;
  /** The most calls admitted in one refresh window so far. */
  peakPerWindow: number;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

interface Counter {
  window: number;
  inWindow: number;
  day: number;
  today: number;
  usage: ApiUsage;
}

export class ApiLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly limits: ApiLimits,
    private readonly now: () => number,
  ) {
    for (const [path, l] of Object.entries(limits)) {
      for (const k of ['callCount', 'refreshSecond', 'dailyLimit'] as const)
        if (!(Number.isInteger(l[k]) && l[k] >= 1))
          throw new RangeError(`limits["${path}"].${k} must be a whole number ≥ 1, got ${String(l[k])}`);
    }
  }

  /**
   * Counts one call of `path`, or throws the WeChat answer for a call over its limits. Windows are
   * fixed and aligned to multiples of refresh_second (how WeChat counts inside one is UNCONFIRMED;
   * a client that keeps within the figure over any span of that length is right either way). Days
   * are China days (the 45009 reset at midnight there is UNCONFIRMED, §6).
   */
  admit(path: string): void {
    const limit = this.limits[path];
    if (!limit) return;
    const c = this.counter(path, limit);
    if (c.today >= limit.dailyLimit) {
      c.usage.refused45009++;
      throw new WxError(45009, 'reach max api daily quota limit');
    }
    if (c.inWindow >= limit.callCount) {
      c.usage.refused45011++;
      throw new WxError(45011, 'api minute-quota reach limit mustslower retry next minute');
    }
    c.inWindow++;
    c.today++;
    c.usage.admitted++;
    c.usage.peakPerWindow = Math.max(c.usage.peakPerWindow, c.inWindow);
  }

  /** POST /cgi-bin/openapi/quota/get {cgi_path} (§5 [S15]). */
  quotaGet(body: Body): Record<string, unknown> {
    const path = reqString(body, 'cgi_path');
    const limit = this.limits[path];
    if (!limit) throw new WxError(76021, `cgi_path not found: ${path}`);
    const c = this.counter(path, limit);
    return {
      quota: { daily_limit: limit.dailyLimit, used: c.today, remain: Math.max(0, limit.dailyLimit - c.today) },
      rate_limit: { call_count: limit.callCount, refresh_second: limit.refreshSecond },
      component_rate_limit: { call_count: limit.callCount, refresh_second: limit.refreshSecond },
    };
  }

  /** POST /cgi-bin/openapi/quota/clear {cgi_path}: the day's count starts over (the reset budget is not modelled). */
  quotaClear(body: Body): Record<string, unknown> {
    const path = reqString(body, 'cgi_path');
    const limit = this.limits[path];
    if (!limit) throw new WxError(76021, `cgi_path not found: ${path}`);
    this.counter(path, limit).today = 0;
    return {};
  }

  usage(): ApiUsage[] {
    return Object.entries(this.limits).map(([path, limit]) => ({ ...this.counter(path, limit).usage }));
  }

  private counter(path: string, limit: ApiLimit): Counter {
    const at = this.now();
    const window = Math.floor(at / (limit.refreshSecond * 1000));
    const day = Math.floor((at + CHINA_OFFSET_MS) / DAY_MS);
    let c = this.counters.get(path);
    if (!c) {
      c = {
        window,
        inWindow: 0,
        day,
        today: 0,
        usage: { path, limit, admitted: 0, refused45011: 0, refused45009: 0, peakPerWindow: 0 },
      };
      this.counters.set(path, c);
    }
    if (c.window !== window) {
      c.window = window;
      c.inWindow = 0;
    }
    if (c.day !== day) {
      c.day = day;
      c.today = 0;
    }
    return c;
  }
}
