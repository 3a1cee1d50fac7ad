// Statistics over a large event log at the hub: a synthetic month of three stations (one of them
// re-laid half-way) stored in the hub's SQLite the way pushed events are, with every parcel handed
// over to WeChat; then the stats API over the whole range, with the groupings the supervisor uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startHub } from '../../cloud/app.js';
import { hubConfigSchema } from '../../cloud/config.js';
import { hashToken, newToken } from '../../cloud/auth.js';
import type { ShipmentRow } from '../../cloud/store/types.js';
import { syntheticEvents } from './stats-data.js';
import { computeStats } from '../../domain/stats/compute.js';
import type { StatsDimension, StatsQuery } from '../../contract/stats.js';
import { ms, nowMs, verdict } from './stats.js';

type Log = (line: string) => void;

const TARGET_MS = 1000;
const BY: StatsDimension[][] = [['station'], ['layout'], ['packer'], ['station', 'hour']];
const BATCH = 20_000;

export async function benchHubStats(opts: { events: number; runs: number; log: Log }): Promise<void> {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-stats-'));
  const data = syntheticEvents(opts.events);
  const config = hubConfigSchema.parse({
    reportBack: { intervalMs: 60_000 },
    stats: { timezone: data.timezone, shifts: data.shifts },
  });
  const hub = await startHub({ config, dataDir: dir, port: 0, logger: pino({ level: 'silent' }) });
  try {
    const token = newToken();
    const stations = [...new Set(data.layouts.map((p) => p.stationId))];
    await hub.store.tx(async (t) => {
      for (const id of stations) {
        const [first, ...later] = data.layouts.filter((p) => p.stationId === id).sort((a, b) => a.from - b.from);
        if (!first) continue;
        await t.stations.add({
          id,
          name: id,
          layout: first.layout,
          tokenHash: hashToken(id === stations[0] ? token : newToken()),
          createdAt: first.from,
          revokedAt: null,
          lastSeenAt: null,
        });
        for (const p of later) await t.stations.setLayout(id, p.layout, p.from);
      }
    });

    // Stored as a push stores them: one row per event with its compact stats columns.
    const parcels = new Map<string, { stationId: string; packId: string; at: number }>();
    let t0 = nowMs();
    for (let i = 0; i < data.events.length; i += BATCH) {
      await hub.store.tx(async (t) => {
        for (const e of data.events.slice(i, i + BATCH)) {
          await t.events.insertIfNew(e, e.at);
          if (e.type === 'parcel.packed')
            parcels.set(String(e.payload.parcelId), {
              stationId: e.stationId,
              packId: String(e.payload.packId),
              at: e.at,
            });
        }
      });
    }
    const insertMs = nowMs() - t0;
    t0 = nowMs();
    await hub.store.tx(async (t) => {
      for (const h of data.handovers) {
        const p = parcels.get(h.parcelId);
        if (!p) continue;
        const row: ShipmentRow = {
          parcelId: h.parcelId,
          orderId: `O-${p.packId}`,
          stationId: p.stationId,
          packId: p.packId,
          parcelNo: 1,
          carrier: 'SF',
          waybill: `SF${h.parcelId.slice(-10)}`,
          items: [],
          weightG: 500,
          packedAt: p.at,
          state: 'done',
          attempts: 1,
          nextAt: h.at,
          uncertain: false,
          lastErrcode: 0,
          lastErrmsg: null,
          lastRid: null,
          doneAt: h.at,
        };
        await t.shipments.upsert(row);
      }
    });
    const days = (data.to - data.from) / 86_400_000;
    log(
      `  log: ${data.events.length.toLocaleString('en-US')} events over ${days.toFixed(1)} days, 3 stations (S2 re-laid half-way), ${data.handovers.length.toLocaleString('en-US')} parcels handed over`,
    );
    log(
      `  stored in the hub's SQLite at ${Math.round(data.events.length / (insertMs / 1000)).toLocaleString('en-US')} events/s (${(insertMs / 1000).toFixed(1)} s); shipments ${((nowMs() - t0) / 1000).toFixed(1)} s`,
    );

    // A hub reads its recent log into memory once, in steps, when it starts (services/stats-cache.ts).
    const rssBefore = process.memoryUsage().rss;
    t0 = nowMs();
    await hub.ctx.statsCache.catchUp();
    log(
      `  read into the hub's stats cache once (at hub start): ${((nowMs() - t0) / 1000).toFixed(1)} s, ${hub.ctx.statsCache.size.toLocaleString('en-US')} events, +${Math.round((process.memoryUsage().rss - rssBefore) / 1048576)} MB RSS`,
    );

    // The API end to end: authenticate, read the range, compute, serialize, over HTTP.
    const url = `${hub.url}/v1/stats?from=${data.from}&to=${data.to}&by=${BY.map((g) => g.join(',')).join(';')}`;
    const times: number[] = [];
    let orders = 0;
    for (let i = 0; i < opts.runs; i++) {
      const start = nowMs();
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { total: { orders: number; units: number } };
      times.push(nowMs() - start);
      if (res.status !== 200) throw new Error(`GET /v1/stats: ${res.status} ${JSON.stringify(body)}`);
      orders = body.total.orders;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    log(
      `  GET /v1/stats over all of it (${BY.map((g) => g.join('×')).join(', ')}): median ${ms(median)}, best ${ms(sorted[0] ?? Number.NaN)}, worst ${ms(sorted.at(-1) ?? Number.NaN)} over ${opts.runs} runs — target ≤ ${TARGET_MS} ms ${verdict(median <= TARGET_MS)}`,
    );

    const sv: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = nowMs();
      const res = await fetch(`${hub.url}/v1/stats/supervisor?from=${data.from}&to=${data.to}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.json();
      if (res.status !== 200) throw new Error(`GET /v1/stats/supervisor: ${res.status}`);
      sv.push(nowMs() - start);
    }
    sv.sort((a, b) => a - b);
    log(
      `  GET /v1/stats/supervisor over all of it (tiles, hourly, station×hour, packers, layouts): median ${ms(sv[1] ?? Number.NaN)} over 3 runs`,
    );

    // Where the time goes: the range from the cache, then the shared stats module.
    t0 = nowMs();
    const events = await hub.ctx.statsCache.range(data.from, data.to);
    const loaded = {
      events,
      layouts: await hub.store.tx((t) => t.stations.layoutPeriods()),
      handovers: hub.ctx.statsCache.handovers(data.from, data.to),
    };
    const readMs = nowMs() - t0;
    const query: StatsQuery = {
      from: data.from,
      to: data.to,
      timezone: data.timezone,
      idleGapMs: 5 * 60_000,
      shifts: data.shifts,
      groupings: BY,
    };
    t0 = nowMs();
    const r = computeStats(loaded.events, query, { layouts: loaded.layouts, handovers: loaded.handovers });
    const computeMs = nowMs() - t0;
    if (r.total.orders !== orders) throw new Error(`the API counted ${orders} orders, the module ${r.total.orders}`);
    log(
      `    of which: ${loaded.events.length.toLocaleString('en-US')} events from the cache, layouts and hand-overs ${ms(readMs)}, computeStats ${ms(computeMs)} (${r.total.orders.toLocaleString('en-US')} orders, ${r.total.units.toLocaleString('en-US')} units, ${r.groupings[3]?.groups.length ?? 0} station-hours)`,
    );
    log(`  process RSS after (bench data included): ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
  } finally {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
