// Order push events, wechat-api.md §2.8.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChannelsOrder } from '../../../../src/demo/wechat-sandbox/index.js';
import { PRODUCTS, T0S, start } from './helpers.js';

const ORDER_ID = '3705115058471208928';
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A receiver that records what it got and answers after `delayMs`. */
async function receiver(answer = 'success', delayMs = 0) {
  const got: { body: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ body, headers: req.headers });
      setTimeout(() => res.end(answer), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat/push`, got };
}

describe('pushEvent (§2.8)', () => {
  it('JSON: the envelope with order_id as a bare number that plain JSON.parse would round', async () => {
    const { fake } = await start();
    fake.addChannelsOrder(
      buildChannelsOrder({
        order_id: ORDER_ID,
        create_time: T0S - 60,
        openid: 'o_buyer_9',
        lines: [{ product: PRODUCTS[0]!, count: 1 }],
      }),
    );
    const rx = await receiver();
    const r = await fake.pushEvent(
      rx.url,
      { Event: 'channels_ec_order_pay', order_id: ORDER_ID, extra: { pay_time: T0S } },
      'json',
    );
    expect(r).toMatchObject({ status: 200, body: 'success' });
    expect(r.ms).toBeGreaterThanOrEqual(0);
    const raw = rx.got[0]!.body;
    expect(rx.got[0]!.headers['content-type']).toBe('application/json');
    expect(raw).toContain(`"order_id":${ORDER_ID}`);
    expect(raw).not.toContain(`"${ORDER_ID}"`);
    const naive = JSON.parse(raw) as { order_info: { order_id: number } };
    expect(String(naive.order_info.order_id)).not.toBe(ORDER_ID);
    expect(naive).toMatchObject({
      ToUserName: expect.stringMatching(/^gh_/),
      FromUserName: 'o_buyer_9',
      CreateTime: T0S,
      MsgType: 'event',
      Event: 'channels_ec_order_pay',
      order_info: { pay_time: T0S },
    });
  });

  it('XML: CDATA strings, bare numbers, order_info nested', async () => {
    const { fake } = await start();
    const rx = await receiver();
    await fake.pushEvent(
      rx.url,
      { Event: 'channels_ec_order_ext_info_update', order_id: ORDER_ID, extra: { type: 2 } },
      'xml',
    );
    const raw = rx.got[0]!.body;
    expect(rx.got[0]!.headers['content-type']).toBe('text/xml');
    expect(raw).toMatch(
      /^<xml><ToUserName><!\[CDATA\[gh_\w+\]\]><\/ToUserName><FromUserName><!\[CDATA\[o_fake_buyer\]\]><\/FromUserName>/,
    );
    expect(raw).toContain(
      `<CreateTime>${T0S}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[channels_ec_order_ext_info_update]]></Event>`,
    );
    expect(raw).toContain(`<order_info><order_id>${ORDER_ID}</order_id><type>2</type></order_info></xml>`);
    const parsed = new XMLParser({ parseTagValue: false }).parse(raw) as { xml: { order_info: { order_id: string } } };
    expect(parsed.xml.order_info.order_id).toBe(ORDER_ID);
  });

  it('reports the receiver status and body, and how long it took', async () => {
    const { fake } = await start();
    const rx = await receiver('fail', 80);
    const r = await fake.pushEvent(
      rx.url,
      { Event: 'channels_ec_order_cancel', order_id: ORDER_ID, extra: { cancel_type: 1 } },
      'json',
    );
    expect(r.body).toBe('fail');
    expect(r.ms).toBeGreaterThanOrEqual(70);
  });

  it('refuses an order id that is not a digit string', async () => {
    const { fake } = await start();
    await expect(
      fake.pushEvent('http://127.0.0.1:9/', { Event: 'channels_ec_order_new', order_id: '12a' }, 'json'),
    ).rejects.toThrow(TypeError);
  });
});
