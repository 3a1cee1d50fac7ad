// The stores a hub bench runs on, in turn: one hub on SQLite, then two hub instances sharing
// PostgreSQL (PACKDESK_BENCH_PG_URL, else a throwaway cluster; pg-cluster.ts) in a schema of the
// run's own, dropped afterwards. `stores` picks among 'sqlite' and 'postgres'.
import type { HubConfig } from '../../cloud/config.js';
import { dropPgSchema } from '../../cloud/store/copy/pg-schema.js';
import { benchPgUrl } from './pg-cluster.js';

export interface BenchStore {
  label: string;
  instances: number;
  store: HubConfig['store'];
}

export async function onBenchStores(
  stores: readonly string[],
  name: string,
  log: (line: string) => void,
  run: (s: BenchStore) => Promise<void>,
): Promise<void> {
  if (stores.includes('sqlite')) await run({ label: 'SQLite, 1 hub', instances: 1, store: { kind: 'sqlite' } });
  if (!stores.includes('postgres')) return;
  const pg = await benchPgUrl(log);
  if (!pg) return;
  const schema = `bench_${name}_${process.pid}`;
  try {
    await run({
      label: 'PostgreSQL, 2 hubs',
      instances: 2,
      store: { kind: 'postgres', url: pg.url, schema, poolSize: 10 },
    });
  } finally {
    await dropPgSchema(pg.url, schema).catch(() => undefined);
    await pg.stop();
  }
}
