import { afterEach, describe, expect, it } from 'vitest';
import {
  parseRid,
  parseWechatJson,
  quoteBigIntegers,
  TransportError,
  WechatHttp,
  type CallLogEntry,
} from '../../../../src/cloud/wechat/http.js';
import { startStub, type Stub } from './stub.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('big integers never pass through a double', () => {
  it('keeps a 19-digit order_id exact in an order/get reply', async () => {
    stub = await startStub(() => ({
      text: '{"errcode":0,"errmsg":"ok","order":{"order_id":3705115058471208928,"status":20,"create_time":1700000000,"price":1999}}',
    }));
    const http = new WechatHttp({ baseUrl: stub.baseUrl });
    const reply = await http.post('/channels/ec/order/get', { order_id: '3705115058471208928' }, 'tok');
    const order = reply['order'] as Record<string, unknown>;
    expect(order['order_id']).toBe('3705115058471208928');
    // Ordinary numbers stay numbers.
    expect(order['status']).toBe(20);
    expect(order['create_time']).toBe(1700000000);
    expect(order['price']).toBe(1999);
  });

  it('quotes only bare integer literals of 16+ digits, never inside strings or fractions', () => {
    const text = String.raw`{"a":12345678901234567,"b":-98765432109876543210,"c":"x 3705115058471208928 \" 1234567890123456","d":1.2345678901234567,"e":1e25,"f":[1234567890123456,123456789012345],"g":0}`;
    const v = parseWechatJson(text) as Record<string, unknown>;
    expect(v['a']).toBe('12345678901234567');
    expect(v['b']).toBe('-98765432109876543210');
    expect(v['c']).toBe('x 3705115058471208928 " 1234567890123456');
    expect(v['d']).toBe(1.2345678901234567);
    expect(v['e']).toBe(1e25);
    expect(v['f']).toEqual(['1234567890123456', 123456789012345]);
    expect(v['g']).toBe(0);
    expect(quoteBigIntegers('{"x":1}')).toBe('{"x":1}');
  });
});

describe('requests', () => {
  it('posts JSON with the token in the query string and parses the reply', async () => {
    stub = await startStub(() => ({ json: { errcode: 0, errmsg: 'ok', value: 'v' } }));
    const http = new WechatHttp({ baseUrl: `${stub.baseUrl}/` });
    expect(await http.post('/channels/ec/order/list/get', { page_size: 10 }, 'a+b/c')).toMatchObject({ value: 'v' });
    const call = stub.calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.query.get('access_token')).toBe('a+b/c');
    expect(call?.body).toEqual({ page_size: 10 });
  });

  it('returns a failing errcode as data (classification is the caller’s job)', async () => {
    stub = await startStub(() => ({ json: { errcode: 100002, errmsg: 'order not exist rid: 6700-abc' } }));
    const http = new WechatHttp({ baseUrl: stub.baseUrl });
    expect(await http.post('/channels/ec/order/get', {}, 't')).toEqual({
      errcode: 100002,
      errmsg: 'order not exist rid: 6700-abc',
    });
  });
});

