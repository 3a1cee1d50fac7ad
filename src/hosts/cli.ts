// `packdesk <command>`. Each command loads only its own modules: the simulators start in a blink
// because they never load the station stack (database, HTTP server).
import { CliError } from './cli/errors.js';

const USAGE = `usage:
  packdesk station --config FILE [--data DIR] [--port N]   run a packing station (UI in the browser)
  packdesk station --demo [--data DIR] [--port N]          the built-in demo: station + embedded demo hub + WeChat sandbox
  packdesk sim scale --protocol P --path PATH [--weight G] a simulated scale on a serial port
  packdesk sim printer --listen 127.0.0.1:9100 --out DIR   a simulated network label printer
  packdesk sim wechat-printer [--port 12705] [--dir DIR]   WeChat's e-waybill print component, simulated
  packdesk cloud --config FILE [--data DIR] [--port N]     run the hub
  packdesk cloud --demo [--data DIR] [--port N]            the demo hub with the WeChat sandbox, nothing else
  packdesk cloud station add ID --config FILE              register a station, print its token
  packdesk cloud import products|orders FILE [--mapping M] CSV imports through the hub
  packdesk cloud help                                      every hub command (stations, shipments, sweep…)
  packdesk video verify --config FILE [--data DIR]         check packing-video files against their hash chain
`;

/** Errors that are an operator's mistake (a config, a secret, a data file): told in one line. */
const OPERATOR_ERRORS = new Set(['ConfigError', 'DatabaseFileError']);

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'a part of this path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EISDIR: 'is a folder, not a file',
};

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'station':
        await (await import('./cli/station.js')).runStation(rest);
        return;
      case 'sim':
        await (await import('./cli/sim.js')).runSim(rest);
        return;
      case 'cloud':
        await (await import('./cli/cloud.js')).runCloud(rest);
        return;
      case 'video':
        await (await import('./cli/video.js')).runVideo(rest);
        return;
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return;
      default:
        fail(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof CliError || (err instanceof Error && OPERATOR_ERRORS.has(err.name))) fail(err.message);
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
      fail(`${err.message}\n${USAGE}`);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port already in use (${e.message}); pass --port N or stop the other station`);
    // A file or folder the operator named cannot be used: say which and why, not where in our code.
    if (e.path && e.code && FILE_ERRORS[e.code]) fail(`${e.path}: ${FILE_ERRORS[e.code]} (${e.code})`);
    throw err;
  }
}
