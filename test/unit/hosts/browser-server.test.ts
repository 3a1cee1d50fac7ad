// The desk's local UI server belongs to the desk: Host, Origin and session secret are checked on the
// routed path for every upgrade, and one client's queues are bounded.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CoreListener, StationCore } from '../../../src/main/core/types.js';
import { MAX_IN_FLIGHT, startBrowserServer, type BrowserServer } from '../../../src/hosts/station/browser-server.js';
import { hostAllowed, originAllowed, withSessionMeta } from '../../../src/hosts/station/ui-guard.js';
import { waitFor } from '../../helpers/wait.js';

const SECRET = 'test-secret-0123456789abcdef';

function fakeCore(dispatch: (method: string) => Promise<unknown> = async (m) => ({ echo: m })) {
  const listeners = new Set<CoreListener>();
  const core: StationCore = {
    dispatch: (method) => dispatch(method),
    call: (method) => dispatch(method) as never,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    on: () => () => undefined,
  };
  return { core, emit: (payload: unknown) => listeners.forEach((l) => l('station.snapshot', payload)) };
}

let server: BrowserServer | null = null;
const logs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = null;
  logs.length = 0;
});

async function start(core: StationCore): Promise<BrowserServer> {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-ui-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
  server = await startBrowserServer({
    core,
    host: '127.0.0.1',
    port: 0,
    rendererDir: dir,
    sessionSecret: SECRET,
    log: (l) => logs.push(l),
  });
  return server;
}

/** Opens a socket; resolves 'open' or the HTTP status the upgrade was refused with. */
function attempt(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number | 'open'; ws: WebSocket }> {
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ status: 'open', ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws }));
    ws.once('error', (err) => reject(err));
  });
}

function get(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local UI server', () => {
  it('serves the page with its session secret and accepts a socket that presents it', async () => {
    const s = await start(fakeCore().core);
    const html = await (await fetch(s.url)).text();
    expect(html).toContain(`<meta name="packdesk-session" content="${SECRET}" />`);
    const { status, ws } = await attempt(`ws://127.0.0.1:${s.port}/ws?session=${SECRET}`, {
      origin: `http://127.0.0.1:${s.port}`,
    });
    expect(status).toBe('open');
    const answer = new Promise<string>((ok) => ws.once('message', (d) => ok(String(d))));
    ws.send(JSON.stringify({ t: 'req', id: 1, method: 'station.snapshot', args: {} }));
    expect(JSON.parse(await answer)).toEqual({ t: 'res', id: 1, ok: true, result: { echo: 'station.snapshot' } });
    ws.close();
  });

  it.each([
    ['no secret', '/ws', {}],
    ['a wrong secret', '/ws?session=nope', {}],
    ['a secret of the right length but wrong', `/ws?session=${'x'.repeat(SECRET.length)}`, {}],
    ['a foreign origin with the secret', `/ws?session=${SECRET}`, { origin: 'http://evil.example' }],
    ['a foreign origin on an encoded path', `/%77s?session=${SECRET}`, { origin: 'http://evil.example' }],
    ['an encoded path without the secret', '/%77s', {}],
    ['an encoded path with a foreign origin and no secret', '/%2577s', { origin: 'http://evil.example' }],
    ['a localhost origin on another port', `/ws?session=${SECRET}`, { origin: 'http://127.0.0.1:1' }],
  ])('refuses %s', async (_what, path, headers: Record<string, string>) => {
    const s = await start(fakeCore().core);
    const { status, ws } = await attempt(`ws://127.0.0.1:${s.port}${path}`, headers);
    expect(status === 403 || status === 404).toBe(true);
    ws.terminate();
  });

  it('refuses requests addressed to a foreign host name (DNS rebinding)', async () => {
    const s = await start(fakeCore().core);
    expect(await get(s.port, '/', `evil.example:${s.port}`)).toBe(403);
    expect(await get(s.port, '/', `127.0.0.1:${s.port}`)).toBe(200);
    expect(await get(s.port, '/', `localhost:${s.port}`)).toBe(200);
  });

  it('cuts off a client that stops reading instead of buffering for it', async () => {
    const { core, emit } = fakeCore();
    const s = await start(core);
    const { ws } = await attempt(`ws://127.0.0.1:${s.port}/ws?session=${SECRET}`);
    const closed = new Promise<void>((ok) => ws.once('close', () => ok()));
    // Stop reading at the TCP level, then push far more than the limit.
    (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 400; i++) emit({ i, big });
    await waitFor(() => logs.some((l) => l.includes('stopped reading')), 20_000, 'the slow client cut off');
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await closed;
  });

  it(`cuts off a client with more than ${MAX_IN_FLIGHT} requests in flight`, async () => {
    const s = await start(fakeCore(() => new Promise(() => undefined)).core);
    const { ws } = await attempt(`ws://127.0.0.1:${s.port}/ws?session=${SECRET}`);
    const closed = new Promise<void>((ok) => ws.once('close', () => ok()));
    for (let id = 1; id <= MAX_IN_FLIGHT + 1; id++) ws.send(JSON.stringify({ t: 'req', id, method: 'm', args: {} }));
    await closed;
    expect(logs.some((l) => l.includes('in flight'))).toBe(true);
  });
});

describe('ui guard rules', () => {
  it('accepts loopback names on our port only', () => {
    expect(hostAllowed('127.0.0.1:5180', '127.0.0.1', 5180)).toBe(true);
    expect(hostAllowed('[::1]:5180', '127.0.0.1', 5180)).toBe(true);
    expect(hostAllowed('LOCALHOST:5180', '127.0.0.1', 5180)).toBe(true);
    expect(hostAllowed('127.0.0.1:5181', '127.0.0.1', 5180)).toBe(false);
    expect(hostAllowed('evil.example:5180', '127.0.0.1', 5180)).toBe(false);
    expect(hostAllowed(undefined, '127.0.0.1', 5180)).toBe(false);
    expect(hostAllowed('desk-7.lan:5180', '0.0.0.0', 5180)).toBe(true);
  });

  it('accepts same-origin pages and non-browser clients', () => {
    expect(originAllowed('http://127.0.0.1:5180', '127.0.0.1', 5180)).toBe(true);
    expect(originAllowed(undefined, '127.0.0.1', 5180)).toBe(true);
    expect(originAllowed('null', '127.0.0.1', 5180)).toBe(false);
    expect(originAllowed('https://127.0.0.1:5180', '127.0.0.1', 5180)).toBe(false);
  });

  it('puts the secret into the head of the page', () => {
    expect(withSessionMeta('<html><head></head></html>', 's')).toContain(
      '<meta name="packdesk-session" content="s" />',
    );
  });
});
