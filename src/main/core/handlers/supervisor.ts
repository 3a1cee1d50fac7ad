// The supervisor view at a desk: every station's figures from the hub when this station has one
// and reaches it, else this station's own (computed here from its outbox with the same module).
import { CoreFault, type SupervisorView } from '../../../contract/api.js';
import { buildSupervisorView } from '../../../domain/stats/supervisor.js';
import { computeStats, statsToCsv } from '../../../domain/stats/compute.js';
import type { LayoutPeriod, StatsEvent } from '../../../contract/stats.js';
import type { ExceptionRow } from '../../../contract/api/supervisor.js';
import { localDate, localDayStart } from '../../../base/time.js';
import type { Handlers } from '../dispatcher.js';
import { layoutHistory } from '../layouts.js';
import type { StationServices } from '../services.js';

const HOUR = 3_600_000;
const HUB_TIMEOUT_MS = 5000;

function localEvents(s: StationServices, from: number, to: number): StatsEvent[] {
  const rows = s.db
    .prepare('SELECT id, type, at, packer_id, payload FROM outbox WHERE at >= ? AND at < ? ORDER BY seq')
    .all(from - 6 * HOUR, to + HOUR) as {
    id: string;
    type: string;
    at: number;
    packer_id: string | null;
    payload: string;
  }[];
  const stationId = s.config().station.id;
  return rows.map((r) => ({
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
  return layoutHistory(s.db).map((p) => ({ stationId, layout: p.layout, from: p.from }));
}

async function fromHub<T>(s: StationServices, path: string, as: 'json' | 'text'): Promise<T | null> {
  const hub = s.config().hub;
  if (!hub) return null;
  try {
    const res = await fetch(`${hub.url.replace(/\/$/, '')}${path}`, {
      headers: { authorization: `Bearer ${hub.token}` },
      signal: AbortSignal.timeout(HUB_TIMEOUT_MS),
    });
    if (!res.ok) return null;
    return (as === 'json' ? await res.json() : await res.text()) as T;
  } catch {
    return null; // offline: the desk's own figures instead
  }
}

function localView(s: StationServices, from: number, to: number): SupervisorView {
  const cfg = s.config();
  const now = s.desk.ctx.clock.now();
  const tz = cfg.station.timezone;
  const packers = s.desk.ctx.stores.packers.all();
  const exceptions = s.db
    .prepare(
      'SELECT id, order_id AS orderId, station_id AS stationId, kind, detail, at FROM hub_exceptions ORDER BY at DESC LIMIT 100',
    )
    .all() as ExceptionRow[];
  return buildSupervisorView({
    scope: 'station',
    now,
    from,
    to,
    timezone: tz,
    shifts: cfg.stats.shifts,
    idleGapMs: cfg.stats.idleGapMinutes * 60_000,
    events: localEvents(s, Math.min(from, localDayStart(now, tz), now - HOUR), Math.max(to, now + 1)),
    layouts: localLayouts(s),
    handovers: [],
    stations: [
      {
        id: cfg.station.id,
        name: cfg.station.name ?? cfg.station.id,
        layout: cfg.station.layout,
        lastSeenAt: null,
        report: s.report(),
        packerId: s.desk.ctx.rt.packer?.id ?? null,
      },
    ],
    packerNames: Object.fromEntries(packers.map((p) => [p.id, p.name])),
    exceptions,
    thresholds: cfg.stats.alerts,
  });
}

export function supervisorHandlers(
  s: StationServices,
): Pick<Handlers, 'supervisor.view' | 'supervisor.csv' | 'supervisor.close'> {
  const defaults = (from?: number, to?: number) => {
    const now = s.desk.ctx.clock.now();
    return { from: from ?? localDayStart(now, s.config().station.timezone), to: to ?? now + 1 };
  };
  return {
    'supervisor.view': async (args) => {
      const { from, to } = defaults(args.from, args.to);
      if (to <= from) throw new CoreFault('bad_request', 'to must be after from');
      return (
        (await fromHub<SupervisorView>(s, `/v1/stats/supervisor?from=${from}&to=${to}`, 'json')) ??
        localView(s, from, to)
      );
    },
    'supervisor.csv': async ({ from, to, by }) => {
      if (to <= from) throw new CoreFault('bad_request', 'to must be after from');
      const filename = `packdesk-${by}-${localDate(from, s.config().station.timezone)}.csv`;
      const hub = await fromHub<string>(s, `/v1/stats.csv?from=${from}&to=${to}&by=${by}`, 'text');
      if (hub !== null) return { filename, csv: hub };
      const cfg = s.config();
      const result = computeStats(
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
      return { filename, csv: statsToCsv(result, 0) };
    },
    'supervisor.close': () => {
      s.desk.closeSupervisor();
      return { ok: true as const };
    },
  };
}
