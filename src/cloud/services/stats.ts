// Statistics at the hub: the shared module over every station's events (read as compact columns),
// with layouts in force and parcels handed over to WeChat.
import { computeStats } from '../../domain/stats/compute.js';
import { buildSupervisorView } from '../../domain/stats/supervisor.js';
import { exportTable, type ExportLang, type ExportTable } from '../../domain/stats/export-table.js';
import type { StatsDimension, StatsResult } from '../../contract/stats.js';
import type { Incident, SupervisorView } from '../../contract/api/supervisor.js';
import { INCIDENT_EVENT_TYPES } from '../../domain/stats/incidents.js';
import { localDayStart } from '../../base/time.js';
import type { HubContext } from '../context.js';

const HOUR = 3_600_000;
/** A pack started this long before the range still gives its pack time; labels print after it. */
const BEFORE = 6 * HOUR;
const AFTER = HOUR;

function query(ctx: HubContext, from: number, to: number, groupings: StatsDimension[][]) {
  const s = ctx.config.stats;
  return { from, to, timezone: s.timezone, idleGapMs: s.idleGapMinutes * 60_000, shifts: s.shifts, groupings };
}

async function load(ctx: HubContext, from: number, to: number) {
  const first = from - BEFORE;
  const cache = ctx.statsCache;
  if (cache.covers(first)) {
    const events = await cache.range(first, to + AFTER);
    return {
      events,
      handovers: cache.handovers(first, to + AFTER),
      layouts: await ctx.store.tx((t) => t.stations.layoutPeriods()),
    };
  }
  return ctx.store.tx(async (t) => ({
    events: await t.events.range(first, to + AFTER),
    layouts: await t.stations.layoutPeriods(),
    handovers: await t.shipments.handovers(first, to + AFTER),
  }));
}

export async function hubStats(
  ctx: HubContext,
  from: number,
  to: number,
  groupings: StatsDimension[][],
): Promise<StatsResult> {
  const { events, layouts, handovers } = await load(ctx, from, to);
  return computeStats(events, query(ctx, from, to, groupings), { layouts, handovers });
}

export async function supervisorView(ctx: HubContext, from: number, to: number): Promise<SupervisorView> {
  const now = ctx.now();
  const s = ctx.config.stats;
  const { events, layouts, handovers } = await load(
    ctx,
    Math.min(from, localDayStart(now, s.timezone), now - HOUR),
    Math.max(to, now + 1),
  );
  const meta = await ctx.store.tx(async (t) => {
    const stations = [];
    for (const st of await t.stations.list()) {
      if (st.revokedAt) continue;
      const login = await t.events.lastLogin(st.id);
      stations.push({
        id: st.id,
        name: st.name,
        layout: st.layout,
        lastSeenAt: st.lastSeenAt ?? st.createdAt,
        report: await t.stations.report(st.id),
        packerId: login?.type === 'packer.login' ? login.packer_id : null,
      });
    }
    const packerNames = Object.fromEntries((await t.packers.all()).map((p) => [p.id, p.name]));
    const exceptions = (await t.exceptions.list({ open: true })).slice(-100).reverse();
    // Incidents need reasons and supervisors, which the compact statistics columns do not keep.
    const incidentEvents = await t.events.withPayload(
      INCIDENT_EVENT_TYPES,
      from - 7 * 24 * HOUR,
      Math.max(to, now + 1),
    );
    const failed = await t.shipments.inStates(['failed', 'conflict'], 200);
    const reportFailures: Incident[] = failed.map((sh) => ({
      kind: 'report_failed',
      at: sh.packedAt,
      stationId: sh.stationId,
      packerId: null,
      supervisorId: null,
      orderId: sh.orderId,
      reason: `${sh.state}${sh.lastErrcode === null ? '' : ` errcode ${sh.lastErrcode}`}${sh.lastErrmsg ? `: ${sh.lastErrmsg}` : ''}`,
      waiting: false,
    }));
    return { stations, packerNames, exceptions, incidentEvents, reportFailures };
  });
  return buildSupervisorView({
    scope: 'hub',
    now,
    from,
    to,
    timezone: s.timezone,
    shifts: s.shifts,
    idleGapMs: s.idleGapMinutes * 60_000,
    events,
    layouts,
    handovers,
    stations: meta.stations,
    packerNames: meta.packerNames,
    exceptions: meta.exceptions.map(({ resolvedAt: _r, ...e }) => e),
    thresholds: s.alerts,
    minActiveMs: s.minActiveMinutes * 60_000,
    incidentEvents: meta.incidentEvents,
    extraIncidents: meta.reportFailures,
  });
}

/** One grouping as the spreadsheet table (GET /v1/stats/export): names beside ids, minutes, yuan. */
export async function statsExport(
  ctx: HubContext,
  from: number,
  to: number,
  by: StatsDimension[],
  lang: ExportLang,
): Promise<ExportTable> {
  const result = await hubStats(ctx, from, to, [by]);
  const names = await ctx.store.tx(async (t) => ({
    stations: Object.fromEntries((await t.stations.list()).map((s) => [s.id, s.name])),
    packers: Object.fromEntries((await t.packers.all()).map((p) => [p.id, p.name])),
  }));
  return exportTable(result, 0, { lang, names, minActiveMs: ctx.config.stats.minActiveMinutes * 60_000 });
}
