// `packdesk cloud shipments …` and `packdesk cloud sweep`: the admin API from the command line, for
// the things that need a person (README: Operations). Every failure is one line and a non-zero exit.
import { parseArgs } from 'node:util';
import { resolveSecret, type HubConfig } from '../../cloud/config.js';
import { CliError } from './errors.js';

export const CLOUD_ADMIN_USAGE = `  packdesk cloud shipments stuck --config FILE [--hub URL]          report-backs that failed or conflict
  packdesk cloud shipments retry ORDER --config FILE [--hub URL]    send them again once the cause is fixed
  packdesk cloud shipments resolve ORDER --note TEXT --config FILE  close them as handled elsewhere
  packdesk cloud sweep [--shop ID] --config FILE [--hub URL]       re-list the last 7 days now for missed orders`;

/** The hub's admin API, by the config's address (or --hub) and admin token. */
export async function adminCall<T>(
  config: HubConfig,
  hubUrl: string | undefined,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  if (!config.hub.adminToken)
    throw new CliError('the hub config has no hub.adminToken; this goes through the admin API');
  const base = hubUrl ?? `http://${config.hub.host === '0.0.0.0' ? '127.0.0.1' : config.hub.host}:${config.hub.port}`;
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${resolveSecret(config.hub.adminToken)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`the hub at ${base} cannot be reached (${cause?.code ?? cause?.message ?? String(err)})`);
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: shown as text below
  }
  if (!res.ok) {
    const message = (parsed as { message?: unknown } | null)?.message;
    throw new CliError(`${method} ${path} failed (${res.status}): ${typeof message === 'string' ? message : text}`);
  }
  return parsed as T;
}

interface Stuck {
  shipments: { orderId: string; state: string; carrier: string; waybill: string | null; lastErrmsg: string | null }[];
}

export async function runShipments(
  loadConfig: (path: string | undefined) => HubConfig,
  sub: string | undefined,
  argv: string[],
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, hub: { type: 'string' }, note: { type: 'string' } },
    strict: true,
  });
  const config = loadConfig(values.config);
  if (sub === 'stuck') {
    const { shipments } = await adminCall<Stuck>(config, values.hub, 'GET', '/v1/admin/shipments/stuck');
    if (shipments.length === 0) process.stdout.write('no stuck shipments\n');
    for (const s of shipments)
      process.stdout.write(`${s.orderId}\t${s.state}\t${s.carrier} ${s.waybill ?? '-'}\t${s.lastErrmsg ?? ''}\n`);
    return;
  }
  if (sub !== 'retry' && sub !== 'resolve')
    throw new CliError(`cloud shipments: expected "stuck", "retry" or "resolve", got "${sub ?? ''}"`);
  const orderId = positionals[0];
  if (!orderId || !/^\d{1,32}$/.test(orderId))
    throw new CliError(`cloud shipments ${sub}: expected an order id, got "${orderId ?? ''}"`);
  if (sub === 'resolve' && !values.note?.trim())
    throw new CliError('cloud shipments resolve: --note TEXT is required (how it was handled)');
  const res = await adminCall<{ parcels: number }>(
    config,
    values.hub,
    'POST',
    `/v1/admin/shipments/${orderId}/${sub}`,
    sub === 'resolve' ? { note: values.note } : {},
  );
  process.stdout.write(`order ${orderId}: ${res.parcels} parcel(s) ${sub === 'retry' ? 'queued again' : 'resolved'}\n`);
}

export async function runSweep(loadConfig: (path: string | undefined) => HubConfig, argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, hub: { type: 'string' }, shop: { type: 'string' } },
    strict: true,
  });
  const config = loadConfig(values.config);
  const res = await adminCall<{ shops: { shopId: string; listed: number; fetched: number }[] }>(
    config,
    values.hub,
    'POST',
    '/v1/admin/wechat/sweep',
    values.shop ? { shopId: values.shop } : {},
  );
  if (res.shops.length === 0) process.stdout.write('no Channels shop is configured\n');
  for (const s of res.shops)
    process.stdout.write(`${s.shopId}: ${s.listed} orders listed, ${s.fetched} missed ones read\n`);
}
