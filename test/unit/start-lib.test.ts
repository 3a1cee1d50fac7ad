import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  browserModeArgs,
  decideLaunchMode,
  describeInstallerFailure,
  electronBinaryPath,
  electronEnv,
  hasOption,
  installerFailureReason,
} from '../../scripts/start-lib.js';

// What `node node_modules/electron/install.js` printed on the build machine (no GitHub access).
const OFFLINE_STDERR = `RequestError: getaddrinfo ENOTFOUND github.com
    at ClientRequest.<anonymous> (/work/main/node_modules/got/dist/source/core/index.js:970:111)
    at Object.onceWrapper (node:events:639:26)
    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:122:26)
`;

// Node's own report of an uncaught error, here a broken electron package.
const MISSING_DEP_STDERR = `/work/main/node_modules/electron/install.js:3
const { downloadArtifact } = require('@electron/get');
                             ^

Error: Cannot find module '@electron/get'
Require stack:
- /work/main/node_modules/electron/install.js
    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)
{
  code: 'MODULE_NOT_FOUND',
  requireStack: [ '/work/main/node_modules/electron/install.js' ]
}

Node.js v20.20.2
`;

let root: string;

/** A node_modules/electron tree as npm leaves it with the postinstall skipped. */
function fakeElectronPackage(): string {
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'install.js'), '');
  return pkg;
}

/** What Electron's installer leaves behind when the download works. */
function installBinary(pathTxt = 'electron'): string {
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  writeFileSync(path.join(pkg, 'path.txt'), pathTxt);
  const binary = path.join(pkg, 'dist', pathTxt);
  mkdirSync(path.dirname(binary), { recursive: true });
  writeFileSync(binary, '#!/bin/sh\n');
  chmodSync(binary, 0o755);
  return binary;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'packdesk-start-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('electronBinaryPath', () => {
  it('is null without the package, without path.txt, or when path.txt names a missing file', () => {
    expect(electronBinaryPath(root)).toBeNull();
    const pkg = fakeElectronPackage();
    expect(electronBinaryPath(root)).toBeNull();
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(electronBinaryPath(root)).toBeNull();
  });

  it('finds the binary that path.txt names under dist/', () => {
    fakeElectronPackage();
    expect(electronBinaryPath(root)).toBeNull();
    const binary = installBinary('Electron.app/Contents/MacOS/Electron');
    expect(electronBinaryPath(root)).toBe(binary);
  });
});

describe('installerFailureReason', () => {
  it('takes the message of the error line, not a stack frame', () => {
    expect(installerFailureReason(OFFLINE_STDERR)).toBe('getaddrinfo ENOTFOUND github.com');
  });

  it('sees through Node’s uncaught-error report', () => {
    expect(installerFailureReason(MISSING_DEP_STDERR)).toBe("Cannot find module '@electron/get'");
  });

  it('keeps host:port endings and falls back to the last plain line', () => {
    expect(installerFailureReason('downloading…\nconnect ECONNREFUSED 10.0.0.1:443\n')).toBe(
      'connect ECONNREFUSED 10.0.0.1:443',
    );
    expect(installerFailureReason('Error [ERR_TLS_CERT_ALTNAMES_INVALID]: bad cert\n')).toBe('bad cert');
  });

  it('is null for empty output', () => {
    expect(installerFailureReason('')).toBeNull();
    expect(installerFailureReason('\n   \n')).toBeNull();
  });
});

describe('describeInstallerFailure', () => {
  it('names a timeout, a spawn failure, a failed run and a silent one', () => {
    const timeout = Object.assign(new Error('spawnSync node ETIMEDOUT'), { code: 'ETIMEDOUT' });
    expect(describeInstallerFailure({ status: null, signal: 'SIGTERM', error: timeout })).toBe(
      'installer timed out after 180 s',
    );
    expect(describeInstallerFailure({ status: null, error: new Error('spawn EACCES') })).toBe(
      'installer could not run: spawn EACCES',
    );
    expect(describeInstallerFailure({ status: 1, stderr: OFFLINE_STDERR })).toBe(
      'installer failed: getaddrinfo ENOTFOUND github.com',
    );
    expect(describeInstallerFailure({ status: 7, stderr: '' })).toBe('installer exited with code 7');
    expect(describeInstallerFailure({ status: 0, stderr: '' })).toBe('installer left no binary');
  });
});

