import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { bootStation } from '../../../src/hosts/station/boot.js';
import { appPaths, parseLaunchArgs, startApp } from '../../../src/hosts/electron/main.js';
import { IPC_REQUEST_CHANNEL } from '../../../src/contract/api/wire.js';
import { FakeApp, FakeBrowserWindow, FakeIpcMain } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).fakeElectron());
vi.mock('../../../src/hosts/station/boot.js', () => ({
  bootStation: vi.fn(),
  DEMO_CONFIG_PATH: '/opt/packdesk/config/demo.json',
}));

const app = electron.app as unknown as FakeApp;
const ipcMain = electron.ipcMain as unknown as FakeIpcMain;
const showErrorBox = vi.mocked(electron.dialog.showErrorBox);
const boot = vi.mocked(bootStation);

function fakeStation(opts: { kiosk?: boolean; name?: string } = {}) {
  return {
    core: { dispatch: vi.fn(), subscribe: vi.fn(() => () => {}) },
    config: { station: { id: 'S1', name: opts.name }, ui: { kiosk: opts.kiosk ?? false } },
    dataDir: '/fake/userData',
    station: { video: { filePath: vi.fn(() => null), exportZip: vi.fn(() => null) } },
    close: vi.fn(async () => {}),
  };
}
type FakeStation = ReturnType<typeof fakeStation>;
const returning = (station: FakeStation) => boot.mockResolvedValueOnce(station as never);
const quiet = () => {};
// What main.ts computes from its own URL when run from source (tests) rather than from dist/.
const built = appPaths(new URL('../../../src/hosts/electron/main.ts', import.meta.url).href);

