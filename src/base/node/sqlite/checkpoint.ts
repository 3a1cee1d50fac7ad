// WAL checkpoints off the desk's thread. SQLite's automatic checkpoint runs inside whichever commit
// crosses the threshold — a 10–100 ms stall on a scan. So the automatic one is off, and a worker
// thread with its own connection runs PASSIVE checkpoints (they never block the writer) every
// half second. In-memory databases have no WAL and need none.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Db } from './open.js';

export interface Checkpointer {
  stop(): Promise<void>;
}

// CommonJS so it runs the same from src/ (tests) and dist/ (app) with no build step of its own.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 2000');
const tick = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); } };
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); tick(); db.close(); parentPort.close(); });
`;

export function startCheckpointer(db: Db, opts: { everyMs?: number; log?: (line: string) => void } = {}): Checkpointer {
  if (db.memory) return { stop: async () => {} };
  db.pragma('wal_autocheckpoint = 0');
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file: db.name, everyMs: opts.everyMs ?? 500, sqlite },
  });
  worker.unref();
  worker.on('message', (m) => opts.log?.(`checkpoint: ${String(m)}`));
  worker.on('error', (err) => opts.log?.(`checkpoint worker failed: ${err.message}`));
  return {
    async stop() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      await worker.terminate();
    },
  };
}
