// The hub's composition root: store, HTTP API (fastify), and the WeChat workers (order pull and
// shipment report-back), wired explicitly. `startHub` is what `packdesk cloud` and the tests run.
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { HubConfig } from './config.js';
import type { HubContext } from './context.js';
import { FeedNotifier } from './notifier.js';
import { openHubStore } from './store/open.js';
import type { HubStore } from './store/types.js';
import { syncRoutes } from './routes/sync.js';
import { adminRoutes } from './routes/admin.js';
import { wechatRoutes } from './routes/wechat.js';
import { statsRoutes } from './routes/stats.js';
import { videoRoutes } from './routes/video.js';
import { disputeRoutes } from './routes/disputes.js';
import { stockLedgerRoutes } from './routes/stock-ledger.js';
import { stockPublishRoutes } from './routes/stock-publish.js';
import { handoverRoutes } from './routes/handover.js';
import { trackingRoutes } from './routes/tracking.js';
import { outboundStatsRoutes } from './routes/stats-outbound.js';
import { fail } from './routes/errors.js';
import { DEFAULT_BODY_LIMIT, SOCKET_TIMEOUTS, type SocketTimeouts } from './routes/limits.js';
import { checkSecrets } from './config.js';
import { adminCheck } from './station-auth.js';
import { seedRouting } from './services/routing.js';
import { startWorkers, type Workers } from './workers/index.js';
import { ensureCells } from './services/stats-rebuild.js';
import { foldSettings } from './services/stats-fold.js';
import { quotaView } from './services/quota.js';
import { LeaseKeeper } from './workers/lease.js';
import { StatsCellCache } from './services/stats-cell-cache.js';
import { checkInstanceId, noteInstance } from './workers/dead-instances.js';
import { randomUUID } from 'node:crypto';

/** How long a stopping hub lets requests in flight finish before it cuts the connections. */
const CLOSE_GRACE_MS = 2000;

export interface HubOptions {
  config: HubConfig;
  dataDir: string;
  port?: number;
  now?: () => number;
  /** Structured log lines (JSON); default pino to stdout. */
  logger?: pino.Logger;
  /** Socket timeouts other than the defaults (routes/limits.ts); for tests. */
  timeouts?: Partial<SocketTimeouts>;
  /** This process among the hub instances sharing one store; default random per start. */
  instanceId?: string;
}

