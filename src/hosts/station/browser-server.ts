// Browser mode: the renderer served over HTTP and the core contract over one WebSocket (/ws).
// Bound to 127.0.0.1 unless configured. Any web page the packer opens could try to reach a localhost
// socket, so upgrades from a foreign Origin are refused.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { existsSync } from 'node:fs';
import type { WebSocket } from 'ws';
import { CORE_EVENTS, toEnvelope, type RequestMessage, type ServerMessage } from '../../contract/api.js';
import type { StationCore } from '../../main/core/types.js';

export interface BrowserServerOptions {
  core: StationCore;
  host: string;
  port: number;
  rendererDir: string;
  log?: (line: string) => void;
}

export interface BrowserServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Same-origin pages only; clients without an Origin header (tests, tools) are not browsers. */
export function originAllowed(origin: string | undefined, host: string, port: number): boolean {
  if (!origin) return true;
  try {
    const u = new URL(origin);
    const localNames = ['127.0.0.1', 'localhost', '[::1]', host];
    return u.protocol === 'http:' && localNames.includes(u.hostname) && Number(u.port || 80) === port;
  } catch {
    return false;
  }
}

function parseRequest(data: unknown): RequestMessage | null {
  try {
    const msg = JSON.parse(String(data)) as Partial<RequestMessage>;
    if (msg && msg.t === 'req' && typeof msg.id === 'number' && typeof msg.method === 'string')
      return msg as RequestMessage;
  } catch {
    // fall through
  }
  return null;
}

function serve(socket: WebSocket, core: StationCore): void {
  const send = (m: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
  };
  const unsubscribe = core.subscribe((event, payload) => {
    if ((CORE_EVENTS as readonly string[]).includes(event)) send({ t: 'evt', event, payload });
  });
  socket.on('message', (data) => {
    const req = parseRequest(data);
    if (!req) {
      send({
        t: 'res',
        id: -1,
        ok: false,
        error: {
          code: 'bad_request',
          message: 'expected {"t":"req","id":<number>,"method":<string>,"args":…}',
          retryable: false,
        },
      });
      return;
    }
    core.dispatch(req.method, req.args).then(
      (result) => send({ t: 'res', id: req.id, ok: true, result }),
      (err: unknown) => send({ t: 'res', id: req.id, ok: false, error: toEnvelope(err) }),
    );
  });
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);
}

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1 << 20 } });
  let boundPort = opts.port;
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      if (req.url.startsWith('/ws') && !originAllowed(req.headers.origin, opts.host, boundPort)) {
        opts.log?.(`refused WebSocket from origin ${req.headers.origin ?? '?'}`);
        await reply.code(403).send({ error: 'origin not allowed' });
      }
    });
    scope.get('/ws', { websocket: true }, (socket) => serve(socket, opts.core));
  });
  app.get('/healthz', async () => ({ ok: true }));
  if (existsSync(opts.rendererDir)) {
    await app.register(fastifyStatic, { root: opts.rendererDir, index: 'index.html' });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .code(503)
        .type('text/plain')
        .send(`The UI is not built (${opts.rendererDir} is missing). Run: npm run build`),
    );
  }
  await app.listen({ host: opts.host, port: opts.port });
  const address = app.server.address();
  boundPort = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    url: `http://${shownHost}:${boundPort}/`,
    port: boundPort,
    close: () => app.close(),
  };
}
