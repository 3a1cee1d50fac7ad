// A station with several hub instances (config hub.urls): which failures move it to the next one,
// that it stays on one that works, and that its status names the hub it talks to.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { stationConfigSchema } from '../../../src/main/config/schema.js';
import { HubUrls } from '../../../src/main/sync/hub-urls.js';
import { HubClient, SyncError } from '../../../src/main/sync/http.js';
import { ManualClock } from '../../helpers/clock.js';
import { makeRig, waitFor, type SyncRig } from './harness.js';
import { HUB_TOKEN } from './fake-hub.js';

const TOKEN = 'tok-0123456789abcdef';
const hello = { stationId: 'T1', layout: null, serverTime: 1, apiVersion: 1 };

describe('HubUrls', () => {
  it('moves to the next URL on a failure, wraps around, and ignores a failure of one it already left', () => {
    const moves: string[] = [];
    const hubs = new HubUrls(['http://a', 'http://b', 'http://c'], (from, to) => moves.push(`${from}>${to}`));
    expect(hubs.current).toBe('http://a');
    hubs.failed('http://a', 'refused');
    // A pull and a push that both failed on a: one move, not two.
    hubs.failed('http://a', 'refused');
    expect(hubs.current).toBe('http://b');
    hubs.failed('http://b', 'timeout');
    hubs.failed('http://c', '503');
    expect(hubs.current).toBe('http://a');
    expect(moves).toEqual(['http://a>http://b', 'http://b>http://c', 'http://c>http://a']);
  });

  it('stays on a single hub, and refuses an empty list', () => {
    const hubs = new HubUrls(['http://only']);
    hubs.failed('http://only', 'refused');
    expect(hubs.current).toBe('http://only');
    expect(() => new HubUrls([])).toThrow('hub.urls: expected at least one hub URL');
  });
});

describe('HubClient over several hubs', () => {
  /** `answer` per hub URL: a Response, or 'down' for a refused connection. */
  function rig(answer: (hub: string) => Response | 'down', opts: { aborted?: boolean } = {}) {
    const calls: string[] = [];
    const fetchFn = ((input: string | URL | Request) => {
      const url = new URL(String(input));
      calls.push(url.origin);
      const a = answer(url.origin);
      if (a === 'down') return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
      return Promise.resolve(a);
    }) as typeof fetch;
    const session = new AbortController();
    if (opts.aborted) session.abort();
    const hubs = new HubUrls(['http://a.test', 'http://b.test']);
    const client = new HubClient({
      url: hubs,
      token: TOKEN,
      clock: new ManualClock(),
      fetch: fetchFn,
      signal: session.signal,
    });
    return { client, hubs, calls };
  }
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

  it('after a refused connection the next request goes to the next hub, and stays there while it answers', async () => {
    const r = rig((hub) => (hub === 'http://a.test' ? 'down' : json(200, hello)));
    await expect(r.client.hello('T1')).rejects.toMatchObject({ reason: 'network' });
    expect(r.hubs.current).toBe('http://b.test');
    await r.client.hello('T1');
    await r.client.hello('T1');
    expect(r.calls).toEqual(['http://a.test', 'http://b.test', 'http://b.test']);
  });

  it('moves on after a 5xx, but not after a 429, a refused token or a refused request', async () => {
    let status = 429;
    const r = rig(() => json(status, { code: 'x', message: 'no' }));
    for (const s of [429, 401, 400]) {
      status = s;
      await expect(r.client.hello('T1')).rejects.toBeInstanceOf(SyncError);
      expect(r.hubs.current).toBe('http://a.test');
    }
    status = 503;
    await expect(r.client.hello('T1')).rejects.toMatchObject({ reason: 'server', status: 503 });
    expect(r.hubs.current).toBe('http://b.test');
  });

  it('does not move when the station aborted the request itself', async () => {
    const r = rig(() => 'down', { aborted: true });
    await expect(r.client.hello('T1')).rejects.toBeInstanceOf(SyncError);
    expect(r.hubs.current).toBe('http://a.test');
  });
});

describe('station config hub.urls', () => {
  const parse = (hub: Record<string, unknown>) => stationConfigSchema.parse({ station: { id: 'S1' }, hub })?.hub;

  it('keeps a single url working, takes a list, and puts url first when both are given', () => {
    expect(parse({ url: 'http://h1:5280', token: TOKEN })).toMatchObject({
      url: 'http://h1:5280',
      urls: ['http://h1:5280'],
    });
    expect(parse({ urls: ['http://h1:5280', 'http://h2:5280'], token: TOKEN })).toMatchObject({
      url: 'http://h1:5280',
      urls: ['http://h1:5280', 'http://h2:5280'],
    });
    expect(parse({ url: 'http://h2:5280', urls: ['http://h1:5280', 'http://h2:5280'], token: TOKEN })?.urls).toEqual([
      'http://h2:5280',
      'http://h1:5280',
    ]);
  });

  it('refuses a hub section without any URL, and a URL that is not http(s), naming the field', () => {
    expect(() => parse({ token: TOKEN })).toThrow(/expected url \(one hub\) or urls/);
    expect(() => parse({ urls: ['ftp://h1'], token: TOKEN })).toThrow(/hub\.urls\.0|an http\(s\) URL/);
    expect(() => parse({ urls: [], token: TOKEN })).toThrow(/at least one hub URL/);
  });
});

describe('sync engine with several hubs', () => {
  let rig: SyncRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  /** A 127.0.0.1 URL nobody listens on. */
  async function deadUrl(): Promise<string> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((r) => server.close(() => r()));
    return `http://127.0.0.1:${port}`;
  }

  it('goes online on the hub that answers and shows it in its status', async () => {
    const dead = await deadUrl();
    const logs: string[] = [];
    rig = await makeRig({ start: false, engine: { log: (line) => logs.push(line) } });
    const live = rig.hub.url;
    rig.engine.reconfigure({
      url: dead,
      urls: [dead, live],
      token: HUB_TOKEN,
      pullWaitS: 1,
      pushBatch: 200,
      poolTarget: 200,
    });
    rig.engine.start();
    await waitFor(() => rig?.engine.status().mode === 'online', 'online');
    expect(rig.engine.status().hub).toBe(live);
    expect(logs.some((l) => l.includes(`hub ${dead} failed`) && l.includes(`moving to ${live}`))).toBe(true);
  });
});
