// Statistics over a year of a 10-desk warehouse (≈ 10 M events): the stats cells are written straight
// into the hub's SQLite, a day at a time, by the same fold the hub runs as events arrive
// (services/stats-fold.ts) — pushing 10 M events through HTTP would take hours — and the last two
// days' events are stored too, so a range cut mid-hour reads real events at its ends. Then the hub
// is started as its own process on that data (`packdesk cloud`), asked for the stats over the whole
// year and over the last day, and its memory read from /proc: the figure is the hub's alone, not
// this process's, which generated the year.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHubStore } from '../../cloud/store/open.js';
import { hubConfigSchema } from '../../cloud/config.js';
import { hashToken, newToken } from '../../cloud/auth.js';
import type { ShipmentRow } from '../../cloud/store/types.js';
import type { SampleRow } from '../../cloud/store/stats-cells-types.js';
import { CELLS_SETTINGS_KEY, StatsFolder, foldSettings } from '../../cloud/services/stats-fold.js';
import type { StreamPoint } from '../../domain/stats/cell-fold.js';
import { packSamples } from '../../domain/stats/pack-samples.js';
import type { StatsEvent } from '../../contract/stats.js';
import type { Layout } from '../../contract/entities.js';
import { DAY, DESKS, YEAR_SHIFTS, YEAR_TIMEZONE, deskDay } from './stats-year.js';
import { benchRequest } from './http-client.js';
import { startHubProcess, stopHub } from './hub-process.js';
import { ms, nowMs, summarize, verdict } from './stats.js';

type Log = (line: string) => void;

const P95_TARGET_MS = 200;
const RSS_TARGET_MB = 300;
const DAYS = 365;
/** 2025-12-01 00:00 in Asia/Shanghai. */
const START = Date.UTC(2025, 10, 30, 16);
const LAYOUTS: Layout[] = ['u_shaped', 'island', 'straight'];

/** Each pack's events are contiguous in a desk-day, so its samples come from that slice alone. */
function samplesOf(events: readonly StatsEvent[]): ReturnType<typeof packSamples> {
  const out: ReturnType<typeof packSamples> = [];
  let from = 0;
  for (let i = 1; i <= events.length; i++) {
    if (i === events.length || events[i]?.type === 'pack.started') {
      out.push(...packSamples(events.slice(from, i)));
      from = i;
    }
  }
  return out;
}

