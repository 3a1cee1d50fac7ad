import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeResult, PackdeskBridge } from '../../src/contract/api/wire.js';
import { createIpcClient } from '../../src/renderer/client/ipc.js';
import { CoreClientError, type ConnectionState } from '../../src/renderer/client/types.js';
import { createWsClient, type SocketLike } from '../../src/renderer/client/ws.js';

/** A WebSocket stand-in the test drives by hand: open, deliver, drop. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  deliver(msg: unknown): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({});
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

describe('createWsClient', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('matches replies to requests by id and resolves with the result', async () => {
    const client = createWsClient('ws://station/ws', { WebSocket: FakeSocket });
    last().open();
    const p1 = client.request('waybills.pool', {});
    const p2 = client.request('sheet.get', { orders: 60 });
    const [r1, r2] = last().sent as { id: number; method: string; args: unknown; t: string }[];
    expect(r1).toMatchObject({ t: 'req', method: 'waybills.pool', args: {} });
    expect(r2).toMatchObject({ t: 'req', method: 'sheet.get', args: { orders: 60 } });
    last().deliver({ t: 'res', id: r2!.id, ok: true, result: { commands: [] } });
    last().deliver({ t: 'res', id: r1!.id, ok: true, result: { SF: 150 } });
    await expect(p1).resolves.toEqual({ SF: 150 });
    await expect(p2).resolves.toEqual({ commands: [] });
    client.close();
  });

  it('rejects with the core error envelope', async () => {
    const client = createWsClient('ws://station/ws', { WebSocket: FakeSocket });
    last().open();
    const p = client.request('labels.get', { labelId: 'nope' });
    const req = last().sent[0] as { id: number };
    last().deliver({
      t: 'res',
      id: req.id,
      ok: false,
      error: { code: 'not_found', message: 'no label nope', retryable: false },
    });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreClientError);
    expect((err as CoreClientError).envelope).toEqual({
      code: 'not_found',
      message: 'no label nope',
      retryable: false,
    });
    client.close();
  });

  it('dispatches pushed events to listeners of that event only', () => {
    const client = createWsClient('ws://station/ws', { WebSocket: FakeSocket });
    last().open();
    const readings: unknown[] = [];
    const feedback: unknown[] = [];
    const off = client.on('scale.reading', (r) => readings.push(r));
    client.on('scan.feedback', (f) => feedback.push(f));
    last().deliver({ t: 'evt', event: 'scale.reading', payload: { grams: 512, stable: true, status: 'ok', at: 1 } });
    off();
    last().deliver({ t: 'evt', event: 'scale.reading', payload: { grams: 513, stable: true, status: 'ok', at: 2 } });
    expect(readings).toEqual([{ grams: 512, stable: true, status: 'ok', at: 1 }]);
    expect(feedback).toEqual([]);
    client.close();
  });

  it('rejects pending requests with a retryable transport error when the socket closes', async () => {
    const client = createWsClient('ws://station/ws', { WebSocket: FakeSocket });
    last().open();
    const p = client.request('station.snapshot', {});
    last().drop();
    const err = (await p.catch((e: unknown) => e)) as CoreClientError;
    expect(err.code).toBe('transport');
    expect(err.retryable).toBe(true);
    // And requests while disconnected fail at once instead of waiting for a reconnect.
    await expect(client.request('station.snapshot', {})).rejects.toMatchObject({ code: 'transport', retryable: true });
    client.close();
  });

  it('reconnects with backoff from 250 ms doubling to a 5 s cap, resetting after a successful open', () => {
    const states: ConnectionState[] = [];
    const client = createWsClient('ws://station/ws', { WebSocket: FakeSocket });
    client.onConnection((s) => states.push(s));
    expect(states).toEqual(['connecting']);
    last().open();
    last().drop();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      waits.push(waited);
      last().drop();
    }
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    vi.advanceTimersByTime(5000);
    last().open();
    last().drop();
    const before = FakeSocket.all.length;
    vi.advanceTimersByTime(250);
    expect(FakeSocket.all.length).toBe(before + 1);
    expect(states.slice(0, 4)).toEqual(['connecting', 'open', 'closed', 'connecting']);
    client.close();
  });

  it('stops reconnecting after close()', () => {
    const client = createWsClient('ws://station/ws', { WebSocket: FakeSocket });
    last().open();
    client.close();
    const count = FakeSocket.all.length;
    vi.advanceTimersByTime(20_000);
    expect(FakeSocket.all.length).toBe(count);
  });
});

describe('createIpcClient', () => {
  function fakeBridge(reply: (method: string, args: unknown) => Promise<BridgeResult>) {
    let emit: (event: string, payload: unknown) => void = () => {};
    const bridge: PackdeskBridge = {
      request: vi.fn(reply),
      onEvent(listener) {
        emit = listener;
        return () => {
          emit = () => {};
        };
      },
    };
    return { bridge, emit: (e: string, p: unknown) => emit(e, p) };
  }

  it('unwraps ok results and passes method and args through', async () => {
    const { bridge } = fakeBridge(async () => ({ ok: true, result: { SF: 3 } }));
    const client = createIpcClient(bridge);
    await expect(client.request('waybills.pool', {})).resolves.toEqual({ SF: 3 });
    expect(bridge.request).toHaveBeenCalledWith('waybills.pool', {});
  });

  it('rejects with the envelope on ok:false, and with a transport error when invoke fails', async () => {
    const { bridge } = fakeBridge(async (method) => {
      if (method === 'labels.get')
        return { ok: false, error: { code: 'not_found', message: 'gone', retryable: false } };
      throw new Error('No handler registered');
    });
    const client = createIpcClient(bridge);
    await expect(client.request('labels.get', { labelId: 'x' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'gone',
    });
    await expect(client.request('waybills.pool', {})).rejects.toMatchObject({ code: 'transport', retryable: true });
  });

  it('fans bridge events out by name and reports the connection as open', () => {
    const { bridge, emit } = fakeBridge(async () => ({ ok: true, result: null }));
    const client = createIpcClient(bridge);
    const got: unknown[] = [];
    client.on('scan.feedback', (f) => got.push(f));
    emit('scan.feedback', { verdict: 'item_ok', sound: 'good', scanId: 7 });
    emit('scale.reading', { grams: 1 });
    expect(got).toEqual([{ verdict: 'item_ok', sound: 'good', scanId: 7 }]);
    const states: string[] = [];
    client.onConnection((s) => states.push(s));
    expect(states).toEqual(['open']);
    client.dispose();
    emit('scan.feedback', { verdict: 'item_ok', sound: 'good', scanId: 8 });
    expect(got).toHaveLength(1);
  });
});
