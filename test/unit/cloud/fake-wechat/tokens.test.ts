// Access-token rules, wechat-api.md §1.
import { describe, expect, it } from 'vitest';
import { CHANNELS, MINI, start } from './helpers.js';

const LIST = '/channels/ec/order/deliverycompanylist/new/get';

describe('stable_token (§1.2)', () => {
  it('normal mode hands every caller the same token; success has no errcode, like the real answer', async () => {
    const { post } = await start();
    const body = { grant_type: 'client_credential', appid: CHANNELS.appid, secret: CHANNELS.secret };
    const a = await post('/cgi-bin/stable_token', body);
    const b = await post('/cgi-bin/stable_token', { ...body, force_refresh: false });
    expect(a.status).toBe(200);
    expect(a.json['access_token']).toEqual(b.json['access_token']);
    expect(a.json['expires_in']).toBe(7200);
    expect(a.json).not.toHaveProperty('errcode');
    expect(String(a.json['access_token']).length).toBeGreaterThan(100);
  });

  it('force_refresh rotates the token for everyone and is counted', async () => {
    const { fake, post, token } = await start();
    const old = await token();
    const r = await post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: CHANNELS.appid,
      secret: CHANNELS.secret,
      force_refresh: true,
    });
    expect(r.json['access_token']).not.toBe(old);
    expect(fake.forceRefreshCount()).toBe(1);
    expect((await post(LIST, {}, old)).json['errcode']).toBe(40001);
    expect((await post(LIST, {}, String(r.json['access_token']))).json['errcode']).toBe(0);
    expect(await token()).toBe(r.json['access_token']);
    expect(fake.forceRefreshCount()).toBe(1);
  });

  it('answers credential errors with the §1.2 codes; GET is 43002', async () => {
    const { base, post } = await start();
    const ask = (b: object) =>
      post('/cgi-bin/stable_token', { grant_type: 'client_credential', ...b }).then((r) => r.json['errcode']);
    expect(await ask({ appid: 'wx_nope', secret: 'x' })).toBe(40013);
    expect(await ask({ appid: CHANNELS.appid, secret: 'wrong' })).toBe(40125);
    expect(await ask({ secret: 'x' })).toBe(41002);
    expect(await ask({ appid: CHANNELS.appid })).toBe(41004);
    expect(
      (await post('/cgi-bin/stable_token', { grant_type: 'password', appid: CHANNELS.appid, secret: CHANNELS.secret }))
        .json['errcode'],
    ).toBe(40002);
    const get = await fetch(
      `${base}/cgi-bin/stable_token?grant_type=client_credential&appid=${CHANNELS.appid}&secret=${CHANNELS.secret}`,
    );
    const json = (await get.json()) as Record<string, unknown>;
    expect(get.status).toBe(200);
    expect(json['errcode']).toBe(43002);
    expect(json['errmsg']).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('gives a new token after expiry, and renews in the last 5 minutes with the old one still working', async () => {
    const { clock, post, token } = await start();
    const first = await token();
    clock.t += 7200_000 - 200_000;
    const renewed = await token();
    expect(renewed).not.toBe(first);
    expect((await post(LIST, {}, first)).json['errcode']).toBe(0);
    clock.t += 200_000;
    expect((await post(LIST, {}, first)).json['errcode']).toBe(42001);
    expect((await post(LIST, {}, renewed)).json['errcode']).toBe(0);
  });
});

describe('/cgi-bin/token (§1.1)', () => {
  const cgi = async (base: string, secret = CHANNELS.secret) => {
    const res = await fetch(
      `${base}/cgi-bin/token?grant_type=client_credential&appid=${CHANNELS.appid}&secret=${secret}`,
    );
    return (await res.json()) as Record<string, unknown>;
  };

  it('rotates on every call: the previous token lives through the overlap, the one before dies at once', async () => {
    const { base, clock, post } = await start();
    const a = String((await cgi(base))['access_token']);
    const b = String((await cgi(base))['access_token']);
    expect(a).not.toBe(b);
    expect((await post(LIST, {}, a)).json['errcode']).toBe(0);
    const c = String((await cgi(base))['access_token']);
    expect((await post(LIST, {}, a)).json['errcode']).toBe(40001);
    expect((await post(LIST, {}, b)).json['errcode']).toBe(0);
    clock.t += 301_000;
    expect((await post(LIST, {}, b)).json['errcode']).toBe(40001);
    expect((await post(LIST, {}, c)).json['errcode']).toBe(0);
  });

  it('with no overlap a second fetch breaks the first caller immediately', async () => {
    const { base, post } = await start({ cgiTokenOverlapS: 0 });
    const a = String((await cgi(base))['access_token']);
    await cgi(base);
    const r = await post(LIST, {}, a);
    expect(r.json['errcode']).toBe(40001);
    expect(r.json['errmsg']).toMatch(/not latest rid: /);
  });

  it('a wrong secret is 40001 here (it means "bad secret" on this endpoint, §1.3)', async () => {
    const { base } = await start();
    expect((await cgi(base, 'wrong'))['errcode']).toBe(40001);
  });

  it('its tokens are separate from stable tokens (§1.2)', async () => {
    const { base, post, token } = await start({ cgiTokenOverlapS: 0 });
    const stable = await token();
    await cgi(base);
    await cgi(base);
    expect((await post(LIST, {}, stable)).json['errcode']).toBe(0);
  });
});

describe('business calls (§1.3)', () => {
  it('41001 without a token, 40001 for an unknown one, 42001 after expireTokens()', async () => {
    const { fake, post, token } = await start();
    expect((await post(LIST, {})).json['errcode']).toBe(41001);
    expect((await post(LIST, {}, 'not-a-token')).json['errcode']).toBe(40001);
    const t = await token();
    fake.expireTokens();
    expect((await post(LIST, {}, t)).json['errcode']).toBe(42001);
    const fresh = await token();
    expect(fresh).not.toBe(t);
    expect((await post(LIST, {}, fresh)).json['errcode']).toBe(0);
    expect(fake.forceRefreshCount()).toBe(0);
  });

  it('a mini-program token cannot call shop APIs (48001), business GET is 43002, bad JSON is 47001', async () => {
    const { base, post, token } = await start();
    expect((await post(LIST, {}, await token(MINI))).json['errcode']).toBe(48001);
    const t = await token();
    const get = await fetch(`${base}${LIST}?access_token=${t}`);
    expect(((await get.json()) as Record<string, unknown>)['errcode']).toBe(43002);
    const bad = await fetch(`${base}${LIST}?access_token=${t}`, { method: 'POST', body: '{"ewaybill_only":' });
    expect(((await bad.json()) as Record<string, unknown>)['errcode']).toBe(47001);
  });

  it('every answer carries a rid, success included; an unknown path is a loud 404', async () => {
    const { post, token } = await start();
    const ok = await post(LIST, {}, await token());
    expect(ok.json['errmsg']).toMatch(/^ok rid: /);
    expect((await post('/channels/ec/order/nope', {}, await token())).status).toBe(404);
  });
});
