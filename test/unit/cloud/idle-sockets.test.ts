// Idle sockets at the hub are closed: one that never sends a request, one left open between requests
// (keep-alive), one that stalls in the middle of its headers. Timeouts are shortened for the test;
// each wait is bounded well below what the default timeouts would take.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SOCKET_TIMEOUTS } from '../../../src/cloud/routes/limits.js';
import { startTestHub, type TestHub } from '../../helpers/hub.js';

vi.setConfig({ testTimeout: 30_000 });
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ timeouts: { keepAliveMs: 300, idleMs: 600, headersMs: 400, checkEveryMs: 100 } });
});
afterAll(async () => {
  await t.close();
});

/** A raw TCP connection to the hub, with the time it was closed by the other end. */
async function open(): Promise<{ socket: Socket; closedAfter: Promise<number>; received: () => string }> {
  const socket = connect(t.hub.port, '127.0.0.1');
  await once(socket, 'connect');
  const start = Date.now();
  let data = '';
  socket.on('data', (d: Buffer) => (data += d.toString()));
  socket.on('error', () => {});
  const closedAfter = new Promise<number>((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error('the hub left the idle socket open for 10 s')), 10_000);
    socket.once('close', () => {
      clearTimeout(limit);
      resolve(Date.now() - start);
    });
  });
  return { socket, closedAfter, received: () => data };
}

describe('idle sockets', () => {
  it('the defaults close idle sockets: keep-alive above a load balancer’s 60 s, a long-poll never cut', () => {
    expect(SOCKET_TIMEOUTS.keepAliveMs).toBe(65_000);
    expect(SOCKET_TIMEOUTS.idleMs).toBeGreaterThan(30_000 + 5_000);
    expect(SOCKET_TIMEOUTS.headersMs).toBeLessThanOrEqual(SOCKET_TIMEOUTS.requestMs);
  });

  it('a socket that never sends a request is closed', async () => {
    const { closedAfter } = await open();
    // By the headers timeout (Node counts a new connection as waiting for its headers) or the idle one.
    expect(await closedAfter).toBeLessThan(5_000);
  });

  it('a keep-alive socket idle after its request is closed', async () => {
    const { socket, closedAfter, received } = await open();
    socket.write('GET /v1/health HTTP/1.1\r\nHost: hub\r\nConnection: keep-alive\r\n\r\n');
    const after = await closedAfter;
    expect(received()).toMatch(/^HTTP\/1\.1 200/);
    expect(after).toBeLessThan(5_000);
  });

  it('a socket that stalls in its headers is closed', async () => {
    const { socket, closedAfter, received } = await open();
    socket.write('GET /v1/health HTTP/1.1\r\nHost: hub\r\n');
    await closedAfter;
    // Node answers 408 when it cuts slow headers; either way no request was served.
    expect(received()).not.toMatch(/200 OK/);
  });
});