describe('transport errors', () => {
  async function failure(p: Promise<unknown>): Promise<TransportError> {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TransportError);
    return err as TransportError;
  }

  it('HTTP 5xx is retryable', async () => {
    stub = await startStub(() => ({ status: 502, text: 'Bad Gateway' }));
    const err = await failure(new WechatHttp({ baseUrl: stub.baseUrl }).post('/x', {}));
    expect(err).toMatchObject({ kind: 'http', httpStatus: 502, retryable: true, path: '/x' });
  });

  it('a timeout is retryable', async () => {
    stub = await startStub(() => ({ delayMs: 300, json: { errcode: 0 } }));
    const err = await failure(new WechatHttp({ baseUrl: stub.baseUrl, timeoutMs: 50 }).post('/slow', {}));
    expect(err).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('a dropped connection is retryable', async () => {
    stub = await startStub(() => ({ destroy: true }));
    const err = await failure(new WechatHttp({ baseUrl: stub.baseUrl }).post('/drop', {}));
    expect(err).toMatchObject({ kind: 'network', retryable: true });
  });

  it('a refused connection is retryable', async () => {
    const closed = await startStub(() => ({}));
    await closed.close();
    const err = await failure(new WechatHttp({ baseUrl: closed.baseUrl }).post('/x', {}));
    expect(err).toMatchObject({ kind: 'network', retryable: true });
  });

  it('a 4xx page without an errcode is not retryable; a 200 page that is not JSON is', async () => {
    stub = await startStub((req) =>
      req.path === '/missing' ? { status: 404, text: '<html>nope</html>' } : { text: '<html>gateway</html>' },
    );
    const http = new WechatHttp({ baseUrl: stub.baseUrl });
    expect(await failure(http.post('/missing', {}))).toMatchObject({ kind: 'http', httpStatus: 404, retryable: false });
    expect(await failure(http.post('/page', {}))).toMatchObject({ kind: 'bad_body', retryable: true });
  });
});

describe('call log (§7.9)', () => {
  it('records errcode, errmsg, rid and the request with secrets redacted, never the token', async () => {
    stub = await startStub((req) =>
      req.path === '/cgi-bin/stable_token'
        ? { json: { access_token: 'TOKEN', expires_in: 7200 } }
        : { json: { errcode: 109001, errmsg: 'order already shipped rid: 6512ab3c-1a2b3c4d-5e6f7a8b' } },
    );
    const logs: CallLogEntry[] = [];
    const http = new WechatHttp({ baseUrl: stub.baseUrl, log: (e) => logs.push(e), now: () => 1_700_000_000_000 });
    await http.post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: 'wxapp',
      secret: 'SECRET',
      force_refresh: false,
    });
    await http.post('/channels/ec/order/delivery/send', { order_id: '1', delivery_list: [] }, 'TOKEN');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({
      appid: 'wxapp',
      path: '/cgi-bin/stable_token',
      httpStatus: 200,
      errcode: null,
      rid: null,
      at: 1_700_000_000_000,
    });
    expect(logs[0]?.request).toEqual({
      grant_type: 'client_credential',
      appid: 'wxapp',
      secret: '***',
      force_refresh: false,
    });
    expect(logs[1]).toMatchObject({
      path: '/channels/ec/order/delivery/send',
      request: { order_id: '1', delivery_list: [] },
      httpStatus: 200,
      errcode: 109001,
      errmsg: 'order already shipped rid: 6512ab3c-1a2b3c4d-5e6f7a8b',
      rid: '6512ab3c-1a2b3c4d-5e6f7a8b',
    });
    expect(JSON.stringify(logs)).not.toContain('SECRET');
    expect(JSON.stringify(logs)).not.toContain('TOKEN');
    expect(logs.every((e) => typeof e.ms === 'number' && e.error === undefined)).toBe(true);
  });

  it('logs transport failures too, and GET queries redacted', async () => {
    stub = await startStub((req) =>
      req.method === 'GET' ? { json: { access_token: 'T', expires_in: 7200 } } : { status: 503, text: 'busy' },
    );
    const logs: CallLogEntry[] = [];
    const http = new WechatHttp({ baseUrl: stub.baseUrl, log: (e) => logs.push(e), appid: 'wxfixed' });
    await expect(http.post('/x', { a: 1 })).rejects.toBeInstanceOf(TransportError);
    await http.get('/cgi-bin/token', { grant_type: 'client_credential', appid: 'wxq', secret: 'S' });
    expect(logs[0]).toMatchObject({ appid: 'wxfixed', httpStatus: 503, error: 'HTTP 503 from /x' });
    expect(logs[1]).toMatchObject({
      path: '/cgi-bin/token',
      request: { grant_type: 'client_credential', appid: 'wxq', secret: '***' },
    });
    expect(stub.calls[1]?.query.get('secret')).toBe('S');
  });

  it('parses rid from errmsg', () => {
    expect(parseRid('invalid credential rid: 64f1a2b3-12ab34cd-5678ef90')).toBe('64f1a2b3-12ab34cd-5678ef90');
    expect(parseRid('ok')).toBeNull();
    expect(parseRid(null)).toBeNull();
  });
});
