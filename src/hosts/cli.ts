// `packdesk <command>`. Each command loads only its own modules: the simulators start in a blink
// because they never load the station stack (database, HTTP server).
import { CliError } from './cli/errors.js';

const USAGE = `usage:
  packdesk station --config FILE [--data DIR] [--port N]   run a packing station (UI in the browser)
  packdesk station --demo [--data DIR] [--port N]          the same with the built-in demo config
  packdesk sim scale --protocol P --path PATH [--weight G] a simulated scale on a serial port
  packdesk sim printer --listen 127.0.0.1:9100 --out DIR   a simulated network label printer
  packdesk cloud --config FILE [--data DIR] [--port N]     run the hub
  packdesk cloud station add ID --config FILE              register a station, print its token
  packdesk cloud import products|orders FILE [--mapping M] CSV imports through the hub
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'station':
        return await (await import('./cli/station.js')).runStation(rest);
      case 'sim':
        return await (await import('./cli/sim.js')).runSim(rest);
      case 'cloud':
        return await (await import('./cli/cloud.js')).runCloud(rest);
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return;
      default:
        fail(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof CliError || (err instanceof Error && err.name === 'ConfigError')) fail(err.message);
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
      fail(`${err.message}\n${USAGE}`);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port already in use (${e.message}); pass --port N or stop the other station`);
    throw err;
  }
}
