// The PostgreSQL server a bench runs against: PACKDESK_BENCH_PG_URL when set, else a throwaway
// cluster from scripts/pg-test-cluster.sh (the one test:all uses) in a directory of the bench's own,
// stopped afterwards. Null, with the reason printed, when there is neither.
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { stopOnInterrupt } from './interrupted.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../../scripts/pg-test-cluster.sh', import.meta.url));

export interface BenchPg {
  url: string;
  stop(): Promise<void>;
}

export async function benchPgUrl(log: (line: string) => void): Promise<BenchPg | null> {
  const given = process.env.PACKDESK_BENCH_PG_URL;
  if (given) return { url: given, stop: async () => undefined };
  if (!existsSync(SCRIPT)) {
    log('  PostgreSQL: skipped — set PACKDESK_BENCH_PG_URL (scripts/pg-test-cluster.sh is not in this build)');
    return null;
  }
  // Made by the script itself: as root it hands the dir to the unprivileged user that runs the server.
  const dir = join(tmpdir(), `packdesk-bench-pg-${process.pid}`);
  const env = { ...process.env, PACKDESK_PG_CLUSTER_DIR: dir };
  const stop = async () => {
    forget();
    await run('bash', [SCRIPT, 'stop'], { env }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  const forget = stopOnInterrupt(stop);
  try {
    const { stdout } = await run('bash', [SCRIPT, 'start'], { env, timeout: 120_000 });
    const url = /PACKDESK_TEST_PG_URL=(\S+)/.exec(stdout)?.[1];
    if (!url) throw new Error(`it printed no PACKDESK_TEST_PG_URL (${stdout.trim().slice(0, 200)})`);
    return { url, stop };
  } catch (err) {
    await stop();
    const why = (err as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? (err as Error).message;
    log(`  PostgreSQL: skipped — no PACKDESK_BENCH_PG_URL and a throwaway cluster did not start (${why})`);
    return null;
  }
}
