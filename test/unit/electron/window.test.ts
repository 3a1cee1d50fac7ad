import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserWindowClass } from '../../../src/hosts/electron/window.js';
import { CONTENT_SECURITY_POLICY, createMainWindow } from '../../../src/hosts/electron/window.js';
import { FakeBrowserWindow } from './fakes.js';

const indexHtml = path.resolve('/opt/packdesk/dist/renderer/index.html');
const preloadPath = path.resolve('/opt/packdesk/dist/electron/preload.cjs');
const Ctor = FakeBrowserWindow as unknown as BrowserWindowClass;

function open(extra: { kiosk?: boolean; devUrl?: string } = {}) {
  const { window, loaded } = createMainWindow(Ctor, {
    preloadPath,
    indexHtml,
    kiosk: extra.kiosk ?? false,
    title: 'Packdesk — Desk 3',
    devUrl: extra.devUrl,
  });
  return { win: window as unknown as FakeBrowserWindow, loaded };
}

describe('main window', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances = [];
    FakeBrowserWindow.nextLoadError = null;
  });

  it('runs the renderer sandboxed with exactly these webPreferences', () => {
    const { win } = open();
    expect(win.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: preloadPath,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(win.options).toMatchObject({ title: 'Packdesk — Desk 3', autoHideMenuBar: true, show: false });
  });

  it('loads the built renderer and shows the window once it is ready', async () => {
    const { win, loaded } = open();
    await loaded;
    expect(win.loadFile).toHaveBeenCalledWith(indexHtml);
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('loads from the dev server when one is given', () => {
    const { win } = open({ devUrl: 'http://localhost:5173/' });
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(win.webContents.navigate('http://localhost:5173/#/stats').prevented).toBe(false);
  });

  it('passes on a failed load so the caller can report it', async () => {
    FakeBrowserWindow.nextLoadError = new Error('ERR_FILE_NOT_FOUND');
    await expect(open().loaded).rejects.toThrow('ERR_FILE_NOT_FOUND');
  });

  it('blocks navigation away from the app and allows staying in it', () => {
    const { win } = open();
    const wc = win.webContents;
    expect(wc.navigate('https://example.com/').prevented).toBe(true);
    expect(wc.navigate('http://localhost:5173/').prevented).toBe(true);
    expect(wc.navigate(pathToFileURL(path.resolve('/home/packer/Downloads/x.html')).href).prevented).toBe(true);
    expect(wc.navigate(pathToFileURL(indexHtml).href + '#/pack').prevented).toBe(false);
  });

  it('denies every new window', () => {
    const { win } = open();
    const handler = win.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: pathToFileURL(indexHtml).href })).toEqual({ action: 'deny' });
  });

  it('adds the CSP header to every response, keeping the others', () => {
    const { win } = open();
    const listener = win.webContents.session.webRequest.headersListener!;
    let answer: unknown;
    listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (answer = r));
    expect(answer).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob: packdesk-evidence:; connect-src 'self'; media-src 'self' data: blob: packdesk-evidence:",
    );
  });

  it('denies every permission request and check', () => {
    const { win } = open();
    const session = win.webContents.session;
    for (const permission of ['media', 'notifications', 'hid', 'serial', 'geolocation']) {
      let granted: boolean | undefined;
      session.permissionRequest!(win.webContents, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(session.permissionCheck!(win.webContents, permission)).toBe(false);
    }
  });

  it('honours the kiosk flag', () => {
    expect(open({ kiosk: true }).win.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(open({ kiosk: false }).win.options).toMatchObject({ kiosk: false, fullscreen: false });
  });
});
