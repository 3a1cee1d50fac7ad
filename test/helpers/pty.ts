// A pair of connected pseudo-terminals from socat, standing in for a serial cable (hardware.md D.1):
// whatever is written to `a` comes out of `b` and back. `kill('SIGKILL')` is an unplug (serialport
// closes with err.disconnected); `restart()` plugs the cable back in under the same paths.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait.js';

export interface PtyPair {
  a: string;
  b: string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
}

export async function openPtyPair(dir: string, name: string): Promise<PtyPair> {
  const a = join(dir, `${name}-a`);
  const b = join(dir, `${name}-b`);
  let proc: ChildProcess | null = null;
  let output = '';

  const spawnSocat = async () => {
    rmSync(a, { force: true });
    rmSync(b, { force: true });
    output = '';
    const p = spawn('/usr/bin/socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    p.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    proc = p;
    // socat logs "starting data transfer loop" once both ends exist.
    await waitFor(
      () => (existsSync(a) && existsSync(b) && output.includes('starting data transfer loop')) || p.exitCode !== null,
      5000,
      `socat links ${a}, ${b}`,
    );
    if (p.exitCode !== null) throw new Error(`socat exited with ${p.exitCode}:\n${output}`);
  };

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    p.kill(signal);
    await exited;
  };

  await spawnSocat();
  return {
    a,
    b,
    kill,
    async restart() {
      await kill('SIGKILL');
      await spawnSocat();
    },
  };
}
