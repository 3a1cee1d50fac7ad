// The hub's doors: liveness for anyone, counts for the admin only; no route reads a body larger than
// it needs, and none reads a stranger's body at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { DEFAULT_BODY_LIMIT } from '../../../src/cloud/routes/limits.js';
import { startTestHub, type TestHub } from '../../helpers/hub.js';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub();
});
afterEach(async () => {
  await t.close();
});

/** POSTs `bytes` of JSON-ish body; resolves the status without waiting for the whole upload. */
function postBig(path: string, bytes: number, token: string | null): Promise<number> {
  const url = new URL(path, t.hub.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(bytes),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The hub may close the socket while we are still writing: that is the point.
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') return;
      reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

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
});
