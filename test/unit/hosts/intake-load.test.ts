// The intake bench's load generator (src/hosts/bench/intake-load.ts) against a small server on
// 127.0.0.1: every order due is sent once with its own body, answers are counted by status, a
// refusal keeps its text, and a connection that fails is a failure, not a hang.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { driveIntake, type LoadPlan } from '../../../src/hosts/bench/intake-load.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A hub stand-in: answers 200 to every order but those whose number is a multiple of 7. */
async function standIn(seen: { auth: string[]; bodies: string[] }): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.auth.push(req.headers.authorization ?? '');
      seen.bodies.push(body);
      const n = (JSON.parse(body) as { n: number }).n;
      res.statusCode = n % 7 === 0 ? 503 : 200;
      res.end(n % 7 === 0 ? 'busy' : '{}');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const plan = (urls: string[]): LoadPlan => ({
  urls,
  adminToken: 'bench-admin',
  rate: 1200,
  seconds: 2,
  connections: 4,
  body: (i) => JSON.stringify({ n: i }),
  maxBacklog: 1000,
});

describe('driveIntake', () => {
  it('sends each due order once, spread over the hubs, and counts the answers by status', async () => {
    const seen = [0, 1].map(() => ({ auth: [] as string[], bodies: [] as string[] }));
    const urls = [await standIn(seen[0]!), await standIn(seen[1]!)];
    const r = await driveIntake(plan(urls));
    expect(r.sent).toBe(40);
    expect(r.ok + r.failed).toBe(40);
    expect(r.failed).toBe(6); // 0, 7, 14, 21, 28, 35
    expect(r.firstFailure).toBe('503: busy');
    expect(r.latencies).toHaveLength(40);
    expect(r.dueAt).toHaveLength(40);
    expect(r.stoppedAtS).toBeNull();
    expect(seen.map((s) => s.bodies.length)).toEqual([20, 20]);
    expect(seen.flatMap((s) => s.auth).every((a) => a === 'Bearer bench-admin')).toBe(true);
    expect(
      seen
        .flatMap((s) => s.bodies)
        .map((b) => (JSON.parse(b) as { n: number }).n)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('counts orders to a hub that is not listening as failed', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((r) => server.close(r));
    const r = await driveIntake({ ...plan([url]), seconds: 1 });
    expect(r.sent).toBe(20);
    expect(r.ok).toBe(0);
    expect(r.failed).toBe(20);
    expect(r.firstFailure).toMatch(/ECONNREFUSED/);
  });
});
