// `packdesk station`: a packing station with its UI served to the browser (browser mode).
import { parseArgs } from 'node:util';
import { bootStation, DEMO_CONFIG_PATH, defaultDataDir } from '../station/boot.js';
import { startBrowserServer } from '../station/browser-server.js';
import { RENDERER_DIR } from '../station/paths.js';
import { CliError } from './errors.js';

export const STATION_USAGE = `  packdesk station --config FILE [--data DIR] [--port N]   run a packing station (UI in the browser)
  packdesk station --demo [--data DIR] [--port N]          the same with the built-in demo config`;

export async function runStation(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean', default: false },
      data: { type: 'string' },
      port: { type: 'string' },
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
  const dataDir = values.data ?? defaultDataDir();
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const booted = await bootStation({ configPath, dataDir, port, log });
  const server = await startBrowserServer({
    core: booted.core,
    host: booted.config.ui.host,
    port: booted.config.ui.port,
    rendererDir: RENDERER_DIR,
    log,
  });
  process.stdout.write(`Packdesk station ${booted.config.station.id} — data in ${booted.dbFile}\n`);
  process.stdout.write(`Station UI: ${server.url}\n`);
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
