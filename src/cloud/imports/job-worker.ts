// The worker thread's side of run.ts: parse one import job per message, answer with its result.
import { parentPort } from 'node:worker_threads';
import { runImportJob, type ImportJob } from './job.js';

parentPort?.on('message', (job: ImportJob) => {
  try {
    parentPort?.postMessage({ ok: true, result: runImportJob(job) });
  } catch (err) {
    parentPort?.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
