// What the embedded demo hub keeps beside its hub.db so a restart carries on where it stopped: the
// demo station's token (the hub keeps only its hash), the demo's base time and next order index,
// and the sandbox's orders (the fake WeChat lives in memory; shipments are recorded in its orders).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeChannelsOrder } from '../wechat-sandbox/index.js';

export interface DemoState {
  stationId: string;
  token: string;
  seed: number;
  baseTime: number;
  nextIndex: number;
}

const STATE_FILE = 'demo-state.json';
const SANDBOX_FILE = 'sandbox-orders.json';

function writeAtomically(file: string, value: unknown): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function loadDemoState(dir: string): { state: DemoState; orders: FakeChannelsOrder[] } | null {
  const state = readJson<DemoState>(join(dir, STATE_FILE));
  if (!state) return null;
  return { state, orders: readJson<FakeChannelsOrder[]>(join(dir, SANDBOX_FILE)) ?? [] };
}

export function saveDemoState(dir: string, state: DemoState, orders: FakeChannelsOrder[]): void {
  writeAtomically(join(dir, SANDBOX_FILE), orders);
  writeAtomically(join(dir, STATE_FILE), state);
}