export async function benchHubStats(opts: { events: number; runs: number; log: Log }): Promise<void> {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-stats-'));
  const config = hubConfigSchema.parse({
    reportBack: { intervalMs: 60_000 },
    stats: { timezone: YEAR_TIMEZONE, shifts: YEAR_SHIFTS },
  });
  const configPath = join(dir, 'hub.json');
  writeFileSync(configPath, JSON.stringify(config));
  let hub: ChildProcess | null = null;
  const token = newToken();
  try {
    const store = await openHubStore(config, dir);
    await store.tx(async (t) => {
      for (let d = 0; d < DESKS; d++) {
        const id = `D${String(d + 1).padStart(2, '0')}`;
        await t.stations.add({
          id,
          name: id,
          layout: LAYOUTS[d % 3] as Layout,
          tokenHash: hashToken(d === 0 ? token : newToken()),
          createdAt: START,
          revokedAt: null,
          lastSeenAt: null,
        });
      }
      // One desk rebuilt half-way through the year.
      await t.stations.setLayout('D02', 'u_shaped', START + 182 * DAY + 3 * 3_600_000 + 17 * 60_000);
    });

    const perDeskDay = Math.max(20, Math.round(opts.events / (DAYS * DESKS)));
    const settings = foldSettings(config);
    const points = new Map<string, StreamPoint>();
    let events = 0;
    let orders = 0;
    let t0 = nowMs();
    for (let day = 0; day < DAYS; day++) {
      const dayStart = START + day * DAY;
      const handovers = new Map<string, number>();
      const desks: StatsEvent[][] = [];
      for (let d = 0; d < DESKS; d++) desks.push(deskDay(d, day, dayStart, perDeskDay, handovers));
      const all = desks.flat().sort((a, b) => a.at - b.at);
      events += all.length;
      for (const e of all) if (e.type === 'pack.completed') orders++;
      await store.tx(async (t) => {
        const folder = await StatsFolder.open(t, settings);
        folder.walk(all, points);
        // Samples grouped by cell: one replace per cell and day, as the fold would leave them.
        const packs = new Map<string, SampleRow[]>();
        const parcels = new Map<string, SampleRow[]>();
        const put = (m: Map<string, SampleRow[]>, row: SampleRow): void => {
          const key = `${row.cell.station}|${row.cell.packer}|${row.cell.hourAt}|${row.cell.layout}`;
          const list = m.get(key);
          if (list) list.push(row);
          else m.set(key, [row]);
        };
        for (const desk of desks) {
          for (const s of samplesOf(desk)) {
            put(packs, {
              eventId: s.eventId,
              cell: folder.cellRef(s.stationId, s.packerId, s.at),
              packTimeMs: s.packTimeMs,
              paidToPackedMs: s.paidToPackedMs,
              toHandoverMs: null,
            });
          }
          for (const e of desk) {
            if (e.type !== 'parcel.packed') continue;
            const handed = handovers.get(e.payload.parcelId as string) as number;
            put(parcels, {
              eventId: e.id,
              cell: folder.cellRef(e.stationId, e.packerId, e.at),
              packTimeMs: null,
              paidToPackedMs: null,
              toHandoverMs: handed - e.at,
            });
          }
        }
        for (const [key, rows] of packs) await t.statsCells.setSamples('pack', key, rows);
        for (const [key, rows] of parcels) await t.statsCells.setSamples('parcel', key, rows);
        await folder.flush();
        if (day >= DAYS - 2) {
          for (const e of all) await t.events.insertIfNew(e, e.at);
          for (const desk of desks)
            for (const e of desk) if (e.type === 'parcel.packed') await t.shipments.upsert(shipment(e, handovers));
        }
      });
    }
    await store.tx(async (t) => {
      for (const [key, point] of points) {
        const [station, packer] = key.split('\u0001') as [string, string];
        await t.statsCells.setStream(station, packer, point);
      }
      // As the fold leaves it: otherwise the hub, at its start, rebuilds the cells from the two days
      // of stored events and the year's queries would read two days.
      await t.settings.set(CELLS_SETTINGS_KEY, settings);
    });
    const cells = await store.tx((t) => t.statsCells.count());
    await store.close();
    log(
      `  a year of ${DESKS} desks: ${events.toLocaleString('en-US')} events folded into ${cells.toLocaleString('en-US')} cells in ${((nowMs() - t0) / 1000).toFixed(0)} s (events of the last 2 days stored too)`,
    );

    const started = await startHubProcess(configPath, dir);
    hub = started.proc;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = async (path: string, expectOrders?: number): Promise<number> => {
      const start = nowMs();
      const res = await benchRequest(`${started.url}${path}`, {
        method: 'GET',
        agent,
        headers: { authorization: `Bearer ${token}` },
      });
      // The hub's answer time: until its last byte is here. Decoding and parsing it (6.7 MB for a
      // year by hour) is this client's work, done after the clock stops.
      const took = nowMs() - start;
      const text = res.body.toString();
      const body = JSON.parse(text) as { total?: { orders: number } };
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 500)}`);
      // The whole year must be what was answered, not whatever cells the hub happened to hold.
      if (expectOrders !== undefined && body.total?.orders !== expectOrders)
        throw new Error(`GET ${path}: ${String(body.total?.orders)} orders, expected ${expectOrders}`);
      return took;
    };
    const end = START + DAYS * DAY;
    // The first query reads every block of cells from the store; later ones read only what changed.
    const cold = await get(`/v1/stats?from=${START}&to=${end}`, orders);
    const afterCold = hubMemory(hub.pid as number);
    log(
      `  first GET /v1/stats over the whole year after the hub's start (cells read from the store): ${ms(cold)}; hub RSS then ${afterCold.rss} MB, peak ${afterCold.peak} MB`,
    );
    const runs = Math.max(opts.runs, 20);
    for (const [label, path] of [
      ['over the whole year (station;packer;layout;hour)', `/v1/stats?from=${START}&to=${end}`],
      ['over the year, cut mid-hour at both ends', `/v1/stats?from=${START + 7 * 60_000}&to=${end - 13 * 60_000}`],
      ['over the last day (the default range, cut mid-hour)', `/v1/stats?from=${end - DAY - 1234}&to=${end - 1234}`],
    ] as const) {
      // The first queries of a range also settle its large groups' percentile windows
      // (domain/stats/percentile-hints.ts): shown apart from the steady runs.
      const settling = [await get(path), await get(path), await get(path)];
      log(`  settling (${label}): ${settling.map((t) => ms(t)).join(', ')}`);
      const times: number[] = [];
      t0 = nowMs();
      for (let i = 0; i < runs; i++) times.push(await get(path));
      const s = summarize(times);
      const p95 = [...times].sort((a, b) => a - b)[Math.ceil(0.95 * times.length) - 1] as number;
      log(
        `  GET /v1/stats ${label}: p50 ${ms(s.p50)}, p95 ${ms(p95)} over ${runs} runs — target p95 ≤ ${P95_TARGET_MS} ms ${verdict(p95 <= P95_TARGET_MS)}`,
      );
    }
    agent.destroy();
    const mem = hubMemory(hub.pid as number);
    log(
      `  hub process memory after the queries: RSS ${mem.rss} MB, peak RSS (VmHWM) ${mem.peak} MB — target ≤ ${RSS_TARGET_MB} MB ${verdict(mem.peak <= RSS_TARGET_MB)}`,
    );
  } finally {
    if (hub) await stopHub(hub);
    // PACKDESK_BENCH_KEEP=1 keeps the year's data to look at afterwards (`packdesk cloud --data DIR`).
    if (process.env.PACKDESK_BENCH_KEEP === '1') {
      writeFileSync(join(dir, 'station-token'), token);
      log(`  data kept in ${dir} (hub.json; a station's token in station-token)`);
    } else rmSync(dir, { recursive: true, force: true });
  }
}

/** The hub's resident memory now and at its peak (Linux /proc; the bench runs on Linux). */
function hubMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m?.[1]) throw new Error(`/proc/${pid}/status: no ${field} line`);
    return Math.round(Number(m[1]) / 1024);
  };
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

function shipment(e: StatsEvent, handovers: ReadonlyMap<string, number>): ShipmentRow {
  const parcelId = e.payload.parcelId as string;
  const at = handovers.get(parcelId) as number;
  return {
    parcelId,
    orderId: `O-${String(e.payload.packId)}`,
    stationId: e.stationId,
    packId: String(e.payload.packId),
    parcelNo: 1,
    carrier: 'SF',
    waybill: `SF${parcelId}`,
    items: [],
    weightG: 500,
    packedAt: e.at,
    state: 'done',
    attempts: 1,
    nextAt: at,
    uncertain: false,
    lastErrcode: 0,
    lastErrmsg: null,
    lastRid: null,
    doneAt: at,
  };
}
