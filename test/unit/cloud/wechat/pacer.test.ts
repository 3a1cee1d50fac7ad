// The hub's per-API pacing (src/cloud/wechat/pacer.ts): calls of a paced API never start faster than
// the limit over any span of its window, an unpaced API never waits, a 45011 is sent again after
// the window and a 45009 stops the API until midnight.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Pacer } from '../../../../src/cloud/wechat/pacer.js';
import { WechatApp, WechatError, WechatHttp } from '../../../../src/cloud/wechat/index.js';

describe('Pacer', () => {
  it('keeps every span of the window under the limit, and serves waiters in order', async () => {
    const pacer = new Pacer({ '/api': { calls: 20, perS: 1 } });
    const starts: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 45 }, async (_, i) => {
        await pacer.take('/api');
        starts.push(performance.now());
        order.push(i);
      }),
    );
    expect(order).toEqual(Array.from({ length: 45 }, (_, i) => i));
    for (const s of starts) expect(starts.filter((t) => t >= s && t < s + 1000).length).toBeLessThan(20);
  });

  it('lets an API without a limit through at once', async () => {
    const pacer = new Pacer({ '/api': { calls: 1, perS: 3600 } });
    await pacer.take('/api');
    await Promise.all(Array.from({ length: 100 }, () => pacer.take('/other')));
    expect(pacer.paces('/other')).toBe(false);
  });
});

describe('WechatApp with a paced API', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((r) => server?.close(r));
    server = null;
  });

  async function wechat(answers: number[]): Promise<{ app: WechatApp; calls: () => number }> {
    let calls = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const errcode = answers[calls] ?? 0;
        calls++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errcode, errmsg: errcode === 0 ? 'ok' : 'limited rid: r1' }));
      });
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const http = new WechatHttp({
      baseUrl: `http://127.0.0.1:${port}`,
      pacer: new Pacer({ '/api': { calls: 10, perS: 1 } }),
    });
    const app = new WechatApp({ http, tokens: { get: () => Promise.resolve('tok'), invalidate: () => undefined } });
    return { app, calls: () => calls };
  }

  it('sends a call that met 45011 again once the window passed', async () => {
    const { app, calls } = await wechat([45011, 0]);
    await expect(app.call('/api', {})).resolves.toMatchObject({ errcode: 0 });
    expect(calls()).toBe(2);
  });

  it('after 45009 fails the API at once without calling WeChat', async () => {
    const { app, calls } = await wechat([45009]);
    await expect(app.call('/api', {})).rejects.toMatchObject({ errcode: 45009, cls: 'quota' });
    const again = await app.call('/api', {}).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WechatError);
    expect(calls()).toBe(1);
  });
});
