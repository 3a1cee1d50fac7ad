#!/usr/bin/env node
// `npm start [-- --data DIR --port N …]`: build if stale, then run the station in Electron when
// its binary is installed (after trying Electron's installer once), otherwise in browser mode.
// PACKDESK_BROWSER=1 skips Electron entirely (CI: never attempt the download).
// The decisions live in start-lib.js; this file only runs processes.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserModeArgs, decideLaunchMode, electronEnv, electronExecutable } from './start-lib.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const passThrough = process.argv.slice(2);

/**
 * Runs a child with our terminal, passes SIGINT/SIGTERM on, and ends this process the way the
 * child ended (same exit code, or the same signal), so npm and supervisors see the real outcome.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function runForwarding(command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    // A Ctrl-C in the terminal reaches the child directly as well; a kill aimed only at this
    // process (npm, systemd) does not, hence the forwarding. A child that already exited is left.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (err) => {
    console.error(`packdesk: could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

function build() {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js'), '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`packdesk: build could not run: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  build();
  const mode = decideLaunchMode({ root });
  if (mode.notice) console.log(mode.notice);

  if (mode.mode === 'electron') {
    const executable = electronExecutable(root) ?? mode.binary;
    const mainJs = path.join(root, 'dist', 'hosts', 'electron', 'main.js');
    runForwarding(executable, [mainJs, ...passThrough], electronEnv(process.env));
    return;
  }
  runForwarding(process.execPath, browserModeArgs(root, passThrough), process.env);
}

main();
