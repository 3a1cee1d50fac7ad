import { afterEach, describe, expect, it } from 'vitest';
import { WechatError } from '../../../../src/cloud/wechat/errors.js';
import { WechatHttp } from '../../../../src/cloud/wechat/http.js';
import { TokenManager } from '../../../../src/cloud/wechat/token.js';
import { memoryTokenStore, startStub, tokenIssuer, type Stub } from './stub.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

function manager(baseUrl: string, clock: { t: number }, store = memoryTokenStore()) {
  return new TokenManager({
    http: new WechatHttp({ baseUrl }),
    appid: 'wxshop',
    secret: 's3cret',
    store,
    now: () => clock.t,
  });
}

describe('TokenManager', () => {
  it('fetches from stable_token in normal mode only, and caches', async () => {
    const issue = tokenIssuer();
    stub = await startStub((req) => issue(req) ?? { json: { errcode: 0 } });
    const clock = { t: 1_000_000 };
    const store = memoryTokenStore();
    const tokens = manager(stub.baseUrl, clock, store);
    expect(await tokens.get()).toBe('tok-1');
    expect(await tokens.get()).toBe('tok-1');
    expect(stub.calls).toHaveLength(1);
    const call = stub.calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/cgi-bin/stable_token');
    expect(call?.body).toEqual({
      grant_type: 'client_credential',
      appid: 'wxshop',
      secret: 's3cret',
      force_refresh: false,
    });
    expect(store.saved).toEqual([{ token: 'tok-1', expiresAt: 1_000_000 + 7_200_000 }]);
  });

  it('refreshes once less than 60 s of life is left', async () => {
    const issue = tokenIssuer();
    stub = await startStub((req) => issue(req) ?? {});
    const clock = { t: 0 };
    const tokens = manager(stub.baseUrl, clock);
    expect(await tokens.get()).toBe('tok-1');
    clock.t = 7_200_000 - 60_000;
    expect(await tokens.get()).toBe('tok-1');
    clock.t += 1;
    expect(await tokens.get()).toBe('tok-2');
    expect(stub.calls.every((c) => c.body?.['force_refresh'] === false)).toBe(true);
  });

  it('concurrent get() calls share one request', async () => {
    const issue = tokenIssuer();
    stub = await startStub((req) => ({ ...issue(req), delayMs: 50 }));
    const tokens = manager(stub.baseUrl, { t: 0 });
    const all = await Promise.all(Array.from({ length: 8 }, () => tokens.get()));
    expect(new Set(all)).toEqual(new Set(['tok-1']));
    expect(stub.calls).toHaveLength(1);
  });

  it('a restart reuses the stored token without a call', async () => {
    stub = await startStub(() => ({ json: { access_token: 'fresh', expires_in: 7200 } }));
    const store = memoryTokenStore({ token: 'persisted', expiresAt: 10_000_000 });
    const tokens = manager(stub.baseUrl, { t: 0 }, store);
    expect(await tokens.get()).toBe('persisted');
    expect(stub.calls).toHaveLength(0);
  });

  it('invalidate(token) makes the next get() fetch again — in normal mode, still never forced', async () => {
    const issue = tokenIssuer();
    stub = await startStub((req) => issue(req) ?? {});
    const store = memoryTokenStore({ token: 'old', expiresAt: 10_000_000 });
    const tokens = manager(stub.baseUrl, { t: 0 }, store);
    expect(await tokens.get()).toBe('old');
    tokens.invalidate('old');
    // The store still holds "old", but a rejected token is not handed out again.
    expect(await tokens.get()).toBe('tok-1');
    // A stale rejection of a token we no longer use does not drop the current one.
    tokens.invalidate('old');
    expect(await tokens.get()).toBe('tok-1');
    expect(stub.calls).toHaveLength(1);
    expect(stub.calls[0]?.body?.['force_refresh']).toBe(false);
  });

  it('40001 from stable_token is a configuration error (wrong secret), not a token refresh', async () => {
    stub = await startStub(() => ({
      json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest rid: r1' },
    }));
    const err = await manager(stub.baseUrl, { t: 0 })
      .get()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatError);
    expect(err).toMatchObject({ errcode: 40001, cls: 'config', rid: 'r1' });
    expect(stub.calls).toHaveLength(1);
  });

  it('a failed fetch is not cached: the next get() tries again', async () => {
    let n = 0;
    stub = await startStub(() =>
      ++n === 1
        ? { json: { errcode: -1, errmsg: 'system error' } }
        : { json: { access_token: 'ok', expires_in: 7200 } },
    );
    const tokens = manager(stub.baseUrl, { t: 0 });
    await expect(tokens.get()).rejects.toMatchObject({ errcode: -1, cls: 'transient' });
    expect(await tokens.get()).toBe('ok');
  });
});
