// The supervisor view from an event log: the same assembly at the hub (every station) and at a
// station on its own. Figures come from computeStats; tiles add what only the present knows
// (online, current packer, queue, faults) and alerts flag what needs a person now.
import type {
  ExceptionRow,
  Incident,
  StationTile,
  SupervisorAlert,
  SupervisorView,
} from '../../contract/api/supervisor.js';
import { incidentLog } from './incidents.js';
import type { Layout } from '../../contract/entities.js';
import type { StationReport } from '../../contract/sync.js';
import { localDayStart } from '../../base/time.js';
import { computeStats, withMinActive } from './compute.js';
import type { Handover, LayoutPeriod, ShiftDef, StatsEvent, StatsGroup } from '../../contract/stats.js';

export interface SupervisorStation {
  id: string;
  name: string;
  layout: Layout | 'unknown';
  /** null: this is the station itself (local scope), always online. */
  lastSeenAt: number | null;
  report: StationReport | null;
  /** Who is logged in now (a login may be older than any event in range, so the caller says). */
  packerId: string | null;
}

export interface SupervisorInput {
  scope: 'hub' | 'station';
  now: number;
  from: number;
  to: number;
  timezone: string;
  shifts: ShiftDef[];
  idleGapMs: number;
  /** Must cover [from, to), today so far and the last hour (and labels printed shortly after `to`). */
  events: readonly StatsEvent[];
  layouts: readonly LayoutPeriod[];
  handovers: readonly Handover[];
  stations: SupervisorStation[];
  packerNames: Record<string, string>;
  exceptions: ExceptionRow[];
  thresholds: SupervisorView['thresholds'];
  /** Rates per hour stay null below this much active time (stats.minActiveMinutes); 0 or absent: none held. */
  minActiveMs?: number;
  /** Events with full payloads for the incident list (INCIDENT_EVENT_TYPES suffice), and the hub's own. */
  incidentEvents?: readonly StatsEvent[];
  extraIncidents?: readonly Incident[];
}

const HOUR = 3_600_000;
/** A station that has not pulled for this long is shown offline (its long-poll renews every 25 s). */
export const ONLINE_WINDOW_MS = 60_000;
/** Fewer scanned units than this in the last hour make an error rate too noisy to alert on. */
const MIN_UNITS_FOR_RATE_ALERT = 20;

function byStation(groups: StatsGroup[]): Map<string, StatsGroup['figures']> {
  return new Map(groups.map((g) => [g.key.station ?? '', g.figures]));
}

export function buildSupervisorView(input: SupervisorInput): SupervisorView {
  const { now, timezone: tz } = input;
  const base = { timezone: tz, idleGapMs: input.idleGapMs, shifts: input.shifts };
  const ctx = { layouts: input.layouts, handovers: input.handovers };
  const main = computeStats(
    input.events,
    { ...base, from: input.from, to: input.to, groupings: [['hour'], ['station', 'hour'], ['packer'], ['layout']] },
    ctx,
  );
  const minMs = input.minActiveMs ?? 0;
  const gate = (groups: StatsGroup[]): StatsGroup[] =>
    groups.map((g) => ({ key: g.key, figures: withMinActive(g.figures, minMs) }));
  const today = byStation(
    computeStats(input.events, { ...base, from: localDayStart(now, tz), to: now + 1, groupings: [['station']] }, ctx)
      .groupings[0]?.groups ?? [],
  );
  const lastHour = byStation(
    computeStats(input.events, { ...base, from: now - HOUR, to: now + 1, groupings: [['station']] }, ctx).groupings[0]
      ?.groups ?? [],
  );

  const tiles: StationTile[] = input.stations.map((s) => {
    const t = today.get(s.id);
    return {
      stationId: s.id,
      name: s.name,
      layout: s.layout,
      online: s.lastSeenAt === null || now - s.lastSeenAt <= ONLINE_WINDOW_MS,
      lastSeenAt: s.lastSeenAt,
      packer: s.packerId ? { id: s.packerId, name: input.packerNames[s.packerId] ?? s.packerId } : null,
      ordersToday: t?.orders ?? 0,
      unitsToday: t?.units ?? 0,
      unitsPerHourToday: t ? withMinActive(t, minMs).unitsPerActiveHour : null,
      activeMsToday: t?.activeMs ?? 0,
      errorRateToday: t?.errorRate ?? null,
      errorRateLastHour: lastHour.get(s.id)?.errorRate ?? null,
      queueDepth: s.report?.queueDepth ?? null,
      deadLetters: s.report?.deadLetters ?? null,
      deviceFaults: s.report?.faults ?? [],
      labelPending: s.report?.pendingLabels ?? 0,
    };
  });

  const alerts: SupervisorAlert[] = [];
  for (const tile of tiles) {
    if (tile.lastSeenAt !== null && now - tile.lastSeenAt > input.thresholds.offlineMinutes * 60_000) {
      alerts.push({
        kind: 'station_offline',
        stationId: tile.stationId,
        params: { minutes: Math.floor((now - tile.lastSeenAt) / 60_000) },
        since: tile.lastSeenAt,
      });
    }
    const hour = lastHour.get(tile.stationId);
    if (
      hour &&
      hour.errorRate !== null &&
      hour.scannedUnits >= MIN_UNITS_FOR_RATE_ALERT &&
      hour.errorRate > input.thresholds.errorRate
    ) {
      alerts.push({
        kind: 'error_rate',
        stationId: tile.stationId,
        params: { rate: Math.round(hour.errorRate * 1000) / 10, errors: hour.scanErrors, units: hour.scannedUnits },
        since: now - HOUR,
      });
    }
    for (const f of tile.deviceFaults) {
      if (f.role === 'printer')
        alerts.push({
          kind: 'printer_fault',
          stationId: tile.stationId,
          params: { state: f.state, detail: f.detail ?? '' },
          since: now,
        });
    }
    if (tile.labelPending >= input.thresholds.labelPending) {
      alerts.push({
        kind: 'label_pending',
        stationId: tile.stationId,
        params: { count: tile.labelPending },
        since: now,
      });
    }
  }

  const grouping = (i: number) => gate(main.groupings[i]?.groups ?? []);
  return {
    scope: input.scope,
    generatedAt: now,
    from: input.from,
    to: input.to,
    timezone: tz,
    total: withMinActive(main.total, minMs),
    tiles,
    hourly: grouping(0),
    stationHourly: grouping(1),
    packers: grouping(2),
    layouts: grouping(3),
    exceptions: input.exceptions,
    alerts,
    names: { stations: Object.fromEntries(input.stations.map((s) => [s.id, s.name])), packers: input.packerNames },
    thresholds: input.thresholds,
    minActiveMinutes: minMs / 60_000,
    ...incidentsOf(input),
  };
}

function incidentsOf(input: SupervisorInput): Pick<SupervisorView, 'incidents' | 'incidentCounts'> {
  const { incidents, counts } = incidentLog(
    input.incidentEvents ?? [],
    { from: input.from, to: input.to },
    input.extraIncidents ?? [],
  );
  return { incidents, incidentCounts: counts };
}