describe('electron main', () => {
  beforeEach(() => {
    app.removeAllListeners();
    app.lock = true;
    app.isPackaged = false;
    vi.clearAllMocks();
    ipcMain.handlers.clear();
    FakeBrowserWindow.instances = [];
    FakeBrowserWindow.nextLoadError = null;
  });

  it('serves packing-video evidence over its own scheme and saves exports through a dialog', async () => {
    returning(fakeStation());
    await startApp(['electron', 'main.js'], {}, quiet);
    expect(vi.mocked(electron.protocol.registerSchemesAsPrivileged)).toHaveBeenCalled();
    const [scheme, handler] = vi.mocked(electron.protocol.handle).mock.calls[0]!;
    expect(scheme).toBe('packdesk-evidence');
    const res = await handler(new Request('packdesk-evidence://station/video/file/1'));
    expect(res.status).toBe(404);
    const session = FakeBrowserWindow.instances[0]!.webContents.session;
    expect(session.on).toHaveBeenCalledWith('will-download', expect.any(Function));
  });

  it('quits without booting when another instance holds the lock', async () => {
    app.lock = false;
    await startApp(['electron', 'main.js'], {}, quiet);
    expect(app.quit).toHaveBeenCalled();
    expect(boot).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('boots the demo station into userData by default and opens one locked-down window', async () => {
    const station = fakeStation({ name: 'Desk 3' });
    returning(station);
    await startApp(['electron', 'main.js'], {}, quiet);
    expect(boot).toHaveBeenCalledWith(
      expect.objectContaining({ configPath: '/opt/packdesk/config/demo.json', dataDir: '/fake/userData' }),
    );
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options).toMatchObject({ title: 'Packdesk — Desk 3', kiosk: false });
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, preload: built.preloadPath });
    expect(ipcMain.handlers.has(IPC_REQUEST_CHANNEL)).toBe(true);
    expect(station.core.subscribe).toHaveBeenCalledTimes(1);
  });

  it('opens the window in kiosk mode when the config says so', async () => {
    returning(fakeStation({ kiosk: true }));
    await startApp(['electron', 'main.js'], {}, quiet);
    expect(FakeBrowserWindow.instances[0]!.options).toMatchObject({ kiosk: true, fullscreen: true });
  });

  it('passes --config, --data and --port through to the station', async () => {
    returning(fakeStation());
    await startApp(
      ['electron', 'main.js', '--config', '/srv/desk3.json', '--data=/srv/data', '--port', '5190'],
      {},
      quiet,
    );
    expect(boot).toHaveBeenCalledWith(
      expect.objectContaining({ configPath: '/srv/desk3.json', dataDir: '/srv/data', port: 5190 }),
    );
  });

  it('focuses the running window when a second instance starts', async () => {
    returning(fakeStation());
    await startApp(['electron', 'main.js'], {}, quiet);
    const win = FakeBrowserWindow.instances[0]!;
    win.minimized = true;
    app.emit('second-instance', {}, ['electron', 'main.js'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('shows an error box and exits non-zero when the station cannot boot', async () => {
    boot.mockRejectedValueOnce(new Error('station.json: station.id: expected 1–32 letters'));
    const lines: string[] = [];
    await startApp(['electron', 'main.js'], {}, (l) => lines.push(l));
    expect(showErrorBox).toHaveBeenCalledWith(
      'Packdesk could not start',
      'station.json: station.id: expected 1–32 letters',
    );
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(lines.join('\n')).toContain('could not start');
  });

  it('closes the booted station when the window cannot load', async () => {
    const station = fakeStation();
    returning(station);
    FakeBrowserWindow.nextLoadError = new Error('ERR_FILE_NOT_FOUND (-6) loading index.html');
    await startApp(['electron', 'main.js'], {}, quiet);
    expect(showErrorBox).toHaveBeenCalledWith(
      'Packdesk could not start',
      expect.stringContaining('ERR_FILE_NOT_FOUND'),
    );
    expect(station.close).toHaveBeenCalledTimes(1);
    expect(ipcMain.handlers.has(IPC_REQUEST_CHANNEL)).toBe(false);
    expect(app.exit).toHaveBeenCalledWith(1);
  });

  it('rejects a bad --port with an error box instead of booting', async () => {
    await startApp(['electron', 'main.js', '--port', 'eighty'], {}, quiet);
    expect(boot).not.toHaveBeenCalled();
    expect(showErrorBox).toHaveBeenCalledWith('Packdesk could not start', expect.stringContaining('--port'));
  });

  it('closes the station before quitting when the last window closes', async () => {
    const station = fakeStation();
    returning(station);
    await startApp(['electron', 'main.js'], {}, quiet);
    let release!: () => void;
    station.close.mockImplementationOnce(() => new Promise<void>((r) => (release = r)));

    app.emit('window-all-closed');
    // The first quit is held back while the station closes…
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(station.close).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(2));
    // …and the second goes through untouched, with the station closed exactly once.
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(station.close).toHaveBeenCalledTimes(1);
    expect(ipcMain.handlers.has(IPC_REQUEST_CHANNEL)).toBe(false);
  });

  it('loads from PACKDESK_DEV_URL in an unpackaged run', async () => {
    returning(fakeStation());
    await startApp(['electron', 'main.js'], { PACKDESK_DEV_URL: 'http://localhost:5173/' }, quiet);
    expect(FakeBrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('ignores PACKDESK_DEV_URL in a packaged app and loads only its own files', async () => {
    app.isPackaged = true;
    returning(fakeStation());
    await startApp(['packdesk'], { PACKDESK_DEV_URL: 'http://localhost:5173/' }, quiet);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(win.loadFile).toHaveBeenCalledWith(built.indexHtml);
  });
});

describe('launch arguments', () => {
  const defaults = { configPath: '/demo.json', dataDir: '/user' };

  it('falls back to the defaults and ignores Chromium switches and positionals', () => {
    expect(parseLaunchArgs(['main.js', '--no-sandbox', '--enable-logging'], defaults)).toEqual(defaults);
  });

  it('resolves relative paths against the working directory', () => {
    const got = parseLaunchArgs(['--config', 'desk.json', '--data', 'data'], defaults, '/work');
    expect(got).toEqual({ configPath: path.resolve('/work', 'desk.json'), dataDir: path.resolve('/work', 'data') });
  });

  it('reads a port of 0 (any free port)', () => {
    expect(parseLaunchArgs(['--port=0'], defaults).port).toBe(0);
  });

  it('reads the demo trickle in seconds and refuses a negative one', () => {
    expect(parseLaunchArgs(['--trickle', '5'], defaults).demoTrickleS).toBe(5);
    expect(() => parseLaunchArgs(['--trickle=-1'], defaults)).toThrow(/--trickle/);
  });
});

describe('built app paths', () => {
  it('finds the preload and renderer from dist/hosts/electron/main.js', () => {
    const url = 'file:///opt/packdesk/resources/app.asar/dist/hosts/electron/main.js';
    expect(appPaths(url)).toEqual({
      preloadPath: path.join('/opt/packdesk/resources/app.asar/dist', 'electron', 'preload.cjs'),
      indexHtml: path.join('/opt/packdesk/resources/app.asar/dist', 'renderer', 'index.html'),
    });
  });
});
