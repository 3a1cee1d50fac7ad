// Browser mode: the renderer served over HTTP and the core contract over one WebSocket (/ws).
// Bound to 127.0.0.1 unless configured. Who may connect is decided in ui-guard.ts (Host, Origin and a
// per-start session secret); each connection's queues are bounded so a client that never reads its
// answers (or floods requests) is cut off instead of growing the station's memory.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { CORE_EVENTS, toEnvelope, type RequestMessage, type ServerMessage } from '../../contract/api.js';
import type { StationCore } from '../../main/core/types.js';
import { hostAllowed, originAllowed, secretMatches, withSessionMeta } from './ui-guard.js';
import { registerMediaRoutes, type MediaSource } from './media-routes.js';
import { registerImageRoutes } from './image-routes.js';
import type { CatalogImageSource } from '../../main/sync/images.js';

export { originAllowed } from './ui-guard.js';

/** Bytes queued for one client before it counts as not reading (a full snapshot is ~100 KB). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Requests one client may have in flight; the UI has a handful at most. */
export const MAX_IN_FLIGHT = 64;

export interface BrowserServerOptions {
  core: StationCore;
  host: string;
  port: number;
  rendererDir: string;
  log?: (line: string) => void;
  /** The session secret; a fresh random one per start when absent (tests pass their own). */
  sessionSecret?: string;
  /** Packing-video files for the evidence screen (/video/…); absent: those paths are 404. */
  media?: MediaSource;
  /** Product photos fetched from the hub (/images/…); absent: those paths are 404. */
  images?: CatalogImageSource;
}

export interface BrowserServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function parseRequest(data: unknown): RequestMessage | null {
  try {
    const msg = JSON.parse(String(data)) as Partial<RequestMessage> | null;
    if (msg && msg.t === 'req' && typeof msg.id === 'number' && typeof msg.method === 'string')
      return msg as RequestMessage;
  } catch {
    // fall through
  }
  return null;
}

function serve(socket: WebSocket, core: StationCore, log?: (line: string) => void): void {
  let inFlight = 0;
  let cut = false;
  const cutOff = (why: string) => {
    if (cut) return;
    cut = true;
    log?.(`closed a UI connection: ${why}`);
    socket.terminate();
  };
  const send = (m: ServerMessage) => {
    if (cut || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      cutOff(`it stopped reading (${Math.round(socket.bufferedAmount / 1024)} KB unread)`);
      return;
    }
    socket.send(JSON.stringify(m));
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
    if (inFlight >= MAX_IN_FLIGHT) {
      cutOff(`more than ${MAX_IN_FLIGHT} requests in flight`);
      return;
    }
    inFlight++;
    core.dispatch(req.method, req.args).then(
      (result) => {
        inFlight--;
        send({ t: 'res', id: req.id, ok: true, result });
      },
      (err: unknown) => {
        inFlight--;
        send({ t: 'res', id: req.id, ok: false, error: toEnvelope(err) });
      },
    );
  });
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);
}

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const secret = opts.sessionSecret ?? randomBytes(24).toString('base64url');
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1 << 20 } });
  let boundPort = opts.port;
  const refuse = async (reply: FastifyReply, why: string, req: FastifyRequest) => {
    opts.log?.(`refused ${req.method} ${req.url.slice(0, 80)} from origin ${req.headers.origin ?? '-'}: ${why}`);
    await reply.code(403).send({ error: why });
  };
  // Every request, whatever its path: addressed to this desk by a local name.
  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(req.headers.host, opts.host, boundPort)) return refuse(reply, 'host not allowed', req);
    // The routed path (after the router decoded it) or an upgrade header marks a WebSocket attempt.
    const upgrade = req.headers.upgrade?.toLowerCase() === 'websocket';
    if (!upgrade && req.routeOptions.url !== '/ws') return;
    if (!originAllowed(req.headers.origin, opts.host, boundPort)) return refuse(reply, 'origin not allowed', req);
    const query = req.query as Record<string, unknown> | undefined;
    if (!secretMatches(query?.['session'], secret)) return refuse(reply, 'session secret missing or wrong', req);
  });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the socket is the one ws's server made
  app.get('/ws', { websocket: true }, (socket) => serve(socket, opts.core, opts.log));
  app.get('/healthz', async () => ({ ok: true }));
  if (opts.media) registerMediaRoutes(app, opts.media, secret);
  if (opts.images) registerImageRoutes(app, opts.images, secret);
  const indexFile = join(opts.rendererDir, 'index.html');
  if (existsSync(indexFile)) {
    const page = withSessionMeta(readFileSync(indexFile, 'utf8'), secret);
    const sendPage = async (_req: FastifyRequest, reply: FastifyReply) =>
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
    app.get('/', sendPage);
    app.get('/index.html', sendPage);
    await app.register(fastifyStatic, { root: opts.rendererDir, index: false });
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
