// The engine inside a station: the snapshot's `sync` follows it, status changes publish a snapshot,
// a changed hub config reconnects, close() stops it; boot builds one when the config has a `hub`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StationSnapshot } from '../../../src/contract/station.js';
import { systemClock } from '../../../src/main/core/types.js';
import { bootStation, type BootedStation } from '../../../src/hosts/station/boot.js';
import { SyncEngine } from '../../../src/main/sync/engine.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { FakeHub, HUB_TOKEN } from './fake-hub.js';
import { waitFor } from './harness.js';

let hub: FakeHub;
let t: TestStation | undefined;
let booted: BootedStation | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  await booted?.close();
  await hub?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  t = booted = dir = undefined;
});

async function stationWithHub(token = HUB_TOKEN): Promise<{ t: TestStation; engine: () => SyncEngine }> {
  hub = await new FakeHub().listen();
  let engine: SyncEngine | null = null;
  const station = await makeStation({
    sync: ({ desk, db, log }) => {
      engine = new SyncEngine({
        hub: { url: hub.url, token, pullWaitS: 1, pushBatch: 200, poolTarget: 200 },
        desk,
        db,
        log,
        clock: systemClock,
        random: () => 0.01,
      });
      return engine;
    },
  });
  return {
    t: station,
    engine: () => {
      if (!engine) throw new Error('no engine built');
      return engine;
    },
  };
}

describe('station wiring', () => {
  it('without a hub the station is local', async () => {
    t = await makeStation();
    t.scan('BADGE-P01');
    expect(t.station.sync).toBeNull();
    expect(t.station.services.snapshot().sync).toEqual({
      mode: 'local',
      queueDepth: 2,
      deadLetters: 0,
      quarantined: 0,
      lastError: null,
    });
  });

  it('the snapshot shows the engine’s mode and queue, and is published when they change', async () => {
    const made = await stationWithHub('wrong-token-0123456789');
    t = made.t;
    const snapshots: StationSnapshot[] = [];
    t.station.core.on('station.snapshot', (s) => snapshots.push(s));
    await waitFor(() => snapshots.some((s) => s.sync.mode === 'paused'), 'a paused snapshot');
    expect(t.station.services.snapshot().sync).toEqual({
      mode: 'paused',
      queueDepth: 0,
      deadLetters: 0,
      quarantined: 0,
      lastError: 'GET /v1/sync/hello: HTTP 401 unauthorized: unknown or revoked station token',
      hub: hub.url,
    });

    t.scan('BADGE-P01');
    expect(t.station.services.snapshot().sync.queueDepth).toBe(2);

    // A corrected token in the config reconnects and the queue drains.
    const config = t.station.services.config();
    t.station.services.applyConfig({
      ...config,
      hub: { url: hub.url, token: HUB_TOKEN, pullWaitS: 1, pushBatch: 200, poolTarget: 200 },
    });
    await waitFor(
      () => snapshots.at(-1)?.sync.mode === 'online' && snapshots.at(-1)?.sync.queueDepth === 0,
      'an online, drained snapshot',
    );
    expect(made.engine().status().mode).toBe('online');
  });

  it('close() stops the engine: no request after it', async () => {
    const made = await stationWithHub();
    t = made.t;
    // Close while a long-poll is parked at the hub (one that is still on its way would be counted late).
    await waitFor(() => made.engine().status().mode === 'online' && hub.count('/v1/sync/pull') === 1, 'a waiting pull');
    await t.close();
    t = undefined;
    const asked = hub.requests.length;
    hub.publish({});
    await new Promise((r) => setTimeout(r, 150));
    expect(hub.requests.slice(asked).map((r) => `${r.path}?${r.query}`)).toEqual([]);
  });

  it('boot builds the engine when the config has a hub section', async () => {
    hub = await new FakeHub().listen();
    dir = mkdtempSync(join(tmpdir(), 'packdesk-sync-'));
    const configPath = join(dir, 'station.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        station: { id: 'T1' },
        devices: { printer: { interface: 'sim' } },
        hub: { url: hub.url, token: HUB_TOKEN, pullWaitS: 1 },
      }),
    );
    booted = await bootStation({ configPath, dataDir: dir });
    await waitFor(() => booted?.station.services.snapshot().sync.mode === 'online', 'online');
    expect(hub.count('/v1/sync/hello')).toBe(1);
  });
});
