// What a bench started outside itself — hub processes, a throwaway PostgreSQL cluster — is stopped
// when the bench is interrupted (Ctrl-C, SIGTERM, a closed terminal), not left running: each is
// registered while it runs. A second signal during the clean-up stops the bench at once.
import { constants } from 'node:os';

type Cleanup = () => unknown;

const pending = new Set<Cleanup>();
let hooked = false;

/** Runs `cleanup` if the bench is interrupted before the returned function is called. */
export function stopOnInterrupt(cleanup: Cleanup): () => void {
  if (!hooked) {
    hooked = true;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        process.stderr.write(`\n${signal}: stopping what the bench started…\n`);
        void Promise.allSettled([...pending].map(async (c) => c())).finally(() =>
          process.exit(128 + constants.signals[signal]),
        );
      });
    }
  }
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}
