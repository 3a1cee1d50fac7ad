// Electron composition root. Deliberately thin: the station (core, devices, database, browser-mode
// server) is booted by src/hosts/station/boot.ts exactly as the browser-mode host boots it; this file
// only adds a window, the IPC transport and the app lifecycle around it.
//
// Layout of the built app (scripts/build.js): this file compiles to dist/hosts/electron/main.js,
// the preload bundle is dist/electron/preload.cjs, the renderer dist/renderer/index.html.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, protocol } from 'electron';
import { bootStation, DEMO_CONFIG_PATH, type BootedStation } from '../station/boot.js';
import { evidenceResponder, EVIDENCE_SCHEME, handleExportDownloads, registerEvidenceScheme } from './evidence.js';
import { registerCoreIpc } from './ipc.js';
import { appOrigin, createMainWindow } from './window.js';

export interface LaunchOptions {
  configPath: string;
  dataDir: string;
  port?: number;
  /** --trickle S: seconds between new orders in the demo's WeChat sandbox. */
  demoTrickleS?: number;
}

/**
 * Reads --config, --data, --port and --trickle (`--x v` or `--x=v`) from anywhere in argv. argv's shape
 * differs between `electron main.js …` and a packaged executable, and Chromium may add switches
 * of its own, so positionals and unknown switches are ignored rather than rejected.
 */
export function parseLaunchArgs(
  argv: readonly string[],
  defaults: { configPath: string; dataDir: string },
  cwd = process.cwd(),
): LaunchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      trickle: { type: 'string' },
    },
  });
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const config = text(values.config);
  const data = text(values.data);
  const launch: LaunchOptions = {
    configPath: config ? path.resolve(cwd, config) : defaults.configPath,
    dataDir: data ? path.resolve(cwd, data) : defaults.dataDir,
  };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`);
    }
    launch.port = port;
  }
  if (values.trickle !== undefined) {
    const trickle = Number(values.trickle);
    if (!Number.isFinite(trickle) || trickle < 0 || trickle > 86_400) {
      throw new Error(`--trickle must be seconds from 0 to 86400, got ${JSON.stringify(values.trickle)}`);
    }
    launch.demoTrickleS = trickle;
  }
  return launch;
}

/** Built-app paths, from this module's own URL (works inside app.asar too). */
export function appPaths(mainModuleUrl: string): { preloadPath: string; indexHtml: string } {
  const dist = fileURLToPath(new URL('../..', mainModuleUrl));
  return {
    preloadPath: path.join(dist, 'electron', 'preload.cjs'),
    indexHtml: path.join(dist, 'renderer', 'index.html'),
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function focus(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Runs the app. Resolves once the window has loaded (or the app has given up). The pieces it
 * creates live in this closure, not in module state, so tests can run it repeatedly.
 */
export async function startApp(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  // Two stations on one data dir would fight over the SQLite file and the serial ports.
  if (!app.requestSingleInstanceLock()) {
    log('packdesk: another Packdesk is already running; focusing it instead.');
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  let station: BootedStation | null = null;
  let disposeIpc: (() => void) | null = null;
  let quitting = false;
  let readyToQuit = false;

  // Safe to call twice: the second call finds nothing left to close.
  const closeStation = async (): Promise<void> => {
    disposeIpc?.();
    disposeIpc = null;
    const booted = station;
    station = null;
    if (booted)
      await booted.close().catch((err: unknown) => log(`packdesk: error while closing the station: ${describe(err)}`));
  };

  // Privileged schemes must be declared before the app is ready.
  registerEvidenceScheme(protocol);
  app.on('second-instance', () => focus(window));
  // A packing station has no dock to live in: closing the window ends the app on every platform.
  app.on('window-all-closed', () => app.quit());
  // Hold the first quit until the station has flushed and closed its database and device ports,
  // then quit for real.
  app.on('before-quit', (event) => {
    if (readyToQuit) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void closeStation().then(() => {
      readyToQuit = true;
      app.quit();
    });
  });

  try {
    await app.whenReady();
    const launch = parseLaunchArgs(argv.slice(1), {
      configPath: DEMO_CONFIG_PATH,
      dataDir: app.getPath('userData'),
    });
    const booted = await bootStation({ ...launch, log });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- before-quit sets it while bootStation awaits
    if (quitting) {
      // The user quit while the station was booting; before-quit found nothing to close.
      await booted.close();
      return;
    }
    station = booted;

    const { preloadPath, indexHtml } = appPaths(import.meta.url);
    // A dev server is trusted only in an unpackaged run; a shipped app loads nothing but its files.
    const devUrl = app.isPackaged ? undefined : env.PACKDESK_DEV_URL || undefined;
    disposeIpc = registerCoreIpc(
      ipcMain,
      booted.core,
      () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      appOrigin(indexHtml, devUrl),
    );
    // Packing-video clips, stills and export zips for the evidence screen (evidence.ts).
    const video = () => station?.station.video ?? null;
    protocol.handle(EVIDENCE_SCHEME, evidenceResponder(video));
    const name = booted.config.station.name;
    const created = createMainWindow(BrowserWindow, {
      preloadPath,
      indexHtml,
      devUrl,
      kiosk: booted.config.ui.kiosk,
      title: name ? `Packdesk — ${name}` : 'Packdesk',
    });
    window = created.window;
    handleExportDownloads(created.window.webContents.session, dialog, () => window, video, log);
    window.on('closed', () => {
      window = null;
    });
    await created.loaded;
  } catch (err) {
    log(`packdesk: could not start: ${err instanceof Error && err.stack ? err.stack : describe(err)}`);
    dialog.showErrorBox('Packdesk could not start', describe(err));
    await closeStation();
    // exit, not quit: a non-zero code tells a supervisor (systemd, a kiosk shell) that it failed.
    app.exit(1);
  }
}

// Only under Electron: importing this module in a test (electron mocked) must not start an app.
if (process.versions.electron) void startApp();
