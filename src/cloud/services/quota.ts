// WeChat call counts per app and API for the admin, against the daily limits the merchant reads from
// quota/get (config wechat.dailyQuotas; WeChat publishes none, wechat-api.md §5). Days are China
// days: quotas reset at midnight there (UNCONFIRMED, §6).
import { shanghaiDay, shanghaiDayStart } from '../wechat/china-time.js';
import type { HubContext } from '../context.js';

export interface ApiUse {
  appid: string;
  path: string;
  calls: number;
  errors: number;
  dailyLimit: number | null;
  /** calls / dailyLimit, when the limit is known. */
  share: number | null;
}

export interface QuotaView {
  day: string;
  apis: ApiUse[];
  alerts: string[];
}

function alertLine(u: ApiUse): string {
  return `${u.path} (${u.appid}): ${u.calls} of ${u.dailyLimit} daily calls used (${Math.round((u.share ?? 0) * 100)} %)`;
}

/** Today's use of every API, for GET /v1/health with the admin token. */
export async function quotaView(ctx: HubContext): Promise<QuotaView> {
  const now = ctx.now();
  const dayStart = shanghaiDayStart(now);
  const { dailyQuotas, quotaAlertShare } = ctx.config.wechat;
  const counts = await ctx.store.tx((t) => t.wechat.callCounts(dayStart));
  const apis = counts.map((c) => {
    const dailyLimit = dailyQuotas[c.path] ?? null;
    return { ...c, dailyLimit, share: dailyLimit === null ? null : c.calls / dailyLimit };
  });
  const alerts = apis.filter((u) => u.share !== null && u.share >= quotaAlertShare).map(alertLine);
  return { day: shanghaiDay(now), apis, alerts };
}

/**
 * Warns once per app, API and day when the calls reach `quotaAlertShare` of a known daily limit,
 * so an admin hears before WeChat answers 45009. Fed by every logged call; seeded from the call
 * log at start so a restart does not forget the morning's calls.
 */
export class QuotaWatch {
  private day = '';
  private readonly calls = new Map<string, number>();
  private readonly warned = new Set<string>();

  constructor(private readonly ctx: HubContext) {}

  async seed(): Promise<void> {
    const now = this.ctx.now();
    const counts = await this.ctx.store.tx((t) => t.wechat.callCounts(shanghaiDayStart(now)));
    this.rollTo(shanghaiDay(now));
    for (const c of counts)
      this.calls.set(`${c.appid} ${c.path}`, (this.calls.get(`${c.appid} ${c.path}`) ?? 0) + c.calls);
  }

  record(appid: string, path: string, at: number): void {
    const limit = this.ctx.config.wechat.dailyQuotas[path];
    if (limit === undefined) return;
    this.rollTo(shanghaiDay(at));
    const key = `${appid} ${path}`;
    const calls = (this.calls.get(key) ?? 0) + 1;
    this.calls.set(key, calls);
    if (calls >= limit * this.ctx.config.wechat.quotaAlertShare && !this.warned.has(key)) {
      this.warned.add(key);
      this.ctx.warn('WeChat daily quota nearly used', {
        alert: alertLine({ appid, path, calls, errors: 0, dailyLimit: limit, share: calls / limit }),
      });
    }
  }

  private rollTo(day: string): void {
    if (day === this.day) return;
    this.day = day;
    this.calls.clear();
    this.warned.clear();
  }
}
