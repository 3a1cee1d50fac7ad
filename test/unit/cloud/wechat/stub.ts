// A tiny WeChat stand-in per test: node:http on 127.0.0.1, one handler, every request recorded.
// Deliberately not src/demo/wechat-sandbox: these tests pin the client to the spec, not to a fake.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WechatApp } from '../../../../src/cloud/wechat/client.js';
import { ChannelsApi } from '../../../../src/cloud/wechat/channels.js';
import { WechatHttp, type CallLogEntry } from '../../../../src/cloud/wechat/http.js';
import { TokenManager, type StoredToken, type TokenStore } from '../../../../src/cloud/wechat/token.js';

export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  raw: string;
  /** JSON body (POST), or undefined. */
  body: Record<string, unknown> | undefined;
}

export interface StubReply {
  status?: number;
  /** Serialised with JSON.stringify. */
  json?: unknown;
  /** Sent verbatim (for big-integer literals and broken bodies). */
  text?: string;
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export interface Stub {
  baseUrl: string;
  calls: StubRequest[];
  close(): Promise<void>;
}

export async function startStub(handler: (req: StubRequest) => StubReply | Promise<StubReply>): Promise<Stub> {
  const calls: StubRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const call: StubRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          raw,
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined,
        };
        calls.push(call);
        const reply = await handler(call);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (reply.destroy) {
          req.socket.destroy();
          return;
        }
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, {
          'content-type': reply.text !== undefined ? 'text/plain' : 'application/json',
        });
        res.end(reply.text ?? JSON.stringify(reply.json ?? { errcode: 0, errmsg: 'ok' }));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function memoryTokenStore(initial?: StoredToken): TokenStore & { saved: StoredToken[] } {
  let current: StoredToken | null = initial ?? null;
  const saved: StoredToken[] = [];
  return {
    saved,
    load: () => current,
    save: (_appid, t) => {
      current = t;
      saved.push(t);
    },
  };
}

/** The full client stack against a stub: http → tokens → app → Channels API. */
export function stack(baseUrl: string, opts: { now?: () => number; timeoutMs?: number } = {}) {
  const logs: CallLogEntry[] = [];
  const now = opts.now ?? Date.now;
  const http = new WechatHttp({ baseUrl, timeoutMs: opts.timeoutMs ?? 2_000, log: (e) => logs.push(e), now });
  const store = memoryTokenStore();
  const tokens = new TokenManager({ http, appid: 'wxshop', secret: 's3cret', store, now });
  const app = new WechatApp({ http, tokens });
  const channels = new ChannelsApi({ app, now });
  return { http, tokens, store, app, channels, logs };
}

/** A stable_token reply handing out `tok-1`, `tok-2`, … — one new token per call. */
export function tokenIssuer(): (req: StubRequest) => StubReply | null {
  let n = 0;
  return (req) =>
    req.path === '/cgi-bin/stable_token' ? { json: { access_token: `tok-${++n}`, expires_in: 7200 } } : null;
}
