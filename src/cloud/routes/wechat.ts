// WeChat message push (spec §2.8): answer "success" at once (WeChat retries after 5 s), de-duplicate
// (delivery is at-least-once), and treat the event as a hint: the order is re-fetched with order/get.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parsePushEvent, pushDedupeKey } from '../wechat/push.js';
import { resolveSecret } from '../config.js';
import type { HubContext } from '../context.js';
import { fail } from './errors.js';

export function wechatRoutes(root: FastifyInstance, ctx: HubContext): void {
  root.register(async (app) => scope(app, ctx));
}

async function scope(app: FastifyInstance, ctx: HubContext): Promise<void> {
  // Order ids in pushed JSON are numbers above 2^53: the body must reach the parser as text, never
  // through JSON.parse (which would round them).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const shop = (id: string) => ctx.config.wechat.shops.find((s) => s.id === id);

  // The shop backend verifies the URL once with a signed echo (signature = sha1 of the sorted
  // token, timestamp and nonce) before it starts pushing.
  app.get('/v1/wechat/events/:shopId', async (req, reply) => {
    const s = shop((req.params as { shopId: string }).shopId);
    const q = req.query as Record<string, string | undefined>;
    if (!s) return fail(reply, 404, 'not_found', 'no such shop');
    if (s.pushToken) {
      const expected = createHash('sha1')
        .update([resolveSecret(s.pushToken), q.timestamp ?? '', q.nonce ?? ''].sort().join(''))
        .digest('hex');
      if (expected !== q.signature) return fail(reply, 401, 'unauthorized', 'bad signature');
    }
    return reply.type('text/plain').send(q.echostr ?? '');
  });

  app.post('/v1/wechat/events/:shopId', async (req, reply) => {
    const shopId = (req.params as { shopId: string }).shopId;
    if (!shop(shopId)) return fail(reply, 404, 'not_found', `no shop ${shopId} in the hub config`);
    const raw = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {});
    let event;
    try {
      event = parsePushEvent(String(req.headers['content-type'] ?? ''), raw);
    } catch (err) {
      ctx.log('push event not understood', { shopId, error: err instanceof Error ? err.message : String(err) });
      // Still "success": WeChat would retry a malformed push ten times to no purpose.
      return reply.type('text/plain').send('success');
    }
    const fresh = await ctx.store.tx((t) => t.wechat.firstSeen(`${shopId}:${pushDedupeKey(event)}`, ctx.now()));
    if (fresh) ctx.refetchOrder(shopId, event.orderId);
    return reply.type('text/plain').send('success');
  });
}
