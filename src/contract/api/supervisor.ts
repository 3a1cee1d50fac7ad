// What the supervisor view shows, assembled by the hub (all stations) or by a station on its own.
import type { Layout } from '../entities.js';
import type { Figures, StatsGroup } from '../stats.js';

export interface StationTile {
  stationId: string;
  name: string;
  layout: Layout | 'unknown';
  online: boolean;
  /** Last time the station talked to the hub; null for the station itself in local scope. */
  lastSeenAt: number | null;
  packer: { id: string; name: string } | null;
  ordersToday: number;
  unitsToday: number;
  /** Null until the station has stats.minActiveMinutes of active time today (activeMsToday). */
  unitsPerHourToday: number | null;
  activeMsToday?: number;
  errorRateToday: number | null;
  errorRateLastHour: number | null;
  /** Events waiting at the station to reach the hub, as it last reported. */
  queueDepth: number | null;
  /** Events the hub refused for good, in the station's dead letters, as it last reported. */
  deadLetters: number | null;
  deviceFaults: { role: string; state: string; detail: string | null }[];
  labelPending: number;
}

export const SUPERVISOR_ALERTS = ['station_offline', 'error_rate', 'printer_fault', 'label_pending'] as const;
export type SupervisorAlertKind = (typeof SUPERVISOR_ALERTS)[number];

export interface SupervisorAlert {
  kind: SupervisorAlertKind;
  stationId: string;
  /** Values for the message: minutes offline, the error rate, the fault, the pending count. */
  params: Record<string, string | number>;
  since: number;
}

export interface ExceptionRow {
  id: string;
  orderId: string;
  stationId: string | null;
  kind: string;
  detail: string;
  at: number;
}

export const INCIDENT_KINDS = [
  'weight_override',
  'interception',
  'hold',
  'release',
  'quarantined',
  'report_failed',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** One exception a supervisor follows up, with who (packer, supervisor), when and why (issue 12 §6). */
export interface Incident {
  kind: IncidentKind;
  at: number;
  stationId: string | null;
  /** Who was at the desk. */
  packerId: string | null;
  /** Who overrode or released it. */
  supervisorId: string | null;
  orderId: string | null;
  /** A reason code (RSN-…, an alert code) or the hub's / WeChat's message. */
  reason: string;
  /** A hold not yet released: the order waits for a supervisor. */
  waiting: boolean;
}

export interface SupervisorView {
  scope: 'hub' | 'station';
  generatedAt: number;
  from: number;
  to: number;
  timezone: string;
  total: Figures;
  tiles: StationTile[];
  /** Per hour across the scope: throughput and error charts. */
  hourly: StatsGroup[];
  /** Per station and hour: one chart line per station. */
  stationHourly: StatsGroup[];
  /** Leaderboard: one group per packer. */
  packers: StatsGroup[];
  /** Layout comparison: one group per layout in force when the work was done. */
  layouts: StatsGroup[];
  exceptions: ExceptionRow[];
  alerts: SupervisorAlert[];
  names: { stations: Record<string, string>; packers: Record<string, string> };
  /** Thresholds the alerts used, for the legend. */
  thresholds: { offlineMinutes: number; errorRate: number; labelPending: number };
  /**
   * Rates per hour are null in these figures until a group has this much active time (config
   * stats.minActiveMinutes); the view says why. Absent from an older hub: rates were not held back.
   */
  minActiveMinutes?: number;
  /** Newest first (at most 200) with counts over the range; absent from an older hub. */
  incidents?: Incident[];
  incidentCounts?: Record<IncidentKind | 'waiting', number>;
}

/** A packer's own figures, shown on the pack screen without leaving the packing flow. */
export interface PackerFigures {
  packerId: string;
  todayUnits: number;
  todayOrders: number;
  thisHourUnits: number;
  /** Best local clock hour ever at this station (units). */
  bestHourUnits: number;
  bestHourAt: string | null;
  errorsToday: number;
}
