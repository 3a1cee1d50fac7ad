// `packdesk station`: a packing station with its UI served to the browser (browser mode).
import { parseArgs } from 'node:util';
import { bootStation, DEMO_CONFIG_PATH, defaultDataDir } from '../station/boot.js';
import { startBrowserServer } from '../station/browser-server.js';
import { RENDERER_DIR } from '../station/paths.js';
import { parseTrickle } from './demo-args.js';
import { CliError } from './errors.js';

export const STATION_USAGE = `  packdesk station --config FILE [--data DIR] [--port N]   run a packing station (UI in the browser)
  packdesk station --demo [--data DIR] [--port N] [--trickle S]
                                                           the built-in demo config: the station with an embedded
                                                           demo hub and WeChat sandbox, synced the real way; a new
                                                           sandbox order every S seconds (default 20, 0: none)`;

export async function runStation(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean', default: false },
      data: { type: 'string' },
      port: { type: 'string' },
      trickle: { type: 'string' },
    },
    strict: true,
  });
  const configPath = values.config ?? (values.demo ? DEMO_CONFIG_PATH : undefined);
  if (!configPath) throw new CliError(`--config FILE is required (or --demo)\n${STATION_USAGE}`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(`--port: expected an integer 0–65535, got "${values.port}"`);
  }
  const demoTrickleS = values.trickle === undefined ? undefined : parseTrickle(values.trickle);
  const dataDir = values.data ?? defaultDataDir();
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const booted = await bootStation({ configPath, dataDir, port, log, demoTrickleS });
  const server = await startBrowserServer({
    core: booted.core,
    host: booted.config.ui.host,
    port: booted.config.ui.port,
    rendererDir: RENDERER_DIR,
    log,
    media: booted.station.video,
    images: booted.images,
  });
  process.stdout.write(`Packdesk station ${booted.config.station.id} — data in ${booted.dbFile}\n`);
  process.stdout.write(`Station UI: ${server.url}\n`);
  const demoHub = booted.demoHub;
  if (demoHub) process.stdout.write(`Demo hub: ${demoHub.url}/v1 (WeChat sandbox at ${demoHub.sandboxUrl})\n`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await booted.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
