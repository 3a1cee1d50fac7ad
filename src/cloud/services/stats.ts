// Statistics at the hub: stored cells for whole hours (services/stats-fold.ts), the shared pass over
// the events of a range's partial hours and of the supervisor's day, with layouts in force and
// parcels handed over to WeChat.
import { innerRange, statsFromColumns, type EdgeInput } from '../../domain/stats/from-cells.js';
import { edgeEventsQuery } from '../../domain/stats/edge-events.js';
import { StatsFolder, foldSettings } from './stats-fold.js';
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

/** Events around [from, to) with what the pass joins them to (the supervisor view, a range's ends). */
async function load(ctx: HubContext, from: number, to: number) {
  const first = from - BEFORE;
  return ctx.store.tx(async (t) => ({
    events: await t.events.range(first, to + AFTER),
    layouts: await t.stations.layoutPeriods(),
    handovers: await t.shipments.handovers(first, to + AFTER),
  }));
}

/**
 * Statistics of [from, to) from the stored cells (services/stats-fold.ts): the whole local-hour
 * segments inside the range are read from cells, the minutes at either end (a range that does not
 * start or end on a segment boundary) by the pass over those minutes' events.
 */
export async function hubStats(
  ctx: HubContext,
  from: number,
  to: number,
  groupings: StatsDimension[][],
): Promise<StatsResult> {
  const q = query(ctx, from, to, groupings);
  const inner = innerRange(from, to, q.timezone);
  const read = await ctx.store.tx(async (t) => {
    const folder = await StatsFolder.open(t, foldSettings(ctx.config));
    await folder.handovers();
    await folder.flush();
    const cells = await ctx.statsCache.read(t, inner.from, inner.to);
    const edges: EdgeInput[] = [];
    for (const [a, b] of [
      [from, inner.from],
      [inner.to, to],
    ] as const) {
      if (a >= b) continue;
      edges.push({
        from: a,
        to: b,
        events: await t.events.edgeEvents(edgeEventsQuery(a, b, BEFORE, AFTER)),
        handovers: await t.shipments.handovers(a - BEFORE, b + AFTER),
      });
    }
    return { cells, edges, layouts: await t.stations.layoutPeriods() };
  });
  // Committed: the blocks read may be kept for the next query.
  read.cells.keep();
  return statsFromColumns(read.cells.parts, read.edges, q, read.layouts, read.cells.names, ctx.statsCache.hints);
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
