// A hub as its own process (`packdesk cloud`), as an operator runs it: the benches that measure
// what the hub does under load start it so, on port 0, and read its address from its log.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopOnInterrupt } from './interrupted.js';

const CLI = fileURLToPath(new URL('../../../bin/packdesk.js', import.meta.url));

export interface HubProcess {
  proc: ChildProcess;
  url: string;
}

export async function startHubProcess(config: string, dataDir: string): Promise<HubProcess> {
  // PACKDESK_BENCH_HUB_FLAGS: node flags for the hub alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const flags = (process.env.PACKDESK_BENCH_HUB_FLAGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...flags, CLI, 'cloud', '--config', config, '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forget = stopOnInterrupt(() => stopHub(proc));
  proc.once('exit', forget);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Hub API: (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => reject(new Error(`the hub exited (${code}) before it listened:\n${out.slice(-2000)}`)));
  });
  // Keep draining its output (pino logs) so the pipe never fills and stalls the hub.
  proc.stdout.removeAllListeners('data');
  proc.stderr.removeAllListeners('data');
  proc.stdout.resume();
  proc.stderr.resume();
  return { proc, url };
}

/** SIGTERM, as an operator stops the hub, and its exit awaited. */
export async function stopHub(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}
