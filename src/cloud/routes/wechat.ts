// WeChat message push (wechat-api.md §2.8, wechat-api-2.md §10). Channels pushes arrive only as
// AES-encrypted JSON: the hub verifies msg_signature in constant time, decrypts, checks the appid,
// and only then looks at the event. Anything unsigned, forged or for another app is 401: nothing is
// stored and no WeChat call is made. A genuine push is answered "success" at once (WeChat retries
// after 5 s), de-duplicated (delivery is at-least-once), and treated as a hint: the order is re-read
// with order/get.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parsePushEvent, pushDedupeKey, type PushEvent } from '../wechat/push.js';
import { decryptPush, PushAuthError, signatureMatches, wechatSignature } from '../wechat/push-crypto.js';
import { resolveSecret, type HubConfig } from '../config.js';
import type { HubContext } from '../context.js';
import { fail } from './errors.js';
import { parsePathPush, type PathPush } from '../tracking/wechat-path.js';
import { recordPathPush } from '../tracking/wechat-push.js';

const AFTERSALE_EVENT = 'channels_ec_aftersale_update';

/**
 * channels_ec_aftersale_update carries after_sale_order_id (wechat-api-2.md §6): the case is read
 * with getaftersaleorder and filed for the packing station. A complaint_id, where a push carries
 * one (UNCONFIRMED), is kept for the complaint proof.
 */
function noteAfterSale(ctx: HubContext, shopId: string, event: PushEvent): void {
  const afterSaleOrderId = event.extra['after_sale_order_id'];
  if (!afterSaleOrderId) {
    ctx.log('after-sale push without after_sale_order_id', { shopId, orderId: event.orderId });
    return;
  }
  ctx.afterSale(shopId, { afterSaleOrderId, complaintId: event.extra['complaint_id'] ?? null, force: true });
}

/** A push is a few hundred bytes; nothing bigger is read before it is authenticated. */
export const PUSH_BODY_LIMIT = 64 * 1024;

type Shop = HubConfig['wechat']['shops'][number];
type Query = Record<string, string | undefined>;

export function wechatRoutes(root: FastifyInstance, ctx: HubContext): void {
  root.register(async (app) => scope(app, ctx));
}

/** The decrypted message, or why the push is refused. */
function authenticate(shop: Shop, q: Query, raw: string): { message: string } | string {
  if (!shop.pushToken || !shop.encodingAesKey)
    return 'message push is not configured for this shop (pushToken and encodingAesKey)';
  let envelope: unknown;
  try {
    envelope = JSON.parse(raw);
  } catch {
    return 'expected the encrypted JSON envelope {"ToUserName","Encrypt"}';
  }
  const encrypt = (envelope as { Encrypt?: unknown } | null)?.Encrypt;
  if (typeof encrypt !== 'string' || encrypt === '') return 'the push has no Encrypt field (plaintext is not accepted)';
  const expected = wechatSignature([resolveSecret(shop.pushToken), q.timestamp ?? '', q.nonce ?? '', encrypt]);
  if (!signatureMatches(expected, q.msg_signature)) return 'msg_signature is missing or wrong';
  try {
    const { message, appid } = decryptPush(resolveSecret(shop.encodingAesKey), encrypt);
    if (appid !== shop.appid) return `the push is for appid ${appid.slice(0, 40)}, not this shop`;
    return { message };
  } catch (err) {
    if (err instanceof PushAuthError) return err.message;
    throw err;
  }
}

async function scope(app: FastifyInstance, ctx: HubContext): Promise<void> {
  // Order ids in pushed JSON are numbers above 2^53: the body must reach the parser as text, never
  // through JSON.parse of the decrypted message (which would round them).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const shop = (id: string) => ctx.config.wechat.shops.find((s) => s.id === id);
  const refuse = (req: FastifyRequest, reply: FastifyReply, shopId: string, why: string) => {
    ctx.log('push refused', { shopId, from: req.ip, why });
    return fail(reply, 401, 'unauthorized', why);
  };

  // The shop backend verifies the URL once with a signed echo (signature = sha1 of the sorted
  // token, timestamp and nonce) before it starts pushing.
  app.get('/v1/wechat/events/:shopId', async (req, reply) => {
    const shopId = (req.params as { shopId: string }).shopId;
    const s = shop(shopId);
    const q = req.query as Query;
    if (!s) return fail(reply, 404, 'not_found', 'no such shop');
    if (!s.pushToken) return refuse(req, reply, shopId, 'message push is not configured for this shop (pushToken)');
    const expected = wechatSignature([resolveSecret(s.pushToken), q.timestamp ?? '', q.nonce ?? '']);
    if (!signatureMatches(expected, q.signature)) return refuse(req, reply, shopId, 'signature is missing or wrong');
    return reply.type('text/plain').send(q.echostr ?? '');
  });

  app.post('/v1/wechat/events/:shopId', { bodyLimit: PUSH_BODY_LIMIT }, async (req, reply) => {
    const shopId = (req.params as { shopId: string }).shopId;
    const s = shop(shopId);
    if (!s) return fail(reply, 404, 'not_found', `no shop ${shopId} in the hub config`);
    const raw = typeof req.body === 'string' ? req.body : '';
    const authentic = authenticate(s, req.query as Query, raw);
    if (typeof authentic === 'string') return refuse(req, reply, shopId, authentic);
    // A trace step of a WeChat e-waybill (wechat-api-2.md §3.1) goes to tracking, not to the order re-fetch.
    let path: PathPush | null;
    try {
      path = parsePathPush(authentic.message);
    } catch (err) {
      ctx.log('path push not understood', { shopId, error: err instanceof Error ? err.message : String(err) });
      return reply.type('text/plain').send('success');
    }
    if (path) {
      const step = path;
      await ctx.store.tx((t) => recordPathPush(t, ctx.config, step, ctx.now()));
      return reply.type('text/plain').send('success');
    }
    let event: PushEvent;
    try {
      event = parsePushEvent('application/json', authentic.message);
    } catch (err) {
      ctx.log('push event not understood', { shopId, error: err instanceof Error ? err.message : String(err) });
      // Still "success": WeChat would retry a malformed push ten times to no purpose.
      return reply.type('text/plain').send('success');
    }
    const fresh = await ctx.store.tx((t) => t.wechat.firstSeen(`${shopId}:${pushDedupeKey(event)}`, ctx.now()));
    if (fresh) ctx.refetchOrder(shopId, event.orderId);
    if (fresh && event.event === AFTERSALE_EVENT) noteAfterSale(ctx, shopId, event);
    return reply.type('text/plain').send('success');
  });
}
