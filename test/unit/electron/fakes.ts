// In-memory stand-ins for the parts of Electron that src/hosts/electron uses. There is no Electron
// binary on the build machine (shared/specs/toolchain.md), so these are the seam the tests drive.
// Use from a mock factory: vi.mock('electron', async () => (await import('./fakes.js')).fakeElectron())
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeSession {
  readonly webRequest = {
    headersListener: null as
      null | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
    onHeadersReceived: vi.fn((listener) => {
      this.webRequest.headersListener = listener;
    }),
  };
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler = vi.fn((handler) => {
    this.permissionRequest = handler;
  });
  setPermissionCheckHandler = vi.fn((handler) => {
    this.permissionCheck = handler;
  });
  /** will-download and other session events (evidence export). */
  readonly events = new EventEmitter();
  on = vi.fn((name: string, listener: (...args: unknown[]) => void) => {
    this.events.on(name, listener);
    return this;
  });
}

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: unknown[][] = [];
  setWindowOpenHandler = vi.fn((handler) => {
    this.windowOpenHandler = handler;
  });
  send = vi.fn((...args: unknown[]) => {
    this.sent.push(args);
  });
  isDestroyed = () => this.destroyed;

  /** Emits will-navigate the way Electron does and reports whether the page would have left. */
  navigate(url: string): { prevented: boolean } {
    const event = {
      url,
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    this.emit('will-navigate', event, url, false, true);
    return { prevented: event.prevented };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = (): FakeBrowserWindow[] => FakeBrowserWindow.instances.filter((w) => !w.destroyed);

  /** Set to make the next window's page load fail, as a missing renderer build would. */
  static nextLoadError: Error | null = null;

  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  private readonly loadError = FakeBrowserWindow.nextLoadError;
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = () => this.minimized;
  isDestroyed = () => this.destroyed;
  loadFile = vi.fn(async (_file: string) => this.load());
  loadURL = vi.fn(async (_url: string) => this.load());

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.nextLoadError = null;
    FakeBrowserWindow.instances.push(this);
  }

  private load(): void {
    if (this.loadError) throw this.loadError;
  }
}

export class FakeApp extends EventEmitter {
  lock = true;
  isPackaged = false;
  requestSingleInstanceLock = vi.fn(() => this.lock);
  quit = vi.fn(() => {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
  });
  exit = vi.fn();
  whenReady = vi.fn(async () => {});
  getPath = vi.fn((name: string) => `/fake/${name}`);
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
  handle = vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
}

export class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, result: 'from-main' }));
}

export function fakeElectron() {
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    contextBridge: { exposeInMainWorld: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: new FakeSession() },
  };
}
