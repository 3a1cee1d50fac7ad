// The HTTP side of the fake: routing, the access-token gate, fault injection and the call log.
// Answers follow wechat-api.md "General conventions": HTTP 200, JSON with errcode/errmsg, errmsg
// ending in " rid: …". Two fake-only answers: an unknown path is HTTP 404 (so a typo in a client
// fails loudly instead of looking like a WeChat error), and a crash inside the fake is HTTP 500.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Body, WxError, defaultText, formatError, isObject, withRid } from './wire.js';
import type { TokenStore } from './tokens.js';
import type { ApiLimiter } from './limits.js';
import type { CallRecord, FakeApp, Fault } from './types.js';

export interface Route {
  /** Whose token the call needs; 'none' for the token endpoints themselves, 'any' for either kind. */
  auth: 'none' | 'any' | FakeApp['kind'];
  method: 'GET' | 'POST';
  /** Token answers carry no errcode on success (§1.1/§1.2 "Response"). */
  bare?: boolean;
  handle(body: Body): Record<string, unknown>;
  /** Reads the body text itself (addsuborder tells a JSON number from a string, beyond 2^53). */
  parse?: (raw: string) => unknown;
}

const MAX_BODY = 4 * 1024 * 1024;

/** Injected faults, first injected first matched; each fires `times` times (default 1). */
export class Faults {
  private list: { fault: Fault; left: number }[] = [];

  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new RangeError('fault.times must be positive');
    this.list.push({ fault, left: times });
  }

  clear(): void {
    this.list = [];
  }

  take(path: string): Fault | undefined {
    const hit = this.list.find((f) => f.fault.path === path || f.fault.path === '*');
    if (!hit) return undefined;
    hit.left -= 1;
    if (hit.left <= 0) this.list = this.list.filter((f) => f !== hit);
    return hit.fault;
  }
}

interface Answer {
  status: number;
  payload: Record<string, unknown>;
}

export class WxHttpServer {
  private readonly server: Server;
  private readonly waits = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly routes: ReadonlyMap<string, Route>,
    private readonly tokens: TokenStore,
    private readonly faults: Faults,
    private readonly log: CallRecord[],
    private readonly now: () => number,
    private readonly limiter: ApiLimiter,
  ) {
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, { errcode: -1, errmsg: withRid(`fake-wechat crashed: ${String(err)}`) });
      });
    });
  }

  async listen(host: string, port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const addr = this.server.address() as AddressInfo;
    return `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waits) wake();
    this.server.closeAllConnections();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const raw = await readBody(req);
    const query: Body = Object.fromEntries(url.searchParams);
    const parsed =
      req.method === 'GET' ? { ok: true as const, body: query } : parseJson(raw, this.routes.get(path)?.parse);
    const record = (errcode: number, dropped: boolean) =>
      this.log.push({ path, body: parsed.ok ? parsed.body : raw, errcode, at: this.now(), dropped });

    const fault = this.faults.take(path);
    if (fault?.kind === 'drop') {
      record(-1, true);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'errcode') {
      record(fault.errcode, false);
      send(res, 200, { errcode: fault.errcode, errmsg: withRid(fault.errmsg ?? defaultText(fault.errcode)) });
      return;
    }
    // A slow call is applied late, after the delay — so a client that timed out meanwhile still
    // finds it applied, as with a real overloaded server.
    if (fault?.kind === 'slow') await this.sleep(fault.delayMs);
    if (this.closed) {
      req.socket.destroy();
      return;
    }

    const answer = this.dispatch(path, req.method ?? 'GET', url.searchParams.get('access_token'), parsed);
    const errcode = typeof answer.payload['errcode'] === 'number' ? answer.payload['errcode'] : 0;
    record(errcode, fault?.kind === 'drop-after');
    if (fault?.kind === 'drop-after') {
      req.socket.destroy();
      return;
    }
    send(res, answer.status, answer.payload);
  }

  private dispatch(path: string, method: string, token: string | null, parsed: ReturnType<typeof parseJson>): Answer {
    const route = this.routes.get(path);
    if (!route) return { status: 404, payload: { errcode: 404, errmsg: withRid(`fake-wechat: no such API ${path}`) } };
    try {
      // 43002 "require POST method" (§1.2, and §General: business calls are POST); 43001 is its GET twin.
      if (route.method !== method)
        throw route.method === 'POST'
          ? new WxError(43002, 'require POST method')
          : new WxError(43001, 'require GET method');
      if (route.auth !== 'none') {
        const app = this.tokens.check(token);
        if (route.auth !== 'any' && app.kind !== route.auth)
          throw new WxError(48001, `api unauthorized: a ${app.kind} app cannot call ${path}`);
      }
      // §5: over the refresh window's allowance → 45011, over the day's → 45009 (limits.ts).
      this.limiter.admit(path);
      if (!parsed.ok) throw formatError('body is not valid JSON');
      if (!isObject(parsed.body)) throw formatError('body must be a JSON object');
      const result = route.handle(parsed.body);
      return { status: 200, payload: route.bare ? result : { errcode: 0, errmsg: withRid('ok'), ...result } };
    } catch (err) {
      if (err instanceof WxError)
        return { status: 200, payload: { errcode: err.errcode, errmsg: withRid(err.message) } };
      throw err;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }
}

function parseJson(
  raw: string,
  parse: (raw: string) => unknown = JSON.parse,
): { ok: true; body: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, body: {} };
  try {
    return { ok: true, body: parse(raw) };
  } catch {
    return { ok: false };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new Error(`request body over ${MAX_BODY} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, payload: Record<string, unknown>): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
