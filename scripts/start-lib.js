// Decisions behind `npm start` (scripts/start.js), kept here as small functions so they can be
// tested against fake node_modules/electron trees.
//
// Why this exists: electron is a devDependency with its postinstall disabled (allowScripts), so
// `npm install` never fails where GitHub is unreachable, and the Electron binary may be absent.
// `npm start` then tries Electron's own installer once; where that fails, the station starts in
// browser mode and says why in one line (shared/specs/toolchain.md, "Decision for Packdesk").
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const INSTALLER_TIMEOUT_MS = 180_000;

/**
 * Absolute path of the Electron executable if it is installed under root, else null. Same test
 * as node_modules/electron/index.js: path.txt names the executable inside dist/.
 * @param {string} root project root
 * @returns {string | null}
 */
export function electronBinaryPath(root) {
  const pkg = path.join(root, 'node_modules', 'electron');
  let relative;
  try {
    relative = readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (relative === '') return null;
  const binary = path.join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/**
 * The executable to spawn, asked from the electron package itself (it also honours
 * ELECTRON_OVERRIDE_DIST_PATH). Under plain Node, require('electron') returns that path, and it
 * throws when the binary is missing.
 * @param {string} root
 * @returns {string | null}
 */
export function electronExecutable(root) {
  try {
    const fromPackage = createRequire(path.join(root, 'package.json'))('electron');
    if (typeof fromPackage === 'string' && existsSync(fromPackage)) return fromPackage;
  } catch {
    // fall through to reading path.txt ourselves
  }
  return electronBinaryPath(root);
}

// Stack frames, Node's caret markers and version footer, `throw err;`, the file:line header of
// an uncaught error and bare braces are never the reason.
const NOISE = [
  /^at\s/,
  /^\^+$/,
  /^Node\.js v\d/,
  /^throw\s/,
  /^[{}[\]]+,?$/,
  /^Require stack:$/,
  /^-\s+(?:\/|[A-Za-z]:\\)/, // "- /path/file.js" entries of a require stack
  /^(?:\/|[A-Za-z]:\\|file:\/\/)\S*:\d+$/, // "/path/file.js:3" header of an uncaught error
];
const ERROR_LINE = /^[A-Za-z]*Error(?:\s*\[[A-Z0-9_]+\])?:\s*(.+)$/;

/**
 * The reason to show from the installer's stderr: the message of the last `SomeError: message`
 * line if there is one, else the last line that is not stack-trace noise. Null when empty.
 * @param {string} stderr
 * @returns {string | null}
 */
export function installerFailureReason(stderr) {
  const lines = String(stderr)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !NOISE.some((re) => re.test(l)));
  const reversed = [...lines].reverse();
  const errorLine = reversed.map((l) => ERROR_LINE.exec(l)).find(Boolean);
  const reason = errorLine ? errorLine[1] : reversed[0];
  if (!reason) return null;
  return reason.length > 200 ? `${reason.slice(0, 199)}…` : reason;
}

/**
 * Why a finished installer run left no binary, for the one-line notice.
 * @param {{ status: number | null, signal?: NodeJS.Signals | null, stderr?: string | Buffer | null, error?: Error & { code?: string } }} result
 *   what spawnSync returned
 * @param {number} [timeoutMs]
 * @returns {string}
 */
export function describeInstallerFailure(result, timeoutMs = INSTALLER_TIMEOUT_MS) {
  if (result.error?.code === 'ETIMEDOUT') return `installer timed out after ${Math.round(timeoutMs / 1000)} s`;
  if (result.error) return `installer could not run: ${result.error.message}`;
  const reason = installerFailureReason(result.stderr ? String(result.stderr) : '');
  if (result.status === 0) return reason ? `installer left no binary: ${reason}` : 'installer left no binary';
  if (reason) return `installer failed: ${reason}`;
  return result.signal ? `installer killed by ${result.signal}` : `installer exited with code ${result.status}`;
}

/**
 * Runs Electron's own installer (the postinstall npm skipped), output captured for the notice.
 * @param {string} root
 * @param {number} [timeoutMs]
 */
export function runElectronInstaller(root, timeoutMs = INSTALLER_TIMEOUT_MS) {
  return spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
  });
}

/** @param {string | undefined} value */
function isSet(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * @typedef {{ mode: 'electron', binary: string, notice: string | null }
 *   | { mode: 'browser', reason: string, notice: string }} LaunchMode
 */

/**
 * Electron when its binary is (or, after one installer run, becomes) available; otherwise browser
 * mode, with the one line that says why.
 * @param {{ root: string, env?: NodeJS.ProcessEnv, runInstaller?: (root: string) => Parameters<typeof describeInstallerFailure>[0] }} opts
 * @returns {LaunchMode}
 */
export function decideLaunchMode({ root, env = process.env, runInstaller = runElectronInstaller }) {
  if (isSet(env.PACKDESK_BROWSER)) {
    const reason = 'PACKDESK_BROWSER is set';
    return { mode: 'browser', reason, notice: `${reason} — starting in browser mode without trying Electron.` };
  }
  const present = electronBinaryPath(root);
  if (present) return { mode: 'electron', binary: present, notice: null };

  let reason;
  if (isSet(env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    // The installer would exit 0 at once without downloading; running it tells us nothing.
    reason = 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  } else if (!existsSync(path.join(root, 'node_modules', 'electron', 'install.js'))) {
    reason = 'the electron package is not installed';
  } else {
    const result = runInstaller(root);
    const installed = electronBinaryPath(root);
    if (installed) return { mode: 'electron', binary: installed, notice: 'Electron binary installed.' };
    reason = describeInstallerFailure(result);
  }
  return { mode: 'browser', reason, notice: `Electron binary not available (${reason}) — starting in browser mode.` };
}

/**
 * @param {readonly string[]} args
 * @param {string} name option name without dashes
 */
export function hasOption(args, name) {
  return args.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
}

/**
 * Arguments for `node …` in browser mode: the station CLI with its built-in demo config (`--demo`)
 * unless the caller passed --config, then everything the caller passed.
 * @param {string} root
 * @param {readonly string[]} passThrough
 * @returns {string[]}
 */
export function browserModeArgs(root, passThrough) {
  const config = hasOption(passThrough, 'config') ? [] : ['--demo'];
  return [path.join(root, 'bin', 'packdesk.js'), 'station', ...config, ...passThrough];
}

/**
 * Environment for the Electron child: ELECTRON_RUN_AS_NODE, if inherited, would make the binary
 * behave as plain Node and never open a window.
 * @param {NodeJS.ProcessEnv} env
 */
export function electronEnv(env) {
  const { ELECTRON_RUN_AS_NODE: _dropped, ...rest } = env;
  return rest;
}
