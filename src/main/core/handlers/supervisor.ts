// The supervisor view at a desk: every station's figures from the hub when this station has one
// and reaches it, else this station's own (computed here from its outbox with the same module).
import { CoreFault, type SupervisorView } from '../../../contract/api.js';
import { buildSupervisorView } from '../../../domain/stats/supervisor.js';
import { computeStats, statsToCsv } from '../../../domain/stats/compute.js';
import { exportTable, exportTableCsv, xlsxSheet, type ExportTable } from '../../../domain/stats/export-table.js';
import { writeXlsx } from '../../../base/node/xlsx.js';
import type { LayoutPeriod, StatsDimension, StatsEvent, StatsResult } from '../../../contract/stats.js';
import type { ExceptionRow } from '../../../contract/api/supervisor.js';
import { localDate, localDayStart } from '../../../base/time.js';
import { SyncError } from '../../sync/http.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

const HOUR = 3_600_000;

function localEvents(s: StationServices, from: number, to: number): StatsEvent[] {
  const stationId = s.config().station.id;
  return s.stores.outbox.between(from - 6 * HOUR, to + HOUR).map((r) => ({
    id: r.id,
    type: r.type,
    at: r.at,
    stationId,
    packerId: r.packer_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}

/** This station's layout periods (its own history, by its clock). */
function localLayouts(s: StationServices): LayoutPeriod[] {
  const stationId = s.config().station.id;
  return s.stores.layouts.history().map((p) => ({ stationId, layout: p.layout, from: p.from }));
}

/** The hub's answer, or null when it cannot give one now (offline, refused): the desk's own instead. */
async function fromHub<T>(
  s: StationServices,
  log: (line: string) => void,
  ask: (hub: NonNullable<StationServices['hubStats']>) => Promise<T>,
): Promise<T | null> {
  if (!s.hubStats) return null;
  try {
    return await ask(s.hubStats);
  } catch (err) {
    if (!(err instanceof SyncError)) throw err;
    log(`supervisor view: the hub's figures are out of reach (${err.reason}: ${err.message}); showing this desk's`);
    return null;
  }
}

/** This desk's own figures for one grouping (no hub, or the hub out of reach). */
function localStats(s: StationServices, from: number, to: number, by: StatsDimension): StatsResult {
  const cfg = s.config();
  return computeStats(
    localEvents(s, from, to),
    {
      from,
      to,
      timezone: cfg.station.timezone,
      idleGapMs: cfg.stats.idleGapMinutes * 60_000,
      shifts: cfg.stats.shifts,
      groupings: [[by]],
    },
    { layouts: localLayouts(s) },
  );
}

function localView(s: StationServices, from: number, to: number): SupervisorView {
  const cfg = s.config();
  const now = s.clock.now();
  const tz = cfg.station.timezone;
  const packers = s.stores.packers.all();
  const exceptions = s.stores.sync
    .exceptions(100)
    .map(({ id, orderId, stationId, kind, detail, at }): ExceptionRow => ({
      id,
      orderId,
      stationId,
      kind,
      detail,
      at,
    }));
  const events = localEvents(s, Math.min(from, localDayStart(now, tz), now - HOUR), Math.max(to, now + 1));
  return buildSupervisorView({
    scope: 'station',
    now,
    from,
    to,
    timezone: tz,
    shifts: cfg.stats.shifts,
    idleGapMs: cfg.stats.idleGapMinutes * 60_000,
    events,
    incidentEvents: events,
    layouts: localLayouts(s),
    handovers: [],
    stations: [
      {
        id: cfg.station.id,
        name: cfg.station.name ?? cfg.station.id,
        layout: cfg.station.layout,
        lastSeenAt: null,
        report: s.report(),
        packerId: s.desk.packerId(),
      },
    ],
    packerNames: Object.fromEntries(packers.map((p) => [p.id, p.name])),
    exceptions,
    thresholds: cfg.stats.alerts,
    minActiveMs: cfg.stats.minActiveMinutes * 60_000,
  });
}

export function supervisorHandlers(
  s: StationServices,
  log: (line: string) => void = () => {},
): Pick<Handlers, 'supervisor.view' | 'supervisor.csv' | 'supervisor.close' | 'supervisor.export'> {
  const defaults = (from?: number, to?: number) => {
    const now = s.clock.now();
    return { from: from ?? localDayStart(now, s.config().station.timezone), to: to ?? now + 1 };
  };
  return {
    'supervisor.view': async (args) => {
      const { from, to } = defaults(args.from, args.to);
      if (to <= from) throw new CoreFault('bad_request', 'to must be after from');
      return (await fromHub<SupervisorView>(s, log, (hub) => hub.supervisorView(from, to))) ?? localView(s, from, to);
    },
    'supervisor.csv': async ({ from, to, by }) => {
      if (to <= from) throw new CoreFault('bad_request', 'to must be after from');
      const filename = `packdesk-${by}-${localDate(from, s.config().station.timezone)}.csv`;
      const hub = await fromHub(s, log, (h) => h.statsCsv(from, to, by));
      if (hub !== null) return { filename, csv: hub };
      return { filename, csv: statsToCsv(localStats(s, from, to, by), 0) };
    },
    'supervisor.export': async ({ from, to, by, format, lang }) => {
      if (to <= from) throw new CoreFault('bad_request', 'to must be after from');
      const cfg = s.config();
      const name = `packdesk-${by}-${localDate(from, cfg.station.timezone)}`;
      const table: ExportTable =
        (await fromHub(s, log, (h) => h.statsExportTable(from, to, by, lang))) ??
        exportTable(localStats(s, from, to, by), 0, {
          lang,
          names: {
            stations: { [cfg.station.id]: cfg.station.name ?? cfg.station.id },
            packers: Object.fromEntries(s.stores.packers.all().map((p) => [p.id, p.name])),
          },
          minActiveMs: cfg.stats.minActiveMinutes * 60_000,
        });
      if (format === 'csv') {
        // A byte-order mark, or Excel opens UTF-8 as the ANSI code page and garbles the headers.
        const csv = `\uFEFF${exportTableCsv(table)}`;
        return { filename: `${name}.csv`, mime: 'text/csv;charset=utf-8', base64: Buffer.from(csv).toString('base64') };
      }
      const xlsx = await writeXlsx(xlsxSheet(table, name));
      return {
        filename: `${name}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: xlsx.toString('base64'),
      };
    },
    'supervisor.close': () => {
      s.desk.closeSupervisor();
      return { ok: true as const };
    },
  };
}
