// `packdesk cloud stats rebuild`: the statistics cells recomputed from the event log, in steps
// (services/stats-rebuild.ts). The hub does this by itself when it starts with cells made under other
// settings; the command is for doing it on purpose (after restoring a backup, or to check the cells).
import { parseArgs } from 'node:util';
import type { HubConfig } from '../../cloud/config.js';
import { openHubStore } from '../../cloud/store/open.js';
import { foldSettings } from '../../cloud/services/stats-fold.js';
import { rebuildCells } from '../../cloud/services/stats-rebuild.js';
import { CliError } from './errors.js';

export const CLOUD_STATS_USAGE = `  packdesk cloud stats rebuild [--config FILE] [--data DIR]       recompute the statistics cells from the event log`;

export async function runStats(
  sub: string | undefined,
  argv: string[],
  deps: { loadConfig: (path: string | undefined) => HubConfig; defaultDataDir: () => string },
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<void> {
  if (sub !== 'rebuild') throw new CliError(`stats: expected "rebuild", got "${sub ?? ''}"`);
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  const config = deps.loadConfig(values.config);
  const store = await openHubStore(config, values.data ?? deps.defaultDataDir());
  try {
    const started = Date.now();
    const r = await store.tx((t) => rebuildCells(t, foldSettings(config), out));
    out(
      `rebuilt ${r.cells} statistics cells from ${r.events} events and ${r.packs} packs in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
}
