// HubClient: what each kind of failure becomes (it decides retry vs pause), timeouts on the injected
// clock, the request shapes.
import { describe, expect, it } from 'vitest';
import { HubClient, SyncError } from '../../../src/main/sync/http.js';
import { ManualClock } from '../../helpers/clock.js';
import { decodeFaults } from '../../../src/contract/sync.js';

type Call = { url: string; init: RequestInit };

function client(respond: (call: Call) => Promise<Response> | Response, url = 'http://hub.test/base/') {
  const calls: Call[] = [];
  const clock = new ManualClock();
  const fetchFn = ((input: string | URL | Request, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return Promise.resolve(respond(call));
  }) as typeof fetch;
  const c = new HubClient({
    url,
    token: 'tok-0123456789abcdef',
    clock,
    fetch: fetchFn,
    signal: new AbortController().signal,
  });
  return { c, calls, clock };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const hello = { stationId: 'T1', layout: null, serverTime: 1, apiVersion: 1 };

async function failure(p: Promise<unknown>): Promise<SyncError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SyncError) return err;
    throw err;
  }
  throw new Error('expected a SyncError');
}

describe('HubClient', () => {
  it('sends the bearer token to {url}/v1/... (a path prefix and trailing slash are fine)', async () => {
    const { c, calls } = client(() => json(200, hello));
    await c.hello('T1');
    expect(calls[0]?.url).toBe('http://hub.test/base/v1/sync/hello');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer tok-0123456789abcdef');
  });

  it('puts cursor, wait, limit, pool and poolTarget on the pull query', async () => {
    const empty = {
      cursor: 7,
      more: false,
      orders: [],
      products: [],
      packers: [],
      routing: null,
      waybills: [],
      exceptions: [],
      serverTime: 1,
    };
    const { c, calls } = client(() => json(200, empty));
    await c.pull({ cursor: 7, waitS: 25, limit: 1000, pool: { SF: 120, ZTO: 80 }, poolTarget: 200, report: null });
    const q = new URL(calls[0]!.url).searchParams;
    expect(Object.fromEntries(q)).toEqual({
      cursor: '7',
      wait: '25',
      limit: '1000',
      pool: 'SF:120,ZTO:80',
      poolTarget: '200',
    });
    await c.pull({ cursor: 7, waitS: 0, limit: 1000, pool: {}, poolTarget: 200, report: null });
    expect(new URL(calls[1]!.url).searchParams.has('pool')).toBe(false);
  });

  it('reports layout, queue depth, pending labels and device faults on the pull query', async () => {
    const empty = {
      cursor: 0,
      more: false,
      orders: [],
      products: [],
      packers: [],
      routing: null,
      waybills: [],
      exceptions: [],
      serverTime: 1,
    };
    const { c, calls } = client(() => json(200, empty));
    const faults = [
      { role: 'printer', state: 'error', detail: 'paper out: roll 2' },
      { role: 'scale', state: 'disconnected', detail: null },
    ];
    await c.pull({
      cursor: 0,
      waitS: 0,
      limit: 10,
      pool: {},
      poolTarget: 0,
      report: {
        layout: 'island',
        layoutSince: 1_764_000_000_000,
        queueDepth: 3,
        pendingLabels: 2,
        faults,
        deadLetters: 1,
      },
    });
    const q = new URL(calls[0]!.url).searchParams;
    expect([q.get('layout'), q.get('layoutSince'), q.get('queue'), q.get('pending'), q.get('dead')]).toEqual([
      'island',
      '1764000000000',
      '3',
      '2',
      '1',
    ]);
    // A ':' or ';' inside a detail cannot break the encoding; it becomes a space.
    expect(decodeFaults(q.get('faults')!)).toEqual([
      { role: 'printer', state: 'error', detail: 'paper out  roll 2' },
      { role: 'scale', state: 'disconnected', detail: null },
    ]);
  });

  it('classifies HTTP failures: 401/403 pause, 5xx/429 retry, other 4xx are refusals', async () => {
    const cases: [number, string, boolean][] = [
      [401, 'unauthorized', true],
      [403, 'unauthorized', true],
      [500, 'server', false],
      [503, 'server', false],
      [429, 'server', false],
      [408, 'timeout', false],
      [400, 'refused', false],
      [404, 'refused', false],
    ];
    for (const [status, reason, pauses] of cases) {
      const { c } = client(() => json(status, { code: 'x', message: 'why', retryable: false }));
      const e = await failure(c.hello('T1'));
      expect([e.reason, e.pauses, e.status]).toEqual([reason, pauses, status]);
      expect(e.message).toBe(`GET /v1/sync/hello: HTTP ${status} x: why`);
    }
  });

  it('names the network failure undici hides in `cause`', async () => {
    const { c } = client(() => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      });
    });
    const e = await failure(c.hello('T1'));
    expect(e.reason).toBe('network');
    expect(e.message).toBe('GET /v1/sync/hello: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('times out on the injected clock; a long-poll gets its wait on top', async () => {
    const hang = (call: Call) =>
      new Promise<Response>((_resolve, reject) =>
        call.init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const { c, clock } = client(hang);
    const pending = failure(c.pull({ cursor: 0, waitS: 25, limit: 1000, pool: {}, poolTarget: 0, report: null }));
    clock.advance(39_000);
    await Promise.resolve();
    clock.advance(1_000);
    const e = await pending;
    expect(e.reason).toBe('timeout');
    expect(e.message).toBe('GET /v1/sync/pull: no answer within 40 s');
  });

  it('rejects a body that breaks the contract, naming the field', async () => {
    const { c } = client(() => json(200, { cursor: -1, more: false }));
    const e = await failure(c.pull({ cursor: 0, waitS: 0, limit: 1, pool: {}, poolTarget: 0, report: null }));
    expect(e.reason).toBe('bad_response');
    expect(e.message).toMatch(/^pull: cursor /);
  });

  it('reads a 409 claim answer; an envelope instead still means refused', async () => {
    expect(await client(() => json(409, { ok: false, heldBy: 'T2' })).c.claim('O1', 'K1')).toEqual({
      ok: false,
      heldBy: 'T2',
    });
    expect(
      await client(() => json(409, { code: 'claimed', message: 'held', retryable: false })).c.claim('O1', 'K1'),
    ).toEqual({ ok: false, heldBy: null });
    const { c, calls } = client(() => json(200, { ok: true, heldBy: null }));
    expect(await c.claim('O1', 'K1')).toEqual({ ok: true, heldBy: null });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ orderId: 'O1', packId: 'K1' });
  });
});
