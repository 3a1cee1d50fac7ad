// Kuaidi100 (快递100) subscription push (订阅推送) as a tracking provider. Request and callback shapes
// and codes: src/contract/kuaidi100.ts, from https://api.kuaidi100.com/document/5f0ffa8f2977d50a94e1023c
// (订阅接口) and https://apifox.com/apidoc/project-514987/api-8568518 (推送接口).
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  KUAIDI100_ACK,
  kuaidi100CallbackParamSchema,
  kuaidi100SubscribeReplySchema,
  type Kuaidi100Callback,
  type Kuaidi100SubscribeParam,
} from '../../contract/kuaidi100.js';
import type { TrackingEvent, TrackingState } from '../../contract/tracking.js';
import { RETURNED } from '../../domain/tracking/states.js';
import { resolveSecret } from '../config.js';
import { KUAIDI100_COMPANIES, type Kuaidi100Config } from '../config-tracking.js';
import { CallbackAuthError, ProviderError, type SubscribeRequest, type TrackingProvider } from './provider.js';

const TIMEOUT_MS = 10_000;

type Mapped = { state: TrackingState; returned?: boolean };

/** lastResult.state (主状态) → normalised state. */
const BY_CODE: Record<string, Mapped> = {
  '0': { state: 'in_transit' },
  '1': { state: 'collected' },
  '2': { state: 'exception' },
  '3': { state: 'delivered' },
  '4': { state: 'exception', returned: true },
  '5': { state: 'out_for_delivery' },
  '6': { state: 'exception', returned: true },
  '7': { state: 'in_transit' },
  '8': { state: 'in_transit' },
  '10': { state: 'in_transit' },
  '14': { state: 'exception', returned: true },
};

/** A trace item's status name (resultv2=1) → normalised state. */
const BY_NAME: Record<string, Mapped> = {
  在途: { state: 'in_transit' },
  揽收: { state: 'collected' },
  疑难: { state: 'exception' },
  签收: { state: 'delivered' },
  退签: { state: 'exception', returned: true },
  派件: { state: 'out_for_delivery' },
  退回: { state: 'exception', returned: true },
  转投: { state: 'in_transit' },
  清关: { state: 'in_transit' },
  待清关: { state: 'in_transit' },
  拒签: { state: 'exception', returned: true },
};

/** MD5(param + salt), upper-case hex: the callback's `sign`. */
export function kuaidi100Sign(param: string, salt: string): string {
  return createHash('md5')
    .update(param + salt, 'utf8')
    .digest('hex')
    .toUpperCase();
}

function signMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented.toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** "2024-03-01 10:12:33" in China time → epoch ms; NaN when it is not that shape. */
export function chinaTime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Date.parse(`${m[1]}T${m[2]}${m[2]?.length === 5 ? ':00' : ''}+08:00`);
}

/** The callback's trace as normalised events (each item once; the newest takes lastResult.state when it has no name). */
export function kuaidi100Events(cb: Kuaidi100Callback, carrier: string): TrackingEvent[] {
  const r = cb.lastResult;
  const out: TrackingEvent[] = [];
  r.data.forEach((item, i) => {
    const at = chinaTime(item.time || item.ftime || '');
    if (!Number.isFinite(at)) return;
    const named = item.status === undefined ? undefined : BY_NAME[item.status];
    const mapped = named ?? (i === 0 ? BY_CODE[r.state] : undefined) ?? { state: 'in_transit' };
    out.push({
      waybill: r.nu,
      carrier,
      state: mapped.state,
      at,
      place: (item.areaName ?? '').slice(0, 200),
      detail: `${mapped.returned ? `${RETURNED}: ` : ''}${item.context}`.slice(0, 500),
      source: 'kuaidi100',
    });
  });
  return out;
}

export class Kuaidi100Provider implements TrackingProvider {
  readonly id = 'kuaidi100' as const;
  readonly ack = KUAIDI100_ACK;
  private readonly companies: Record<string, string>;

  constructor(private readonly cfg: Kuaidi100Config) {
    this.companies = { ...KUAIDI100_COMPANIES, ...cfg.companies };
  }

  follows(carrier: string): boolean {
    if (this.cfg.carriers.length > 0 && !this.cfg.carriers.includes(carrier)) return false;
    return this.companies[carrier] !== undefined;
  }

  async subscribe(req: SubscribeRequest): Promise<void> {
    const company = this.companies[req.carrier];
    if (!company) throw new ProviderError(`no Kuaidi100 company code for carrier ${req.carrier}`, false);
    const param: Kuaidi100SubscribeParam = {
      company,
      number: req.waybill,
      ...(req.to ? { to: req.to } : {}),
      key: resolveSecret(this.cfg.key),
      parameters: {
        callbackurl: this.cfg.callbackUrl,
        salt: resolveSecret(this.cfg.salt),
        resultv2: '1',
        ...(req.phone ? { phone: req.phone } : {}),
      },
    };
    let res: Response;
    try {
      res = await fetch(this.cfg.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ schema: 'json', param: JSON.stringify(param) }).toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new ProviderError(`Kuaidi100 unreachable: ${err instanceof Error ? err.message : String(err)}`, true);
    }
    if (res.status >= 500) throw new ProviderError(`Kuaidi100 answered HTTP ${res.status}`, true);
    const parsed = kuaidi100SubscribeReplySchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new ProviderError(`Kuaidi100 answered HTTP ${res.status} with no subscribe reply`, true);
    const reply = parsed.data;
    // 501: subscribed already (re-sent after a crash, or by hand): the pushes will come.
    if (reply.returnCode === '200' || reply.returnCode === '501') return;
    throw new ProviderError(`Kuaidi100 ${reply.returnCode}: ${reply.message}`, reply.returnCode === '500');
  }

  parseCallback(form: Record<string, string | undefined>): { waybill: string; events: TrackingEvent[] } {
    const param = form['param'];
    if (param === undefined || param === '') throw new CallbackAuthError('the callback has no param field');
    if (!signMatches(kuaidi100Sign(param, resolveSecret(this.cfg.salt)), form['sign']))
      throw new CallbackAuthError('sign is missing or wrong (expected MD5(param + salt))');
    const cb = kuaidi100CallbackParamSchema.parse(JSON.parse(param));
    const carrier = this.carrierOf(cb.lastResult.com);
    return { waybill: cb.lastResult.nu, events: kuaidi100Events(cb, carrier) };
  }

  /** A company code back to the carrier code ("shunfeng" → SF); unknown ones upper-cased. */
  private carrierOf(company: string): string {
    for (const [carrier, code] of Object.entries(this.companies)) if (code === company) return carrier;
    return company.toUpperCase().slice(0, 32);
  }
}
