// Channels pushes are encrypted-only (wechat-api-2.md §10): the hub acts on a push only when its
// msg_signature verifies, it decrypts with the shop's EncodingAESKey and carries the shop's appid.
// Anything else is 401 with nothing stored and no WeChat call made.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { securePush, encryptPush } from '../../../src/demo/wechat-sandbox/push.js';
import { decryptPush } from '../../../src/cloud/wechat/push-crypto.js';
import { PUSH_BODY_LIMIT } from '../../../src/cloud/routes/wechat.js';
import { SHOP, SHOP_PUSH, startTestHub, until, type TestHub } from '../../helpers/hub.js';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub();
});
afterEach(async () => {
  await t.close();
});

const ORDER_ID = '3719523781241597952'; // above 2^53: must survive exactly
const cancelMessage = (orderId: string, cancelType = 1) =>
  `{"ToUserName":"gh_fakeshop0001","FromUserName":"o_buyer","CreateTime":1764000000,"MsgType":"event",` +
  `"Event":"channels_ec_order_cancel","order_info":{"order_id":${orderId},"cancel_type":${cancelType}}}`;
const sha1 = (parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const url = () => `${t.hub.url}/v1/wechat/events/shop1`;
const orderGets = () => t.fake.calls('/channels/ec/order/get').map((c) => (c.body as { order_id: string }).order_id);
const post = (query: string, body: string) =>
  fetch(`${url()}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/** A genuine push for another order, then wait until the hub re-read it: everything before it was handled. */
async function settle(): Promise<void> {
  const marker = '3719523781241500001';
  const ok = securePush({ ...SHOP_PUSH, appid: SHOP.appid }, cancelMessage(marker), 1764000000);
  expect((await post(ok.query, ok.body)).status).toBe(200);
  await until(orderGets, (ids) => ids.includes(marker), 10_000, 'the genuine push is acted on');
}

describe('WeChat push authentication', () => {
  it('decrypts what the sandbox encrypted, exactly (19-digit id, appid)', () => {
    const message = cancelMessage(ORDER_ID);
    const out = decryptPush(SHOP_PUSH.encodingAesKey, encryptPush({ ...SHOP_PUSH, appid: SHOP.appid }, message));
    expect(out).toEqual({ message, appid: SHOP.appid });
  });

  it('acts on a signed, encrypted push and answers "success"', async () => {
    const push = securePush({ ...SHOP_PUSH, appid: SHOP.appid }, cancelMessage(ORDER_ID), 1764000000);
    const res = await post(push.query, push.body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    await until(orderGets, (ids) => ids.includes(ORDER_ID), 10_000, 'order/get for the pushed order');
  });

  const forged: [string, () => { query: string; body: string }][] = [
    ['plaintext JSON without any signature', () => ({ query: '', body: cancelMessage(ORDER_ID) })],
    [
      'plaintext JSON with a valid URL signature but no msg_signature',
      () => ({
        query: `timestamp=1&nonce=n&signature=${sha1([SHOP_PUSH.token, '1', 'n'])}`,
        body: cancelMessage(ORDER_ID),
      }),
    ],
    [
      'an encrypted push with a wrong msg_signature',
      () => {
        const p = securePush({ ...SHOP_PUSH, appid: SHOP.appid }, cancelMessage(ORDER_ID), 1764000000);
        return { query: p.query.replace(/msg_signature=[0-9a-f]{8}/, 'msg_signature=00000000'), body: p.body };
      },
    ],
    [
      'a push encrypted for another appid',
      () => securePush({ ...SHOP_PUSH, appid: 'wx-someone-else' }, cancelMessage(ORDER_ID), 1764000000),
    ],
    [
      'a push signed with the token but encrypted with another key',
      () =>
        securePush(
          { token: SHOP_PUSH.token, encodingAesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut', appid: SHOP.appid },
          cancelMessage(ORDER_ID),
          1764000000,
        ),
    ],
  ];

  it.each(forged)('refuses %s with 401, stores nothing and calls no WeChat API', async (_what, make) => {
    const { query, body } = make();
    const res = await post(query, body);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('unauthorized');
    await settle();
    expect(orderGets()).not.toContain(ORDER_ID);
    // Had it been stored as seen, the same event signed properly would be dropped as a duplicate.
    const genuine = securePush({ ...SHOP_PUSH, appid: SHOP.appid }, cancelMessage(ORDER_ID), 1764000000);
    expect((await post(genuine.query, genuine.body)).status).toBe(200);
    await until(orderGets, (ids) => ids.includes(ORDER_ID), 10_000, 'the genuine push is not taken for a duplicate');
  });

  it('refuses an oversize body before reading it as a push', async () => {
    const res = await post('', JSON.stringify({ Encrypt: 'x'.repeat(PUSH_BODY_LIMIT + 1) }));
    expect(res.status).toBe(413);
  });

  it('echoes the URL check only when its signature verifies', async () => {
    const ok = await fetch(`${url()}?timestamp=1&nonce=n&echostr=hello&signature=${sha1([SHOP_PUSH.token, '1', 'n'])}`);
    expect(await ok.text()).toBe('hello');
    const bad = await fetch(`${url()}?timestamp=1&nonce=n&echostr=hello&signature=${'0'.repeat(40)}`);
    expect(bad.status).toBe(401);
  });
});
