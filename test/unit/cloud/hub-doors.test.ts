// The hub's doors: liveness for anyone, counts for the admin only; no route reads a body larger than
// it needs, and none reads a stranger's body at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from '../../../src/cloud/routes/limits.js';
import { startTestHub, type TestHub } from '../../helpers/hub.js';
import { postBigBody } from '../../helpers/big-body.js';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub();
});
afterEach(async () => {
  await t.close();
});

const postBig = (path: string, bytes: number, token: string | null) =>
  postBigBody(new URL(path, t.hub.url).href, bytes, token ? { authorization: `Bearer ${token}` } : {});

describe('hub doors', () => {
  it('answers /v1/health with liveness only without the admin token', async () => {
    const anon = await t.call<Record<string, unknown>>(null, 'GET', '/v1/health');
    expect(anon.status).toBe(200);
    expect(Object.keys(anon.body).sort()).toEqual(['ok', 'time']);
    const station = await t.call<Record<string, unknown>>(await t.addStation('A'), 'GET', '/v1/health');
    expect(Object.keys(station.body).sort()).toEqual(['ok', 'time']);
    const admin = await t.admin<Record<string, unknown>>('GET', '/v1/health');
    expect(admin.body).toMatchObject({ ok: true, orders: 0, events: 0 });
  });

  it('refuses a stranger before reading the body, and a station past the body limit', async () => {
    expect(await postBig('/v1/sync/events', 50 * 2 ** 20, null)).toBe(401);
    expect(await postBig('/v1/admin/products', 50 * 2 ** 20, null)).toBe(401);
    const token = await t.addStation('B');
    expect(await postBig('/v1/sync/events', DEFAULT_BODY_LIMIT + 1024, token)).toBe(413);
  });

  it('answers deep nesting and bad query parameters with 400 (never a retryable 500)', async () => {
    const token = await t.addStation('C');
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const push = (body: string) =>
      fetch(`${t.hub.url}/v1/sync/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
    for (const body of [deep, `{"events":${deep}}`]) expect((await push(body)).status).toBe(400);
    // An event with an id is answered by that id: rejected for good, so the station dead-letters it.
    const one = await push(`{"events":[{"id":"x","payload":${deep}}]}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { rejected: { id: string }[] }).rejected.map((r) => r.id)).toEqual(['x']);
    for (const q of [
      '/v1/sync/pull?cursor=abc',
      '/v1/sync/pull?cursor=1e400',
      '/v1/sync/pull?wait=-1',
      '/v1/sync/pull?cursor=1&cursor=2',
      '/v1/stats?from=abc',
      '/v1/stats?by=nope',
      '/v1/stats.csv?from=99999999999999999999',
    ]) {
      const res = await t.call<{ code: string; retryable: boolean }>(token, 'GET', q);
      expect([q, res.status, res.body.retryable]).toEqual([q, 400, false]);
    }
  });
});
