// The worker thread's side of run.ts: parse one import job per message and answer in pieces. A
// single message with 100,000 parsed rows would cost the hub's thread ~300 ms to take apart; slices
// of RESULT_SLICE rows each cost a few milliseconds, with the event loop free in between.
import { parentPort } from 'node:worker_threads';
import { runImportJob, type ImportJob } from './job.js';

const RESULT_SLICE = 2000;

parentPort?.on('message', (job: ImportJob) => {
  try {
    const { items, errors, rows, encoding } = runImportJob(job);
    for (let i = 0; i < items.length; i += RESULT_SLICE)
      parentPort?.postMessage({ kind: 'items', items: items.slice(i, i + RESULT_SLICE) });
    for (let i = 0; i < errors.length; i += RESULT_SLICE)
      parentPort?.postMessage({ kind: 'errors', errors: errors.slice(i, i + RESULT_SLICE) });
    parentPort?.postMessage({ kind: 'done', rows, encoding });
  } catch (err) {
    parentPort?.postMessage({ kind: 'failed', error: err instanceof Error ? err.message : String(err) });
  }
});
