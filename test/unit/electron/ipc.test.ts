import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreFault } from '../../../src/contract/api/errors.js';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../../src/contract/api/wire.js';
import type { CoreListener } from '../../../src/main/core/types.js';
import { registerCoreIpc } from '../../../src/hosts/electron/ipc.js';
import { appOrigin } from '../../../src/hosts/electron/window.js';
import { FakeIpcMain, FakeWebContents } from './fakes.js';

const indexHtml = path.resolve('/opt/packdesk/dist/renderer/index.html');
const appUrl = pathToFileURL(indexHtml).href;

function fakeCore() {
  const listeners = new Set<CoreListener>();
  return {
    dispatch: vi.fn(async (_method: string, _args: unknown): Promise<unknown> => ({ orders: 3 })),
    subscribe: vi.fn((listener: CoreListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    emit: (event: Parameters<CoreListener>[0], payload: unknown) => listeners.forEach((l) => l(event, payload)),
    listeners,
  };
}

describe('core IPC adapter', () => {
  let ipcMain: FakeIpcMain;
  let core: ReturnType<typeof fakeCore>;
  let windows: FakeWebContents[];
  let dispose: () => void;

  const request = (method: unknown, args: unknown, url: string | null = appUrl) => {
    const handler = ipcMain.handlers.get(IPC_REQUEST_CHANNEL);
    if (!handler) throw new Error('no handler registered');
    return handler({ senderFrame: url === null ? null : { url } }, method, args);
  };

  beforeEach(() => {
    ipcMain = new FakeIpcMain();
    core = fakeCore();
    windows = [new FakeWebContents(), new FakeWebContents()];
    dispose = registerCoreIpc(ipcMain, core, () => windows, appOrigin(indexHtml, 'http://localhost:5173/'));
  });

  it('resolves a dispatched result as ok', async () => {
    await expect(request('sheet.get', { orders: 3 })).resolves.toEqual({ ok: true, result: { orders: 3 } });
    expect(core.dispatch).toHaveBeenCalledWith('sheet.get', { orders: 3 });
  });

  it('accepts pages anywhere under the renderer folder, with query or hash', async () => {
    const nested = pathToFileURL(path.join(path.dirname(indexHtml), 'sub', 'page.html')).href + '?x=1#top';
    await expect(request('station.snapshot', {}, nested)).resolves.toMatchObject({ ok: true });
  });

  it('accepts the configured dev origin', async () => {
    await expect(request('station.snapshot', {}, 'http://localhost:5173/index.html')).resolves.toMatchObject({
      ok: true,
    });
  });

  it('turns a CoreFault into its envelope', async () => {
    core.dispatch.mockRejectedValueOnce(new CoreFault('device_unavailable', 'printer offline', true));
    await expect(request('printer.jobs', {})).resolves.toEqual({
      ok: false,
      error: { code: 'device_unavailable', message: 'printer offline', retryable: true },
    });
  });

  it('turns any other error into internal, never a rejection', async () => {
    core.dispatch.mockRejectedValueOnce(new TypeError('cannot read properties of undefined'));
    await expect(request('printer.jobs', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'cannot read properties of undefined', retryable: false },
    });
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['another dev port', 'http://localhost:5174/'],
    [
      'a sibling folder with a shared prefix',
      pathToFileURL(path.resolve('/opt/packdesk/dist/renderer-evil/x.html')).href,
    ],
    ['a file outside the app', pathToFileURL(path.resolve('/etc/passwd')).href],
    ['a network share', 'file://fileserver/share/index.html'],
    ['a destroyed frame', null],
  ])('refuses %s as sender without dispatching', async (_label, url) => {
    const res = await request('station.snapshot', {}, url);
    expect(res).toMatchObject({ ok: false, error: { code: 'bad_request', retryable: false } });
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('refuses a method outside the contract without dispatching', async () => {
    for (const method of ['db.exec', 42, undefined]) {
      await expect(request(method, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('forwards core events to live webContents only', () => {
    windows[1]!.destroyed = true;
    core.emit('scan.feedback', { verdict: 'ok' });
    expect(windows[0]!.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'scan.feedback', { verdict: 'ok' });
    expect(windows[1]!.send).not.toHaveBeenCalled();
  });

  it('keeps delivering when one webContents throws on send', () => {
    windows[0]!.send.mockImplementationOnce(() => {
      throw new Error('Object has been destroyed');
    });
    expect(() => core.emit('station.snapshot', {})).not.toThrow();
    expect(windows[1]!.send).toHaveBeenCalledTimes(1);
  });

  it('disposer removes the handler and the subscription', () => {
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_REQUEST_CHANNEL);
    expect(ipcMain.handlers.has(IPC_REQUEST_CHANNEL)).toBe(false);
    expect(core.listeners.size).toBe(0);
    core.emit('scale.reading', { grams: 1 });
    expect(windows[0]!.send).not.toHaveBeenCalled();
  });
});
