// Real station processes for integration and browser tests: spawned from the built CLI, talked to
// over the same WebSocket the browser uses, on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import type { CoreApi, CoreMethod, ServerMessage } from '../../src/contract/api.js';
import { testStoreConfig } from './store.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface StationProcess {
  proc: ChildProcess;
  url: string;
  port: number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function writeConfig(dir: string, config: object, name = 'station.json'): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Runs `packdesk <args>` and resolves once its output matches `ready` (group 1 is the URL). */
export async function spawnCli(args: string[], ready: RegExp, env?: NodeJS.ProcessEnv): Promise<StationProcess> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'packdesk.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`packdesk ${args[0]} did not start in 20 s:\n${out}`)), 20_000);
    const check = () => {
      const m = ready.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    proc.stdout?.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`packdesk ${args[0]} exited with ${code}:\n${out}`));
    });
  });
  return {
    proc,
    url,
    port: Number(new URL(url).port),
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = once(proc, 'exit');
      proc.kill(signal);
      await exited;
    },
  };
}

export function startStationProcess(args: {
  config: string;
  data: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<StationProcess> {
  return spawnCli(
    ['station', '--config', args.config, '--data', args.data, '--port', String(args.port ?? 0)],
    /Station UI: (http:\/\/127\.0\.0\.1:\d+\/)/,
    args.env,
  );
}

/**
 * `packdesk cloud` on the config file, with its data in `data`. The store under test is written into
 * the file first (PACKDESK_TEST_STORE), so the CLI commands a test runs on the same file and data dir
 * (`packdesk cloud station add …`) reach the same store.
 */
export async function startHubProcess(args: { config: string; data: string; port?: number }): Promise<StationProcess> {
  const store = await testStoreConfig(args.data);
  if (store) {
    const config = JSON.parse(readFileSync(args.config, 'utf8')) as Record<string, unknown>;
    writeFileSync(args.config, JSON.stringify({ ...config, store }, null, 2));
  }
  return spawnCli(
    ['cloud', '--config', args.config, '--data', args.data, '--port', String(args.port ?? 0)],
    /Hub API: (http:\/\/127\.0\.0\.1:\d+)\/v1/,
  );
}

export interface WsClient {
  call<K extends CoreMethod>(method: K, args: CoreApi[K]['args']): Promise<CoreApi[K]['result']>;
  events: { event: string; payload: unknown }[];
  close(): void;
}

/** The session secret the station wrote into the page it serves, as the browser would read it. */
export async function sessionSecret(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  const m = /<meta name="packdesk-session" content="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error(`no session secret in the page at ${url}`);
  return m[1];
}

export async function connect(url: string): Promise<WsClient> {
  const secret = await sessionSecret(url);
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}ws?session=${encodeURIComponent(secret)}`);
  await once(ws, 'open');
  let next = 1;
  const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  const events: { event: string; payload: unknown }[] = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    if (msg.t === 'evt') {
      events.push({ event: msg.event, payload: msg.payload });
      return;
    }
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.ok) p?.ok(msg.result);
    else p?.fail(Object.assign(new Error(msg.error.message), { envelope: msg.error }));
  });
  return {
    call(method, args) {
      const id = next++;
      ws.send(JSON.stringify({ t: 'req', id, method, args }));
      return new Promise((ok, fail) => pending.set(id, { ok: ok as (v: unknown) => void, fail }));
    },
    events,
    close: () => ws.close(),
  };
}
