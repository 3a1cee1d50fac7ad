// `packdesk cloud …`: run the hub, register stations, import CSV files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hubConfigSchema, resolveSecret, type HubConfig } from '../../cloud/config.js';
import { hashToken, newToken } from '../../cloud/auth.js';
import { LAYOUTS, type Layout } from '../../contract/entities.js';
import { loadConfigFile } from '../station/config-file.js';
import { defaultDataDir } from '../station/paths.js';
import { CliError } from './errors.js';

export const CLOUD_USAGE = `  packdesk cloud --config FILE [--data DIR] [--port N]            run the hub
  packdesk cloud station add ID [--layout L] [--name N] --config FILE [--data DIR]
                                                                   register a station; prints its token once
  packdesk cloud import products FILE [--mapping MAP.json] --config FILE
  packdesk cloud import orders FILE --mapping MAP.json --config FILE   live-room orders (UTF-8 or GBK CSV)`;

const hubDataDir = () => join(defaultDataDir(), '..', 'packdesk-hub');

function loadHubConfig(path: string | undefined): HubConfig {
  if (!path) return hubConfigSchema.parse({});
  return loadConfigFile(path, hubConfigSchema);
}

async function runHub(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' } },
    strict: true,
  });
  const config = loadHubConfig(values.config);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new CliError(`--port: expected an integer 0–65535, got "${values.port}"`);
  const { startHub } = await import('../../cloud/app.js');
  const dataDir = values.data ?? hubDataDir();
  const hub = await startHub({ config, dataDir, port });
  process.stdout.write(`Packdesk hub — data in ${join(dataDir, 'hub.db')}\nHub API: ${hub.url}/v1\n`);
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

async function stationAdd(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      layout: { type: 'string', default: 'u_shaped' },
      name: { type: 'string' },
    },
    strict: true,
  });
  const id = positionals[0];
  if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id))
    throw new CliError(`station add: expected a station id of 1–32 letters, digits, _ or -, got "${id ?? ''}"`);
  if (!(LAYOUTS as readonly string[]).includes(values.layout))
    throw new CliError(`--layout: expected one of ${LAYOUTS.join(', ')}, got "${values.layout}"`);
  loadHubConfig(values.config); // a broken config is reported here rather than at the next start
  const { SqliteHubStore } = await import('../../cloud/store/sqlite/store.js');
  const store = new SqliteHubStore(join(values.data ?? hubDataDir(), 'hub.db'));
  try {
    const token = newToken();
    const added = await store.tx(async (t) => {
      if (await t.stations.get(id)) return false;
      await t.stations.add({
        id,
        name: values.name ?? id,
        layout: values.layout as Layout,
        tokenHash: hashToken(token),
        createdAt: Date.now(),
        revokedAt: null,
        lastSeenAt: null,
      });
      return true;
    });
    if (!added) throw new CliError(`station ${id} exists already`);
    process.stdout.write(
      `station ${id} registered (${values.layout}). Its token — shown once, put it in the station config under hub.token:\n${token}\n`,
    );
  } finally {
    await store.close();
  }
}

async function importCsv(kind: string | undefined, argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, mapping: { type: 'string' }, hub: { type: 'string' } },
    strict: true,
  });
  if (kind !== 'products' && kind !== 'orders')
    throw new CliError(`import: expected "products" or "orders", got "${kind ?? ''}"`);
  const file = positionals[0];
  if (!file) throw new CliError(`import ${kind}: give the CSV file`);
  const config = loadHubConfig(values.config);
  if (!config.hub.adminToken)
    throw new CliError('the hub config has no hub.adminToken; imports go through the admin API');
  const hub =
    values.hub ?? `http://${config.hub.host === '0.0.0.0' ? '127.0.0.1' : config.hub.host}:${config.hub.port}`;
  const mapping = values.mapping
    ? (JSON.parse(readFileSync(values.mapping, 'utf8')) as Record<string, unknown>)
    : undefined;
  if (kind === 'orders' && !mapping)
    throw new CliError('import orders: --mapping MAP.json is required (which CSV column is which field)');
  const res = await fetch(`${hub}/v1/admin/import/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${resolveSecret(config.hub.adminToken)}` },
    body: JSON.stringify({ csvBase64: readFileSync(file).toString('base64'), mapping }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new CliError(`import failed (${res.status}): ${String(body.message ?? JSON.stringify(body))}`);
  process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
}

export async function runCloud(argv: string[]): Promise<void> {
  const [a, b, ...rest] = argv;
  if (a === 'station' && b === 'add') return stationAdd(rest);
  if (a === 'station') throw new CliError(`cloud station: expected "add", got "${b ?? ''}"\n${CLOUD_USAGE}`);
  if (a === 'import') return importCsv(b, rest);
  return runHub(argv);
}
