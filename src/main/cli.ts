// `packdesk <command>`: the station (browser mode) and, in later issues, the hub and simulators.
import { parseArgs } from 'node:util';
import { bootStation, DEMO_CONFIG_PATH, defaultDataDir } from './host/boot.js';
import { startBrowserServer } from './host/browser-server.js';
import { RENDERER_DIR } from './host/paths.js';
import { ConfigError } from './host/config-file.js';

const USAGE = `usage:
  packdesk station --config FILE [--data DIR] [--port N]   run a packing station (UI in the browser)
  packdesk station --demo [--data DIR] [--port N]          the same with the built-in demo config
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function station(argv: string[]): Promise<void> {
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
  if (!configPath) fail(`--config FILE is required (or --demo)\n${USAGE}`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: expected an integer 0–65535, got "${values.port}"`);
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

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'station':
        return await station(rest);
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return;
      default:
        fail(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) fail(`${err.message}\n${USAGE}`);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port already in use (${e.message}); pass --port N or stop the other station`);
    throw err;
  }
}
