// How far V8 lets the hub's heap grow between full collections. By default the old generation may
// grow to several times its live size before one: the hub's live heap is ~70 MB with a year of
// statistics, and each stats query throws away tens of MB of short-lived objects, so a hub answering
// a dashboard sat at ~430 MB resident with 75 MB of it alive. At 20 % that fell by ~120 MB, for the
// same answers in the same time (`npm run bench -- --only stats`). The flag is read at each full
// collection, so setting it once the process runs takes effect. (Node refuses it in NODE_OPTIONS:
// an operator's own choice can only come on node's command line.)
import { setFlagsFromString } from 'node:v8';

export const HUB_HEAP_GROWING_PERCENT = 20;
const FLAG = /--heap[-_]growing[-_]percent\b/;

/**
 * Sets V8's heap growing factor for this process unless the operator chose one on node's command
 * line (`node --heap-growing-percent=N …`). Returns the flag set, or null.
 */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): string | null {
  if (execArgv.some((a) => FLAG.test(a))) return null;
  const flag = `--heap-growing-percent=${HUB_HEAP_GROWING_PERCENT}`;
  setFlags(flag);
  return flag;
}
