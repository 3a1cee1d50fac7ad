// `packdesk cloud …`: run the hub, register stations, import CSV files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { hubConfigSchema, type HubConfig } from '../../cloud/config.js';
import { loadConfigFile, readJsonFile } from '../station/config-file.js';
import { defaultDataDir } from '../station/paths.js';
import { parseTrickle } from './demo-args.js';
import { CliError } from './errors.js';
import { adminCall, CLOUD_ADMIN_USAGE, runShipments, runSweep } from './cloud-admin.js';
import { CLOUD_STATION_USAGE, runStation } from './cloud-stations.js';
import { CLOUD_MIGRATE_USAGE } from './cloud-migrate.js';
import { CLOUD_BACKUP_USAGE } from './cloud-backup.js';
import { CLOUD_STATS_USAGE } from './cloud-stats.js';
import { limitHeapGrowth } from './heap-growth.js';

export const CLOUD_USAGE = `  packdesk cloud --config FILE [--data DIR] [--port N]            run the hub
  packdesk cloud --demo [--data DIR] [--port N] [--trickle S]      the demo hub with the WeChat sandbox; prints the
                                                                   demo station's token
  packdesk cloud import products FILE [--mapping MAP.json] --config FILE
  packdesk cloud import orders FILE --mapping MAP.json --config FILE   live-room orders (UTF-8 or GBK CSV)
  packdesk cloud import stock FILE [--mode opening|receipt] [--mapping MAP.json] --config FILE
                                                                   stock CSV (sku,qty,location,reference); opening
                                                                   sets on hand, receipt (default) adds to it
${CLOUD_STATION_USAGE}
${CLOUD_ADMIN_USAGE}
${CLOUD_MIGRATE_USAGE}
${CLOUD_BACKUP_USAGE}
${CLOUD_STATS_USAGE}`;

const hubDataDir = () => join(defaultDataDir(), '..', 'packdesk-hub');

function loadHubConfig(path: string | undefined): HubConfig {
  if (!path) return hubConfigSchema.parse({});
  return loadConfigFile(path, hubConfigSchema);
}

async function runHub(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      trickle: { type: 'string' },
    },
    strict: true,
  });
  if (values.demo && values.config) throw new CliError('--demo runs the built-in demo hub: leave out --config');
  if (values.trickle !== undefined && !values.demo) throw new CliError('--trickle goes with --demo');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new CliError(`--port: expected an integer 0–65535, got "${values.port}"`);
  limitHeapGrowth();
  const hub = values.demo
    ? await startDemo(values.data ?? join(hubDataDir(), '..', 'packdesk-demo-hub'), port, values.trickle)
    : await startConfiguredHub(loadHubConfig(values.config), values.data ?? hubDataDir(), port);
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function startConfiguredHub(
  config: HubConfig,
  dataDir: string,
  port: number | undefined,
): Promise<{ close(): Promise<void> }> {
  const { startHub } = await import('../../cloud/app.js');
  const hub = await startHub({ config, dataDir, port });
  process.stdout.write(`Packdesk hub — data in ${join(dataDir, 'hub.db')}\nHub API: ${hub.url}/v1\n`);
  return hub;
}

/** The embedded demo hub alone: the hub, the WeChat sandbox and its trickle of orders, one demo station. */
async function startDemo(
  dataDir: string,
  port: number | undefined,
  trickle: string | undefined,
): Promise<{ close(): Promise<void> }> {
  const { startDemoHub } = await import('../../demo/hub/index.js');
  const demo = await startDemoHub({
    dataDir,
    port,
    trickleMs: trickle === undefined ? undefined : parseTrickle(trickle) * 1000,
    logger: pino({ base: { service: 'packdesk-demo-hub' } }),
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(
    `Packdesk demo hub — data in ${join(dataDir, 'hub.db')}\n` +
      `Hub API: ${demo.url}/v1\n` +
      `WeChat sandbox: ${demo.sandboxUrl}\n` +
      `Demo station ${demo.stationId} token: ${demo.token}\n` +
      `  (a station config with "station": {"id": "${demo.stationId}"} and ` +
      `"hub": {"url": "${demo.url}", "token": "…"} syncs with it)\n`,
  );
  return demo;
}

async function importCsv(kind: string | undefined, argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      mapping: { type: 'string' },
      hub: { type: 'string' },
      mode: { type: 'string' },
    },
    strict: true,
  });
  if (kind !== 'products' && kind !== 'orders' && kind !== 'stock')
    throw new CliError(`import: expected "products", "orders" or "stock", got "${kind ?? ''}"`);
  if (values.mode !== undefined && kind !== 'stock') throw new CliError('--mode goes with import stock');
  if (values.mode !== undefined && values.mode !== 'opening' && values.mode !== 'receipt')
    throw new CliError(`--mode: expected "opening" or "receipt", got "${values.mode}"`);
  const file = positionals[0];
  if (!file) throw new CliError(`import ${kind}: give the CSV file`);
  const config = loadHubConfig(values.config);
  const mapping = values.mapping ? (readJsonFile(values.mapping) as Record<string, unknown>) : undefined;
  if (kind === 'orders' && !mapping)
    throw new CliError('import orders: --mapping MAP.json is required (which CSV column is which field)');
  const body = await adminCall<{ imported: number; errors: string[] }>(
    config,
    values.hub,
    'POST',
    `/v1/admin/import/${kind}`,
    { csvBase64: readFileSync(file).toString('base64'), mapping, ...(kind === 'stock' ? { mode: values.mode } : {}) },
  );
  process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  // Nothing imported is a failed import, whatever else the file held (scripts check the exit code).
  if (body.imported === 0) throw new CliError(`import ${kind}: nothing was imported from ${file}`);
}

export async function runCloud(argv: string[]): Promise<void> {
  const [a, b, ...rest] = argv;
  if (a === 'help' || a === '--help') return void process.stdout.write(`${CLOUD_USAGE}\n`);
  if (a === 'station') return runStation(b, rest, { loadConfig: loadHubConfig, defaultDataDir: hubDataDir });
  if (a === 'import') return importCsv(b, rest);
  if (a === 'shipments') return runShipments(loadHubConfig, b, rest);
  if (a === 'sweep') return runSweep(loadHubConfig, argv.slice(1));
  if (a === 'migrate') return (await import('./cloud-migrate.js')).runMigrate(argv.slice(1));
  if (a === 'stats')
    return (await import('./cloud-stats.js')).runStats(b, rest, {
      loadConfig: loadHubConfig,
      defaultDataDir: hubDataDir,
    });
  if (a === 'backup')
    return (await import('./cloud-backup.js')).runBackup(argv.slice(1), {
      loadConfig: loadHubConfig,
      defaultDataDir: hubDataDir,
    });
  return runHub(argv);
}
