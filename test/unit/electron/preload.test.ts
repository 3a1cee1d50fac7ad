import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { CORE_EVENTS, CORE_METHODS } from '../../../src/contract/api/methods.js';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../../src/contract/api/wire.js';
import { createBridge } from '../../../src/hosts/electron/preload.js';
import { FakeIpcRenderer } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).fakeElectron());

describe('preload bridge', () => {
  let ipc: FakeIpcRenderer;
  beforeEach(() => {
    ipc = new FakeIpcRenderer();
  });

  it('exposes exactly request and onEvent under window.packdesk', () => {
    const expose = vi.mocked(electron.contextBridge.exposeInMainWorld);
    expect(expose).toHaveBeenCalledTimes(1);
    const [key, api] = expose.mock.calls[0]!;
    expect(key).toBe(BRIDGE_GLOBAL);
    expect(Object.keys(api as object).sort()).toEqual(['onEvent', 'request']);
  });

  it('sends an allowed method over the request channel and resolves with main’s answer', async () => {
    const bridge = createBridge(ipc);
    const args = { code: '6901234567892', source: 'wedge' };
    await expect(bridge.request('scan.submit', args)).resolves.toEqual({ ok: true, result: 'from-main' });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_REQUEST_CHANNEL, 'scan.submit', args);
  });

  it('allows every contract method', async () => {
    const bridge = createBridge(ipc);
    for (const method of CORE_METHODS) await bridge.request(method, {});
    expect(ipc.invoke).toHaveBeenCalledTimes(CORE_METHODS.length);
  });

  it('refuses a name outside the contract without touching IPC', async () => {
    const bridge = createBridge(ipc);
    for (const name of ['db.exec', 'constructor', '__proto__', '']) {
      const res = await bridge.request(name, {});
      expect(res).toMatchObject({ ok: false, error: { code: 'unknown_method', retryable: false } });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed invoke into a retryable transport error instead of rejecting', async () => {
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'packdesk:request'"));
    const res = await createBridge(ipc).request('station.snapshot', {});
    expect(res).toEqual({
      ok: false,
      error: { code: 'transport', message: "No handler registered for 'packdesk:request'", retryable: true },
    });
  });

  it('forwards contract events without the IpcRendererEvent, and drops others', () => {
    const seen: unknown[][] = [];
    createBridge(ipc).onEvent((...args) => seen.push(args));
    const senderEvent = { sender: ipc, senderId: 0 };
    ipc.emit(IPC_EVENT_CHANNEL, senderEvent, 'scale.reading', { grams: 1250, stable: true });
    ipc.emit(IPC_EVENT_CHANNEL, senderEvent, 'secret.internal', { x: 1 });
    ipc.emit(IPC_EVENT_CHANNEL, senderEvent, 42, {});
    ipc.emit('some-other-channel', senderEvent, 'scale.reading', {});
    expect(seen).toEqual([['scale.reading', { grams: 1250, stable: true }]]);
    expect(CORE_EVENTS).toContain('scale.reading');
  });

  it('stops delivering after unsubscribe and leaves no listener behind', () => {
    const listener = vi.fn();
    const bridge = createBridge(ipc);
    const off = bridge.onEvent(listener);
    const other = bridge.onEvent(vi.fn());
    expect(ipc.listenerCount(IPC_EVENT_CHANNEL)).toBe(2);
    off();
    ipc.emit(IPC_EVENT_CHANNEL, {}, 'station.snapshot', {});
    expect(listener).not.toHaveBeenCalled();
    expect(ipc.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    other();
    expect(ipc.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});
