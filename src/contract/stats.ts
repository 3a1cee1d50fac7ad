// Statistics vocabulary shared by the station, the hub and the supervisor UI. The same module
// (compute.ts) turns an event log into these figures wherever it runs.
import type { Layout } from './entities.js';

/** The outbox event fields statistics read (src/contract/events.ts OutboxEvent is one). */
export interface StatsEvent {
  id: string;
  type: string;
  at: number;
  stationId: string;
  packerId: string | null;
  payload: Record<string, unknown>;
}

/** A parcel reported to WeChat (hub only): the "handed over" end of outbound time. */
export interface Handover {
  parcelId: string;
  at: number;
}

/** A named daily shift in station-local time; `end` ≤ `start` means it runs past midnight. */
export interface ShiftDef {
  name: string;
  /** "08:00" */
  start: string;
  /** "20:00"; "08:00" with start "20:00" is a night shift. */
  end: string;
}

export interface LayoutPeriod {
  stationId: string;
  layout: Layout;
  /** In force from this instant until the station's next period. */
  from: number;
}

export const STATS_DIMENSIONS = ['station', 'packer', 'hour', 'day', 'layout'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

export interface StatsQuery {
  from: number;
  to: number;
  timezone: string;
  /** A gap between two events of the same station and packer longer than this is idle time. */
  idleGapMs: number;
  shifts: ShiftDef[];
  /** Each entry is one grouping; e.g. [['station'], ['layout'], ['station', 'hour']]. */
  groupings: StatsDimension[][];
}

export interface Figures {
  /** Packs completed (pack.completed). */
  orders: number;
  /** Units in completed packs. */
  units: number;
  parcels: number;
  /** Time covered by activity: gaps ≤ idleGapMs between a station-packer's consecutive events. */
  activeMs: number;
  /** Shift time: length of each shift instance in which the group did anything, clipped to the range. */
  shiftMs: number;
  unitsPerActiveHour: number | null;
  ordersPerActiveHour: number | null;
  unitsPerShiftHour: number | null;
  ordersPerShiftHour: number | null;
  /** First scan of the order → its last label printed, over completed packs. */
  packTimeP50Ms: number | null;
  packTimeP90Ms: number | null;
  /** Gaps longer than idleGapMs inside shift time (not across a logout). */
  idleGaps: number;
  idleMs: number;
  /** Units scanned into packs (item_ok quantities). */
  scannedUnits: number;
  /** The packer's scan errors: wrong item + unknown (well-formed) code + over-scan; misreads are not. */
  scanErrors: number;
  wrongItems: number;
  unknownCodes: number;
  overScans: number;
  /**
   * The scanner's: bad check digits, wedge fragments, noise (verdicts SCAN_MISREAD_VERDICTS).
   * Optional so figures from a hub or station that predates the count still parse; read it as 0.
   */
  misreads?: number;
  /** scanErrors ÷ scannedUnits. */
  errorRate: number | null;
  weightExceptions: number;
  reprints: number;
  interceptions: number;
  labelPending: number;
  /** Supervisor overrides: weights accepted out of tolerance, flagged/held orders released. */
  overrides: number;
  /** Shipping cost from the rate table, over parcels that have one. */
  costFen: number;
  costPerParcelFen: number | null;
  /** Shipping cost ÷ value of the parcels that have a cost. */
  costShare: number | null;
  paidToPackedP50Ms: number | null;
  paidToPackedP90Ms: number | null;
  packedToHandoverP50Ms: number | null;
  packedToHandoverP90Ms: number | null;
}

export interface StatsGroup {
  /** The grouping's dimensions and this group's values, e.g. {station: 'A', hour: '2026-11-25 09'}. */
  key: Partial<Record<StatsDimension, string>>;
  figures: Figures;
}

export interface StatsResult {
  query: StatsQuery;
  total: Figures;
  /** One list per requested grouping, in the same order. */
  groupings: { by: StatsDimension[]; groups: StatsGroup[] }[];
}

/** The seed's reference line per layout (DESIGN §4): units per hour and scan error rate. */
export const LAYOUT_REFERENCE: Record<Layout, { unitsPerHour: number; errorRate: number }> = {
  u_shaped: { unitsPerHour: 68, errorRate: 0.007 },
  island: { unitsPerHour: 52, errorRate: 0.015 },
  straight: { unitsPerHour: 45, errorRate: 0.021 },
};
