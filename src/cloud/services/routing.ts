// The routing table stations use to pick a carrier: the config's, else the built-in default. When
// it changes it goes on the feed, so every station gets it on its next pull.
import { DEFAULT_ROUTING } from '../../domain/routing.js';
import type { RoutingTable } from '../../contract/sync.js';
import type { HubContext } from '../context.js';

// Per store, not per process: tests run several hubs side by side.
const cache = new WeakMap<object, RoutingTable>();

export async function seedRouting(ctx: Pick<HubContext, 'config' | 'store'>): Promise<RoutingTable> {
  const cached = cache.get(ctx.store);
  if (cached) return cached;
  const table = ctx.config.routing ?? DEFAULT_ROUTING;
  await ctx.store.tx(async (t) => {
    const stored = await t.settings.get<RoutingTable>('routing');
    if (JSON.stringify(stored) === JSON.stringify(table)) return;
    await t.settings.set('routing', table);
    await t.feed.append('routing', String(table.version), null);
  });
  cache.set(ctx.store, table);
  return table;
}
