// Runs an import job off the hub's event loop: on a worker thread when the hub runs built (dist/, as
// deployed), which keeps pulls, pushes and long-polls answering during a 100,000-line import. Run
// from source (unit tests under vitest) there is no compiled worker file, so the job runs inline
// after yielding once; the process tests exercise the worker path.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runImportJob, type ImportJob, type ImportJobResult } from './job.js';

const WORKER_FILE = new URL('./job-worker.js', import.meta.url);

type WorkerAnswer =
  | { kind: 'items'; items: ImportJobResult['items'] }
  | { kind: 'errors'; errors: ImportJobResult['errors'] }
  | { kind: 'done'; rows: number; encoding: string }
  | { kind: 'failed'; error: string };

function inWorker(job: ImportJob): Promise<ImportJobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE);
    const items: unknown[] = [];
    const errors: ImportJobResult['errors'] = [];
    worker.on('message', (m: WorkerAnswer) => {
      if (m.kind === 'items') for (const item of m.items) items.push(item);
      else if (m.kind === 'errors') for (const e of m.errors) errors.push(e);
      else {
        void worker.terminate();
        if (m.kind === 'done') resolve({ items, errors, rows: m.rows, encoding: m.encoding } as ImportJobResult);
        else reject(new Error(`import failed: ${m.error}`));
      }
    });
    worker.once('error', reject);
    worker.postMessage(job);
  });
}

export async function parseImport(job: ImportJob): Promise<ImportJobResult> {
  if (existsSync(fileURLToPath(WORKER_FILE))) return inWorker(job);
  await new Promise((resolve) => setImmediate(resolve));
  return runImportJob(job);
}