export interface RunningHub {
  url: string;
  port: number;
  store: HubStore;
  ctx: HubContext;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startHub(opts: HubOptions): Promise<RunningHub> {
  checkSecrets(opts.config);
  mkdirSync(opts.dataDir, { recursive: true });
  const instanceId = opts.instanceId ?? randomUUID();
  checkInstanceId(instanceId);
  const logger = opts.logger ?? pino({ base: { service: 'packdesk-hub', instanceId } });
  const store = await openHubStore(opts.config, opts.dataDir, {
    instanceId,
    warn: (line, fields) => logger.warn(fields ?? {}, line),
  });
  const notifier = new FeedNotifier();
  store.onFeed(() => notifier.notify());
  const now = opts.now ?? Date.now;
  let workers: Workers | null = null;
  const leases = new LeaseKeeper({
    store,
    instanceId,
    now,
    ttlMs: opts.config.hub.leaseTtlMs,
    log: (line, fields) => logger.info(fields ?? {}, line),
    warn: (line, fields) => logger.warn(fields ?? {}, line),
  });
  const ctx: HubContext = {
    config: opts.config,
    store,
    notifier,
    now,
    instanceId,
    leases,
    statsCache: new StatsCellCache(),
    log: (line, fields) => logger.info(fields ?? {}, line),
    warn: (line, fields) => logger.warn(fields ?? {}, line),
    carriers: async () => Object.keys((await seedRouting(ctx)).carrierNames),
    wakeReporter: () => workers?.wakeReporter(),
    refetchOrder: (shopId, orderId) => workers?.refetchOrder(shopId, orderId),
    afterSale: (shopId, hint) => workers?.afterSale(shopId, hint),
    proofConfirmed: () => workers?.proofConfirmed(),
    stockChanged: (skus) => workers?.stockChanged(skus),
    sweepOrders: async (shopId) => (workers ? workers.sweep(shopId) : []),
  };
  // After each commit that booked stock movements (never for a rolled-back one).
  store.onStock((skus) => ctx.stockChanged(skus));
  await seedRouting(ctx);

  // Bodies are read only after a route's onRequest authentication; even so, no route takes more than
  // it needs (a push batch of 500 events is well under 4 MB). CSV imports raise it on their route.
  // Idle sockets are closed: between requests (keep-alive), before a first request, mid-headers.
  const timeouts = { ...SOCKET_TIMEOUTS, ...opts.timeouts };
  const app = Fastify({
    logger: false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.idleMs,
    http: { connectionsCheckingInterval: timeouts.checkEveryMs },
  });
  app.server.headersTimeout = Math.min(timeouts.headersMs, timeouts.requestMs);
  // WeChat pushes XML as text/xml; keep the raw text for the push parser.
  app.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status < 500) return fail(reply, status, 'bad_request', err.message);
    logger.error({ err }, 'request failed');
    return fail(reply, 500, 'internal', 'internal error (see the hub log)');
  });
  // Liveness for anyone (load balancers, monitors); the counts only for the admin token.
  const isAdmin = adminCheck(opts.config);
  app.get('/v1/health', async (req) => {
    if (!isAdmin?.(req.headers.authorization)) return { ok: true, time: now() };
    const [orders, events, shipments] = await store.tx(
      async (t) => [await t.orders.count(), await t.events.count(), await t.shipments.counts()] as const,
    );
    // The push queue is this instance's own: a sale's backlog behind the rate limit shows here.
    const wechat = { ...(await quotaView(ctx)), pushQueue: workers?.pushQueue() ?? {} };
    const instance = { id: instanceId, leases: leases.holding() };
    return { ok: true, orders, events, shipments, waitingPulls: notifier.waiting(), wechat, instance, time: now() };
  });
  syncRoutes(app, ctx);
  adminRoutes(app, ctx);
  wechatRoutes(app, ctx);
  statsRoutes(app, ctx);
  videoRoutes(app, ctx, join(opts.dataDir, 'video'));
  disputeRoutes(app, ctx);
  stockLedgerRoutes(app, ctx);
  stockPublishRoutes(app, ctx);
  handoverRoutes(app, ctx);
  trackingRoutes(app, ctx);
  outboundStatsRoutes(app, ctx);

  // Statistics cells made with other settings (or none yet, after an upgrade): fold the log again
  // before the first request, so every answer comes from cells that match the configuration.
  await ensureCells(store, foldSettings(opts.config), (line) => ctx.log('stats cells rebuild', { progress: line }));
  await app.listen({ host: opts.config.hub.host, port: opts.port ?? opts.config.hub.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? opts.config.hub.port);
  // Leases a killed earlier run on this host still holds are freed now, not after hub.leaseTtlMs.
  const note = await noteInstance(store, opts.dataDir, instanceId);
  for (const dead of note.freed) ctx.log('leases of a stopped instance freed', dead);
  workers = startWorkers(ctx);
  ctx.log('hub started', {
    port,
    shops: opts.config.wechat.shops.length,
    miniPrograms: opts.config.wechat.miniPrograms.length,
  });
  return {
    url: `http://${opts.config.hub.host === '0.0.0.0' ? '127.0.0.1' : opts.config.hub.host}:${port}`,
    port,
    store,
    ctx,
    app,
    async close() {
      await workers.stop();
      await leases.close();
      note.forget();
      // Stop taking requests (new ones get 503), release the long-polls, and give requests in
      // flight a moment. A keep-alive socket that goes idle after close() began would otherwise
      // hold the process for the whole keep-alive timeout (65 s): cut what is left.
      const closing = app.close();
      notifier.close();
      const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      await closing;
      clearTimeout(cut);
      await store.close();
    },
  };
}
