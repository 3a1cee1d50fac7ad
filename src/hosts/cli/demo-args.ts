// Options shared by `packdesk station --demo` and `packdesk cloud --demo`.
import { CliError } from './errors.js';

/** --trickle S: seconds between new demo orders in the WeChat sandbox (0: none). */
export function parseTrickle(value: string): number {
  const s = Number(value);
  if (!Number.isFinite(s) || s < 0 || s > 86_400)
    throw new CliError(`--trickle: expected seconds between demo orders, 0–86400, got "${value}"`);
  return s;
}
