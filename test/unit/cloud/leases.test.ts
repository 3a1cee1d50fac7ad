// Leases on background jobs: the repository (on the store under test), and the keeper that lets one
// hub instance of several run each job, hands it over when the holder stops or dies, and passes kicks on.
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestServer, openTestStore } from '../../helpers/store.js';
import { openPgHubStore } from '../../../src/cloud/store/postgres/store.js';
import { until, waitFor } from '../../helpers/wait.js';
import { LeaseKeeper } from '../../../src/cloud/workers/lease.js';
import { LeasedLoop } from '../../../src/cloud/workers/leased-loop.js';
import { noteInstance } from '../../../src/cloud/workers/dead-instances.js';
import type { HubStore } from '../../../src/cloud/store/types.js';

const T0 = Date.UTC(2026, 11, 2, 8, 0, 0);
let store: HubStore | null = null;
const keepers: LeaseKeeper[] = [];

afterEach(async () => {
  for (const k of keepers.splice(0)) await k.close();
  await store?.close();
  store = null;
});

async function freshStore(): Promise<HubStore> {
  store = await openTestStore();
  return store;
}

/** Two hub instances' views of one store, with a signal bus between them as PostgreSQL's NOTIFY would be. */
function sharedStore(base: HubStore): [HubStore, HubStore] {
  const listeners = new Map<string, Set<(topic: string) => void>>();
  const view = (me: string, other: string): HubStore => ({
    tx: (fn) => base.tx(fn),
    onFeed: (l) => base.onFeed(l),
    onStock: (l) => base.onStock(l),
    close: () => Promise.resolve(),
    signal: (topic) => {
      for (const l of listeners.get(other) ?? []) l(topic);
      return Promise.resolve();
    },
    onSignal: (l) => {
      const set = listeners.get(me) ?? new Set();
      set.add(l);
      listeners.set(me, set);
      return () => set.delete(l);
    },
  });
  return [view('a', 'b'), view('b', 'a')];
}

function keeper(s: HubStore, instanceId: string, clock: { t: number }): LeaseKeeper {
  const k = new LeaseKeeper({
    store: s,
    instanceId,
    now: () => clock.t,
    ttlMs: 3000,
    log: () => undefined,
    warn: () => undefined,
  });
  keepers.push(k);
  return k;
}

describe('leases repository', () => {
  it('takes a free lease, renews its own, refuses another holder until it expires, then hands over', async () => {
    const s = await freshStore();
    const took = await s.tx(async (t) => [
      await t.leases.acquire('pull:shop1', 'a', T0, 1000),
      await t.leases.acquire('pull:shop1', 'b', T0 + 500, 1000),
      await t.leases.acquire('pull:shop1', 'a', T0 + 900, 1000),
      await t.leases.acquire('pull:shop1', 'b', T0 + 1899, 1000),
    ]);
    expect(took).toEqual([true, false, true, false]);
    expect(await s.tx((t) => t.leases.get('pull:shop1'))).toEqual({
      name: 'pull:shop1',
      holder: 'a',
      expiresAt: T0 + 1900,
      since: T0,
      handovers: 0,
    });
    // Expired: anyone may take it; the take-over is counted.
    expect(await s.tx((t) => t.leases.acquire('pull:shop1', 'b', T0 + 1900, 1000))).toBe(true);
    expect(await s.tx((t) => t.leases.get('pull:shop1'))).toMatchObject({
      holder: 'b',
      since: T0 + 1900,
      handovers: 1,
    });
  });

  it('releases only the holder’s lease, and lists every lease by name', async () => {
    const s = await freshStore();
    await s.tx(async (t) => {
      await t.leases.acquire('report', 'a', T0, 60_000);
      await t.leases.acquire('pull:shop1', 'b', T0, 60_000);
      await t.leases.release('report', 'b');
    });
    expect((await s.tx((t) => t.leases.list())).map((l) => [l.name, l.holder])).toEqual([
      ['pull:shop1', 'b'],
      ['report', 'a'],
    ]);
    await s.tx((t) => t.leases.release('report', 'a'));
    expect(await s.tx((t) => t.leases.get('report'))).toBeUndefined();
    expect(await s.tx((t) => t.leases.acquire('report', 'b', T0 + 1, 60_000))).toBe(true);
  });
});

