// The load generator of the intake bench: orders posted to POST /v1/orders open-loop at a target
// rate over a fixed number of keep-alive connections, spread round-robin over the hubs. Latency is
// measured from when each order was due, not from when a connection was free, so a hub that falls
// behind shows it in p99 instead of quietly slowing the generator (coordinated omission).
import http from 'node:http';
import { benchRequest } from './http-client.js';
import { nowMs } from './stats.js';

export interface LoadPlan {
  urls: string[];
  adminToken: string;
  /** Orders per minute. */
  rate: number;
  seconds: number;
  /** Connections in all, shared over the hubs. */
  connections: number;
  /** The JSON of order number i (ids unique over the run). */
  body(i: number): string;
  /**
   * Stop sending once this many orders wait for an answer: a hub far behind the rate would
   * otherwise take many minutes to drain the backlog, and the figures are decided already.
   */
  maxBacklog: number;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** First failure's status and text, when any. */
  firstFailure: string | null;
  /** Per answered order, ms from due to answer. */
  latencies: number[];
  /** Per answered order (as latencies), ms from the run's start to when the order was due. */
  dueAt: number[];
  /** From the first order due to the last answer. */
  elapsedMs: number;
  /** Seconds into the run at which sending stopped because of maxBacklog; null when it ran to the end. */
  stoppedAtS: number | null;
  /**
   * CPU the generator itself used, in % of one core over the run: near 100 it, not the hub, would
   * be the limit (it shares the machine's cores with the hubs).
   */
  cpuPercent: number;
}

export async function driveIntake(plan: LoadPlan): Promise<LoadResult> {
  const agents = plan.urls.map(
    () => new http.Agent({ keepAlive: true, maxSockets: Math.max(1, Math.floor(plan.connections / plan.urls.length)) }),
  );
  const targets = plan.urls.map((u) => new URL('/v1/orders', u));
  const total = Math.round((plan.rate / 60) * plan.seconds);
  const interval = 60_000 / plan.rate;
  const result: LoadResult = {
    sent: 0,
    ok: 0,
    failed: 0,
    firstFailure: null,
    latencies: [],
    dueAt: [],
    elapsedMs: 0,
    stoppedAtS: null,
    cpuPercent: 0,
  };
  // Built once: every request sends the same headers but its own length (benchRequest adds it).
  const headers = { authorization: `Bearer ${plan.adminToken}`, 'content-type': 'application/json' };
  const cpuBefore = process.cpuUsage();
  const start = nowMs();
  let lastAnswer = start;
  const inFlight = new Set<Promise<void>>();

  const post = (i: number, due: number): Promise<void> => {
    const n = i % targets.length;
    return benchRequest(targets[n] as URL, {
      method: 'POST',
      agent: agents[n] as http.Agent,
      headers,
      body: plan.body(i),
    }).then(
      (res) => {
        lastAnswer = nowMs();
        result.latencies.push(lastAnswer - due);
        result.dueAt.push(due - start);
        if (res.status === 200) result.ok++;
        else fail(`${res.status}: ${res.body.toString().slice(0, 200)}`);
      },
      (err: unknown) => fail(err instanceof Error ? err.message : String(err)),
    );
  };
  const fail = (why: string) => {
    result.failed++;
    result.firstFailure ??= why;
  };

  for (let i = 0; i < total;) {
    // Everything due by now goes out; then a millisecond's pause (timers are no finer).
    const dueCount = Math.min(total, Math.floor((nowMs() - start) / interval) + 1);
    for (; i < dueCount; i++) {
      const p = post(i, start + i * interval);
      inFlight.add(p);
      void p.then(() => inFlight.delete(p));
      result.sent++;
    }
    if (inFlight.size > plan.maxBacklog) {
      result.stoppedAtS = (nowMs() - start) / 1000;
      break;
    }
    if (i < total) await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  result.elapsedMs = lastAnswer - start;
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuPercent = ((cpu.user + cpu.system) / 1000 / Math.max(1, nowMs() - start)) * 100;
  for (const a of agents) a.destroy();
  return result;
}
