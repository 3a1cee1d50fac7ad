// `demo` in a station config: the embedded demo hub (src/demo/hub, WeChat sandbox included) runs in
// this process with its data beside the station's, and the station syncs with it exactly as with a
// real hub (HTTP, token, long-poll, outbox). A configured `hub` wins over `demo`.
import { join } from 'node:path';
import type { StationConfig } from '../../main/config/schema.js';
import { startDemoHub, type DemoHub } from '../../demo/hub/index.js';

export interface DemoLink {
  /** The config the station runs with: `hub` points at the demo hub. */
  config: StationConfig;
  demoHub: DemoHub | null;
}

export async function linkDemoHub(
  config: StationConfig,
  opts: { dataDir: string; now: () => number; log: (line: string) => void; trickleS?: number },
): Promise<DemoLink> {
  const demo = config.demo;
  if (!demo || config.hub) return { config, demoHub: null };
  const demoHub = await startDemoHub({
    dataDir: join(opts.dataDir, `demo-hub-${config.station.id}`),
    station: { id: config.station.id, name: config.station.name, layout: config.station.layout },
    seed: demo.seed,
    orders: demo.orders,
    waybillsPerCarrier: demo.waybillsPerCarrier,
    trickleMs: (opts.trickleS ?? demo.trickleS) * 1000,
    cancelEvery: demo.cancelEvery,
    now: opts.now,
    log: opts.log,
  });
  const hub = { url: demoHub.url, token: demoHub.token, pullWaitS: 25, pushBatch: 200, poolTarget: 100 };
  return { config: { ...config, hub }, demoHub };
}

/** What goes back into the config file: the link to the demo hub is made afresh at every start. */
export function withoutDemoLink(config: StationConfig, link: DemoLink): StationConfig {
  if (!link.demoHub) return config;
  const { hub: _link, ...rest } = config;
  return rest;
}
