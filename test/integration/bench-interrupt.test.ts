// A bench interrupted (Ctrl-C, SIGTERM) stops the hub processes it started instead of leaving them
// running (src/hosts/bench/interrupted.ts, hub-process.ts). A small script stands for the bench: it
// starts a real `packdesk cloud` the bench's way, prints its pid, and waits to be interrupted.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/process.js';
import { waitFor } from '../helpers/wait.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const dirs: string[] = [];
const hubs: number[] = [];
afterEach(() => {
  // When the test fails the hub may still run: it must not outlive the test.
  for (const pid of hubs.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('an interrupted bench', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('stops the hub it started on %s', async (signal) => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-int-'));
    dirs.push(dir);
    const config = join(dir, 'hub.json');
    writeFileSync(
      config,
      JSON.stringify({ hub: { adminToken: 'bench-interrupt-token-0123456789' }, stations: { poolTarget: 0 } }),
    );
    const module = pathToFileURL(join(ROOT, 'dist', 'hosts', 'bench', 'hub-process.js')).href;
    const script = `
      const { startHubProcess } = await import(${JSON.stringify(module)});
      const hub = await startHubProcess(${JSON.stringify(config)}, ${JSON.stringify(dir)});
      console.log('hub pid ' + hub.proc.pid);
      setInterval(() => {}, 1000);
    `;
    const bench = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    bench.stdout.on('data', (c: Buffer) => (out += c.toString()));
    bench.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => bench.once('exit', (code) => r(code)));
    await waitFor(() => /hub pid (\d+)/.test(out) || bench.exitCode !== null, 30_000, 'the hub to start');
    const hubPid = Number(/hub pid (\d+)/.exec(out)?.[1] ?? NaN);
    expect(hubPid, out).toBeGreaterThan(0);
    hubs.push(hubPid);
    expect(alive(hubPid)).toBe(true);

    bench.kill(signal);
    expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(out).toContain(`${signal}: stopping what the bench started`);
    // stopHub awaited the hub's exit before the bench exited.
    expect(alive(hubPid)).toBe(false);
  });
});