describe('LeaseKeeper', () => {
  it('runs a job on one instance only; the other runs it once the holder releases it', async () => {
    const clock = { t: T0 };
    const [sa, sb] = sharedStore(await freshStore());
    const a = keeper(sa, 'hub-a', clock);
    const b = keeper(sb, 'hub-b', clock);
    const ran: string[] = [];
    expect(await a.runHeld('report', async () => ran.push('a'))).toBe(true);
    expect(await b.runHeld('report', async () => ran.push('b'))).toBe(false);
    expect(a.holding()).toEqual(['report']);
    expect(b.holding()).toEqual([]);
    await a.release('report');
    expect(await b.runHeld('report', async () => ran.push('b'))).toBe(true);
    expect(await a.runHeld('report', async () => ran.push('a'))).toBe(false);
    expect(ran).toEqual(['a', 'b']);
  });

  it('takes over the job of an instance that stopped renewing once its lease ran out', async () => {
    const clock = { t: T0 };
    const [sa, sb] = sharedStore(await freshStore());
    const a = keeper(sa, 'hub-a', clock);
    const b = keeper(sb, 'hub-b', clock);
    await a.runHeld('tracking', async () => undefined);
    // hub-a "dies": its heartbeat stops.
    await a.close();
    clock.t += 2999;
    expect(await b.runHeld('tracking', async () => undefined)).toBe(false);
    clock.t += 1;
    expect(await b.runHeld('tracking', async () => undefined)).toBe(true);
    expect(await sb.tx((t) => t.leases.get('tracking'))).toMatchObject({ holder: 'hub-b', handovers: 1 });
  });

  it('keeps the lease through a round longer than its time: the heartbeat renews it', async () => {
    const clock = { t: T0 };
    const [sa, sb] = sharedStore(await freshStore());
    const a = keeper(sa, 'hub-a', clock);
    const b = keeper(sb, 'hub-b', clock);
    let finish!: () => void;
    const long = a.runHeld('ewaybill:shop1', () => new Promise<void>((r) => (finish = r)));
    await waitFor(() => a.holds('ewaybill:shop1'));
    const renewedTo = clock.t + 10_000 + 3000;
    clock.t += 10_000;
    // The heartbeat (every ttl/3 = 1 s of real time) renews from the clock's time.
    await until(
      async () => (await sa.tx((t) => t.leases.get('ewaybill:shop1')))?.expiresAt,
      (at) => at === renewedTo,
      3000,
      'the heartbeat renewing the lease',
    );
    expect(await b.runHeld('ewaybill:shop1', async () => undefined)).toBe(false);
    finish();
    expect(await long).toBe(true);
  });

  it('passes a kick on to the instance that holds the job; that one runs a round at once', async () => {
    const clock = { t: T0 };
    const [sa, sb] = sharedStore(await freshStore());
    const a = keeper(sa, 'hub-a', clock);
    const b = keeper(sb, 'hub-b', clock);
    const rounds = { a: 0, b: 0 };
    // Intervals far longer than the test: every round after the first comes from a kick.
    const loopA = new LeasedLoop(a, 'report', async () => void rounds.a++, 3_600_000);
    loopA.start();
    await waitFor(() => rounds.a === 1, 2000, 'hub-a’s first round');
    const loopB = new LeasedLoop(b, 'report', async () => void rounds.b++, 3_600_000);
    loopB.start();
    await waitFor(() => !b.holds('report') && a.holds('report'), 2000, 'hub-b skipping its first round');
    loopB.kick();
    await waitFor(() => rounds.a === 2, 2000, 'hub-a running the round hub-b was kicked for');
    expect(rounds.b).toBe(0);
    // hub-a stops: it gives the lease up, and hub-b's next kick runs there.
    await loopA.stop();
    loopB.kick();
    await waitFor(() => rounds.b === 1, 2000, 'hub-b taking the job over');
    await loopB.stop();
    expect(await sa.tx((t) => t.leases.list())).toEqual([]);
  });
});

describe('instances restarted on the same host', () => {
  it('free the leases of an instance whose process is gone, and leave a living one’s alone', async () => {
    const s = await freshStore();
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-instances-'));
    try {
      const alive = (pid: number) => pid === 333;
      await noteInstance(s, dir, 'living', 333, alive);
      await noteInstance(s, dir, 'killed', 111, alive);
      await s.tx(async (t) => {
        await t.leases.acquire('report', 'killed', T0, 60_000);
        await t.leases.acquire('tracking', 'killed', T0, 60_000);
        await t.leases.acquire('pull:shop1', 'living', T0, 60_000);
      });
      const note = await noteInstance(s, dir, 'restarted', 222, alive);
      expect(note.freed).toEqual([{ instanceId: 'killed', leases: 2 }]);
      expect((await s.tx((t) => t.leases.list())).map((l) => [l.name, l.holder])).toEqual([['pull:shop1', 'living']]);
      expect(readdirSync(join(dir, 'instances')).sort()).toEqual(['living.pid', 'restarted.pid']);
      note.forget();
      expect(readdirSync(join(dir, 'instances'))).toEqual(['living.pid']);
      await expect(noteInstance(s, dir, '../x', 1, alive)).rejects.toThrow('instanceId: expected 1–100 letters');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(process.env.PACKDESK_TEST_PG_URL)('PostgreSQL signals between hub instances', () => {
  it('a kick signalled by one instance reaches the others, not itself', async () => {
    const schema = `pdt_signal_${randomBytes(4).toString('hex')}`;
    const url = process.env.PACKDESK_TEST_PG_URL ?? '';
    const a = await openPgHubStore({ url, schema, instanceId: 'hub-a', poolSize: 2 });
    const b = await openPgHubStore({ url, schema, instanceId: 'hub-b', poolSize: 2 });
    try {
      const heard = { a: [] as string[], b: [] as string[] };
      a.onSignal((topic) => heard.a.push(topic));
      b.onSignal((topic) => heard.b.push(topic));
      await a.signal('kick:report');
      await b.signal('kick:pull:shop1');
      await until(
        () => [...heard.a, ...heard.b].length,
        (n) => n === 2,
        5000,
        'both signals heard',
      );
      expect(heard).toEqual({ a: ['kick:pull:shop1'], b: ['kick:report'] });
    } finally {
      await a.close();
      await b.close();
      await onTestServer([`DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
    }
  });
});