describe('decideLaunchMode', () => {
  it('uses an installed binary without running the installer', () => {
    fakeElectronPackage();
    const binary = installBinary();
    const runInstaller = vi.fn();
    expect(decideLaunchMode({ root, env: {}, runInstaller })).toEqual({ mode: 'electron', binary, notice: null });
    expect(runInstaller).not.toHaveBeenCalled();
  });

  it('runs the installer once and uses the binary it installed', () => {
    fakeElectronPackage();
    const runInstaller = vi.fn(() => {
      installBinary();
      return { status: 0, stderr: '' };
    });
    const mode = decideLaunchMode({ root, env: {}, runInstaller });
    expect(mode).toMatchObject({ mode: 'electron', binary: electronBinaryPath(root) });
    expect(runInstaller).toHaveBeenCalledTimes(1);
    expect(runInstaller).toHaveBeenCalledWith(root);
  });

  it('falls back to browser mode with one line saying why the installer failed', () => {
    fakeElectronPackage();
    const runInstaller = vi.fn(() => ({ status: 1, stderr: OFFLINE_STDERR }));
    const mode = decideLaunchMode({ root, env: {}, runInstaller });
    expect(mode).toEqual({
      mode: 'browser',
      reason: 'installer failed: getaddrinfo ENOTFOUND github.com',
      notice:
        'Electron binary not available (installer failed: getaddrinfo ENOTFOUND github.com) — starting in browser mode.',
    });
    expect(mode.notice).not.toContain('\n');
    expect(runInstaller).toHaveBeenCalledTimes(1);
  });

  it('never looks at Electron when PACKDESK_BROWSER=1, even if it is installed', () => {
    fakeElectronPackage();
    installBinary();
    const runInstaller = vi.fn();
    const mode = decideLaunchMode({ root, env: { PACKDESK_BROWSER: '1' }, runInstaller });
    expect(mode).toMatchObject({ mode: 'browser', reason: 'PACKDESK_BROWSER is set' });
    expect(mode.notice).toContain('browser mode');
    expect(runInstaller).not.toHaveBeenCalled();
  });

  it('treats PACKDESK_BROWSER=0 as unset', () => {
    fakeElectronPackage();
    installBinary();
    expect(decideLaunchMode({ root, env: { PACKDESK_BROWSER: '0' }, runInstaller: vi.fn() }).mode).toBe('electron');
  });

  it('skips a pointless installer run when ELECTRON_SKIP_BINARY_DOWNLOAD is set or electron is absent', () => {
    const runInstaller = vi.fn();
    expect(decideLaunchMode({ root, env: {}, runInstaller })).toMatchObject({
      mode: 'browser',
      reason: 'the electron package is not installed',
    });
    fakeElectronPackage();
    expect(decideLaunchMode({ root, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, runInstaller })).toMatchObject({
      mode: 'browser',
      reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    });
    expect(runInstaller).not.toHaveBeenCalled();
  });
});

describe('browser-mode command line', () => {
  it('adds the built-in demo config before the passed-through options', () => {
    expect(browserModeArgs(root, ['--data', '/srv/d', '--port', '5190'])).toEqual([
      path.join(root, 'bin', 'packdesk.js'),
      'station',
      '--demo',
      '--data',
      '/srv/d',
      '--port',
      '5190',
    ]);
  });

  it('leaves the demo config out when the caller passes --config', () => {
    expect(browserModeArgs(root, ['--config=/srv/desk3.json'])).toEqual([
      path.join(root, 'bin', 'packdesk.js'),
      'station',
      '--config=/srv/desk3.json',
    ]);
    expect(hasOption(['--configure'], 'config')).toBe(false);
  });
});

describe('electronEnv', () => {
  it('drops ELECTRON_RUN_AS_NODE and keeps the rest', () => {
    expect(electronEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/usr/bin' })).toEqual({ PATH: '/usr/bin' });
  });
});
