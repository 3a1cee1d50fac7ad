import { describe, expect, it, vi } from 'vitest';
import type { CoreEvents } from '../../src/contract/api.js';
import type { ConnectionState, CoreClient } from '../../src/renderer/client/types.js';
import { transportError } from '../../src/renderer/client/types.js';
import type { SoundPlayer } from '../../src/renderer/sound.js';
import { createAppStore } from '../../src/renderer/store.js';
import { bindClient, submitScan } from '../../src/renderer/wiring.js';
import { snapshot } from './fixtures.js';

/** A CoreClient whose requests and events the test controls. */
function fakeClient() {
  const listeners = new Map<string, ((p: unknown) => void)[]>();
  const conn: ((s: ConnectionState) => void)[] = [];
  const requests: { method: string; args: unknown; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  const client: CoreClient = {
    request(method, args) {
      return new Promise((resolve, reject) => requests.push({ method, args, resolve, reject })) as never;
    },
    on(event, listener) {
      const list = listeners.get(event) ?? [];
      list.push(listener as (p: unknown) => void);
      listeners.set(event, list);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((l) => l !== listener),
        );
    },
    onConnection(listener) {
      conn.push(listener);
      listener('connecting');
      return () => {};
    },
  };
  return {
    client,
    requests,
    emit<E extends keyof CoreEvents>(event: E, payload: CoreEvents[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    connect(state: ConnectionState) {
      for (const l of conn) l(state);
    },
  };
}

const silent = (): SoundPlayer & { played: string[] } => {
  const played: string[] = [];
  return { played, play: (s) => played.push(s), unlock: () => {}, unlocked: () => true, onUnlock: () => () => {} };
};

describe('createAppStore', () => {
  it('gives every caller a fresh store', () => {
    const a = createAppStore();
    const b = createAppStore({ locale: 'en', view: 'sheet' });
    a.getState().setSnapshot(snapshot());
    expect(b.getState().snapshot).toBeNull();
    expect(a.getState().locale).toBe('zh-CN');
    expect(b.getState()).toMatchObject({ locale: 'en', view: 'sheet', connection: 'connecting' });
  });

  it('keeps scale readings out of the snapshot and never lets an older snapshot reading win', () => {
    const store = createAppStore();
    const seen = vi.fn();
    store.subscribe((s, prev) => {
      if (s.snapshot !== prev.snapshot) seen();
    });
    store.getState().setSnapshot(snapshot({ scale: { grams: 10, stable: true, status: 'ok', at: 5 } }));
    for (let i = 0; i < 10; i++) store.getState().setScale({ grams: 100 + i, stable: false, status: 'ok', at: 10 + i });
    expect(seen).toHaveBeenCalledTimes(1);
    store.getState().setSnapshot(snapshot({ scale: { grams: 10, stable: true, status: 'ok', at: 6 } }));
    expect(store.getState().scale?.grams).toBe(109);
  });
});

describe('bindClient', () => {
  it('asks for a snapshot on every (re)connect and applies pushed snapshots and readings', async () => {
    const fake = fakeClient();
    const store = createAppStore();
    const sound = silent();
    bindClient(fake.client, store, sound);
    expect(fake.requests).toHaveLength(0);
    fake.connect('open');
    expect(fake.requests.map((r) => r.method)).toEqual(['station.snapshot']);
    fake.requests[0]!.resolve(snapshot({ counters: { orders: 1, units: 1, errors: 0 } }));
    await Promise.resolve();
    expect(store.getState().snapshot?.counters.orders).toBe(1);
    expect(store.getState().connection).toBe('open');

    fake.connect('closed');
    fake.connect('open');
    expect(fake.requests.map((r) => r.method)).toEqual(['station.snapshot', 'station.snapshot']);

    fake.emit('scale.reading', { grams: 777, stable: true, status: 'ok', at: 99 });
    expect(store.getState().scale?.grams).toBe(777);
  });

  it('drops a requested snapshot that a pushed one overtook', async () => {
    const fake = fakeClient();
    const store = createAppStore();
    bindClient(fake.client, store, silent());
    fake.connect('open');
    fake.emit('station.snapshot', snapshot({ counters: { orders: 9, units: 9, errors: 0 } }));
    fake.requests[0]!.resolve(snapshot({ counters: { orders: 8, units: 8, errors: 0 } }));
    await Promise.resolve();
    expect(store.getState().snapshot?.counters.orders).toBe(9);
  });

  it('plays the feedback sound and records the verdict', () => {
    const fake = fakeClient();
    const store = createAppStore();
    const sound = silent();
    bindClient(fake.client, store, sound);
    fake.emit('scan.feedback', { verdict: 'wrong_item', sound: 'error', scanId: 3 });
    expect(sound.played).toEqual(['error']);
    expect(store.getState().feedback).toEqual({ verdict: 'wrong_item', sound: 'error', scanId: 3 });
  });

  it('plays an effect sound without touching the last scan feedback', () => {
    const fake = fakeClient();
    const store = createAppStore();
    const sound = silent();
    bindClient(fake.client, store, sound);
    fake.emit('scan.feedback', { verdict: 'item_ok', sound: 'good', scanId: 4 });
    fake.emit('effect.sound', { sound: 'done' });
    expect(sound.played).toEqual(['good', 'done']);
    expect(store.getState().feedback).toEqual({ verdict: 'item_ok', sound: 'good', scanId: 4 });
  });
});

describe('submitScan', () => {
  it('sends wedge scans and announces a scan that did not reach the station', async () => {
    const fake = fakeClient();
    const store = createAppStore();
    const sound = silent();
    submitScan(fake.client, store, sound, '6901234567892');
    expect(fake.requests[0]).toMatchObject({ method: 'scan.submit', args: { code: '6901234567892', source: 'wedge' } });
    fake.requests[0]!.reject(transportError('not connected'));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().failure).toMatchObject({ code: '6901234567892', error: { code: 'transport' } });
    expect(sound.played).toEqual(['error']);
    store.getState().setFeedback({ verdict: 'item_ok', sound: 'good', scanId: 4 });
    expect(store.getState().failure).toBeNull();
  });
});
