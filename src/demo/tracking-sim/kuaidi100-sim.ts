// A stand-in for Kuaidi100's subscription push service (src/contract/kuaidi100.ts) for tests, the
// demo and `packdesk sim tracking`: it takes subscriptions on POST /poll like poll.kuaidi100.com
// and posts signed callbacks (param + sign = MD5(param + salt) upper case) to the subscriber's
// callbackurl — in the order asked, as often as asked, so a receiver's handling of late and
// repeated pushes can be tested.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  kuaidi100SubscribeParamSchema,
  type Kuaidi100CallbackParam,
  type Kuaidi100SubscribeParam,
} from '../../contract/kuaidi100.js';

/** A trace step: state name as Kuaidi100 writes it with resultv2=1, and China-time text. */
export interface TraceStep {
  /** 在途, 揽收, 疑难, 签收, 退签, 派件, 退回, … */
  status: string;
  /** Epoch ms. */
  at: number;
  context: string;
  areaName?: string;
}

export interface Subscription {
  company: string;
  number: string;
  key: string;
  callbackurl: string;
  salt: string;
}

/** Normalised state → Kuaidi100's status name and main-state code. */
export const KUAIDI100_STEP: Record<string, { status: string; code: string; context: string }> = {
  collected: { status: '揽收', code: '1', context: '快件已揽收' },
  in_transit: { status: '在途', code: '0', context: '快件已到达转运中心' },
  out_for_delivery: { status: '派件', code: '5', context: '快件派送中' },
  delivered: { status: '签收', code: '3', context: '快件已签收' },
  exception: { status: '疑难', code: '2', context: '快件异常，请联系快递员' },
  returned: { status: '退回', code: '6', context: '快件退回中' },
};

const CODE_OF_STATUS: Record<string, string> = Object.fromEntries(
  Object.values(KUAIDI100_STEP).map((s) => [s.status, s.code]),
);

function chinaText(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The callback form for a trace (steps in any order; sent newest first as Kuaidi100 does). */
export function callbackForm(
  sub: Pick<Subscription, 'company' | 'number' | 'salt'>,
  steps: readonly TraceStep[],
): URLSearchParams {
  const newest = [...steps].sort((a, b) => b.at - a.at);
  const head = newest[0];
  const param: Kuaidi100CallbackParam = {
    status: head?.status === '签收' ? 'shutdown' : 'polling',
    message: '',
    lastResult: {
      message: 'ok',
      state: head ? (CODE_OF_STATUS[head.status] ?? '0') : '0',
      ischeck: head?.status === '签收' ? '1' : '0',
      com: sub.company,
      nu: sub.number,
      data: newest.map((s) => ({
        context: s.context,
        time: chinaText(s.at),
        ftime: chinaText(s.at),
        status: s.status,
        ...(s.areaName ? { areaName: s.areaName } : {}),
      })),
    },
  };
  const json = JSON.stringify(param);
  const sign = createHash('md5')
    .update(json + sub.salt, 'utf8')
    .digest('hex')
    .toUpperCase();
  return new URLSearchParams({ sign, param: json });
}

export interface PushOutcome {
  status: number;
  body: string;
}

export class Kuaidi100Sim {
  private readonly server: Server;
  private readonly subs = new Map<string, Subscription>();
  private origin: string | null = null;
  /** Every subscribe request, accepted or not (tests count them). */
  readonly requests: Kuaidi100SubscribeParam[] = [];

  /** @param key the account key subscriptions must carry (null: any) */
  constructor(private readonly key: string | null = null) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    const a = this.server.address() as AddressInfo;
    return `http://${host}:${a.port}/poll`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  subscriptions(): Subscription[] {
    return [...this.subs.values()].map((s) => ({ ...s }));
  }

  subscription(number: string): Subscription | undefined {
    const s = this.subs.get(number);
    return s && { ...s };
  }

  /**
   * Sends callbacks to this origin instead of the subscription's (a hub whose port the OS chose
   * after its config, with the callback URL, was written).
   */
  redirectCallbacks(origin: string): void {
    this.origin = origin;
  }

  /** Posts one callback carrying `steps` for a subscribed waybill, `times` times (duplicates). */
  async push(number: string, steps: readonly TraceStep[], times = 1): Promise<PushOutcome[]> {
    const sub = this.subs.get(number);
    if (!sub) throw new RangeError(`waybill ${number} is not subscribed`);
    const target = new URL(sub.callbackurl);
    const url = this.origin ? new URL(`${target.pathname}${target.search}`, this.origin).toString() : target.toString();
    return postCallback(url, callbackForm(sub, steps), times);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = (code: string, message: string) => {
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify({ result: code === '200', returnCode: code, message }));
    };
    if (req.method !== 'POST' || !req.url?.startsWith('/poll')) {
      res.writeHead(404).end();
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const form = new URLSearchParams(raw);
    let param: Kuaidi100SubscribeParam;
    try {
      param = kuaidi100SubscribeParamSchema.parse(JSON.parse(form.get('param') ?? ''));
    } catch {
      answer('700', '参数错误');
      return;
    }
    this.requests.push(param);
    if (this.key !== null && param.key !== this.key) {
      answer('600', '您不是合法的订阅者（即授权Key出错）');
      return;
    }
    if (this.subs.has(param.number)) {
      answer('501', '重复订阅');
      return;
    }
    this.subs.set(param.number, {
      company: param.company,
      number: param.number,
      key: param.key,
      callbackurl: param.parameters.callbackurl,
      salt: param.parameters.salt ?? '',
    });
    answer('200', '提交成功');
  }
}

export async function postCallback(url: string, form: URLSearchParams, times = 1): Promise<PushOutcome[]> {
  const out: PushOutcome[] = [];
  for (let i = 0; i < times; i += 1) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(10_000),
    });
    out.push({ status: res.status, body: await res.text() });
  }
  return out;
}

/**
 * The callbacks to post for a parcel moving through `states` (normalised names, one `gapMs` apart,
 * the last at `endAt`): in order, one growing trace per step as Kuaidi100 sends it; out of order,
 * each step alone, the newest first.
 */
export function pushPlan(states: readonly string[], endAt: number, gapMs: number, outOfOrder: boolean): TraceStep[][] {
  const steps = states.map((name, i): TraceStep => {
    const k = KUAIDI100_STEP[name];
    if (!k) throw new RangeError(`unknown state "${name}": expected ${Object.keys(KUAIDI100_STEP).join(', ')}`);
    return { status: k.status, at: endAt - (states.length - 1 - i) * gapMs, context: k.context, areaName: '上海市' };
  });
  if (outOfOrder) return [...steps].reverse().map((s) => [s]);
  return steps.map((_, i) => steps.slice(0, i + 1));
}
