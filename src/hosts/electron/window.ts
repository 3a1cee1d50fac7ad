// The station window: locked down so the renderer is only ever our own bundle, with no Node, no
// navigation away, no pop-ups and no permissions. Everything the page can do goes through the
// preload bridge. Electron's security checklist is the reference:
// https://www.electronjs.org/docs/latest/tutorial/security
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer's <meta> policy minus its ws://127.0.0.1 entries (under Electron the core is reached
 * over IPC, never a socket), also sent as a response header: a header is in force
 * before any markup is parsed and the page cannot edit it away, while the meta tag still covers
 * responses that never pass through webRequest. Both apply; the stricter connect-src wins.
 * packdesk-evidence: is the station's packing-video files (evidence.ts), for <img> and <video>.
 * 'unsafe-inline' for styles only: React's style attributes need it; scripts never get it.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob: packdesk-evidence:; connect-src 'self'; media-src 'self' data: blob: packdesk-evidence:";

/** Where the renderer may come from: our built renderer folder, or a dev server in development. */
export interface AppOrigin {
  rendererDir: string;
  devOrigin?: string | undefined;
}

export function appOrigin(indexHtml: string, devUrl?: string): AppOrigin {
  return { rendererDir: path.dirname(indexHtml), devOrigin: devUrl ? new URL(devUrl).origin : undefined };
}

/** True for a file inside the renderer folder or a page of the dev origin; false for anything else. */
export function isAppUrl(raw: string, origin: AppOrigin): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    let file: string;
    try {
      file = fileURLToPath(url); // throws for file://otherhost/… (a network share)
    } catch {
      return false;
    }
    // path.relative (not a string prefix) so that /app/renderer-evil/x is not taken for
    // /app/renderer; on Windows it compares case-insensitively, as the file system does.
    const rel = path.relative(origin.rendererDir, file);
    return !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
  }
  return origin.devOrigin !== undefined && url.origin === origin.devOrigin;
}

export interface MainWindowOptions {
  preloadPath: string;
  indexHtml: string;
  kiosk: boolean;
  title: string;
  /** Development only: load the renderer from this dev server instead of indexHtml. */
  devUrl?: string | undefined;
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface MainWindow {
  window: BrowserWindow;
  /** Settles when the first page load finishes; rejects if the renderer cannot be loaded. */
  loaded: Promise<void>;
}

export function createMainWindow(BrowserWindowCtor: BrowserWindowClass, opts: MainWindowOptions): MainWindow {
  const origin = appOrigin(opts.indexHtml, opts.devUrl);
  const window = new BrowserWindowCtor({
    title: opts.title,
    width: 1280,
    height: 800,
    // A packing desk is driven by scanner and keyboard; the menu bar only invites stray Alt presses.
    autoHideMenuBar: true,
    // config.ui.kiosk: fullscreen with no window frame or way out to the desktop, for dedicated desks.
    kiosk: opts.kiosk,
    fullscreen: opts.kiosk,
    // Shown on ready-to-show, so the packer never sees a blank white frame.
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: opts.preloadPath,
      // Error and intercept sounds must play even when scans come from a serial scanner, which
      // gives the page no user gesture to unlock audio with.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  // Links, form posts and location changes; the url argument is deprecated in favour of event.url.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, origin)) event.preventDefault();
  });
  // Links with target=_blank and window.open: a station has no use for a second window.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const session = contents.session;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // Scanner, scale and printer are reached by main; sounds use Web Audio, which needs no
  // permission. So the page gets none: no camera, microphone, notifications, HID or serial.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);

  const loaded = opts.devUrl ? window.loadURL(opts.devUrl) : window.loadFile(opts.indexHtml);
  return { window, loaded };
}
