import { afterEach, describe, expect, it } from 'vitest';
import { WechatError } from '../../../../src/cloud/wechat/errors.js';
import { TransportError } from '../../../../src/cloud/wechat/http.js';
import { stack, startStub, tokenIssuer, type Stub, type StubReply } from './stub.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const PATH = '/channels/ec/order/get';

/** Business replies in order; the stub issues tok-1, tok-2, … on stable_token. */
async function scripted(replies: StubReply[]) {
  const issue = tokenIssuer();
  let i = 0;
  stub = await startStub((req) => issue(req) ?? replies[i++] ?? { json: { errcode: 0 } });
  const s = stack(stub.baseUrl);
  const business = () => stub?.calls.filter((c) => c.path === PATH) ?? [];
  const tokenCalls = () => stub?.calls.filter((c) => c.path === '/cgi-bin/stable_token') ?? [];
  return { ...s, business, tokenCalls };
}

describe('WechatApp.call', () => {
  it('attaches the token and returns the reply on errcode 0', async () => {
    const s = await scripted([{ json: { errcode: 0, errmsg: 'ok', order: { order_id: '1' } } }]);
    expect(await s.app.call(PATH, { order_id: '1' })).toEqual({ errcode: 0, errmsg: 'ok', order: { order_id: '1' } });
    expect(s.business()[0]?.query.get('access_token')).toBe('tok-1');
  });

  for (const code of [40001, 42001, 40014, 41001]) {
    it(`on ${code} refreshes the token and retries exactly once`, async () => {
      const s = await scripted([
        { json: { errcode: code, errmsg: 'token' } },
        { json: { errcode: 0, errmsg: 'ok', v: 2 } },
      ]);
      expect(await s.app.call(PATH, { order_id: '1' })).toMatchObject({ v: 2 });
      expect(s.business().map((c) => c.query.get('access_token'))).toEqual(['tok-1', 'tok-2']);
      expect(s.business().map((c) => c.raw)).toEqual([s.business()[0]?.raw, s.business()[0]?.raw]);
      expect(s.tokenCalls().every((c) => c.body?.['force_refresh'] === false)).toBe(true);
    });
  }

  it('a second token failure throws WechatError cls "token" — no third try, no force_refresh', async () => {
    const s = await scripted([
      { json: { errcode: 40001, errmsg: 'invalid credential rid: a' } },
      { json: { errcode: 42001, errmsg: 'access_token expired rid: b' } },
    ]);
    const err = await s.app.call(PATH, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatError);
    expect(err).toMatchObject({ errcode: 42001, cls: 'token', rid: 'b' });
    expect(s.business()).toHaveLength(2);
    expect(s.tokenCalls()).toHaveLength(2);
    expect(s.tokenCalls().some((c) => c.body?.['force_refresh'] === true)).toBe(false);
  });

  it('other errcodes throw WechatError with their class, without retrying', async () => {
    const s = await scripted([{ json: { errcode: 100003, errmsg: 'order update too frequently' } }]);
    await expect(s.app.call(PATH, {})).rejects.toMatchObject({ errcode: 100003, cls: 'transient' });
    expect(s.business()).toHaveLength(1);
  });

  it('transport failures surface as TransportError', async () => {
    const s = await scripted([{ status: 500, text: 'oops' }]);
    await expect(s.app.call(PATH, {})).rejects.toBeInstanceOf(TransportError);
  });
});
