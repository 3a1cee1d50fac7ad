// Station event rows (station_events) as both stores hold them: the payload as JSON text and the
// statistics columns beside it (domain/stats/compact.ts), and their mapping to and from the domain.
// No SQL here: the event and statistics repositories of each dialect have their own.
import type { StatsEvent } from '../../../contract/stats.js';
import { compactEvent, expandEvent } from '../../../domain/stats/compact.js';
import type { StoredEvent } from '../types.js';

/** The columns a statistics reader needs, without the id. */
export type CompactDbRow = {
  type: string;
  at: number;
  station_id: string;
  packer_id: string | null;
  s_a: string | null;
  s_b: string | null;
  s_n1: number | null;
  s_n2: number | null;
  s_f: 0 | 1 | null;
};

/** CompactDbRow's columns. */
export const COMPACT_COLUMNS = 'type, at, station_id, packer_id, s_a, s_b, s_n1, s_n2, s_f';

export const toStatsEvent = (id: string, r: CompactDbRow): StatsEvent =>
  expandEvent(id, r.type, r.at, r.station_id, r.packer_id, { a: r.s_a, b: r.s_b, n1: r.s_n1, n2: r.s_n2, f: r.s_f });

/** station_events' columns in the order eventParams gives their values. */
export const EVENT_COLUMNS = 'id, station_id, type, at, packer_id, payload, received_at, s_a, s_b, s_n1, s_n2, s_f';

export function eventParams(e: StoredEvent, receivedAt: number): unknown[] {
  const c = compactEvent(e);
  return [
    e.id,
    e.stationId,
    e.type,
    e.at,
    e.packerId,
    JSON.stringify(e.payload),
    receivedAt,
    c.a,
    c.b,
    c.n1,
    c.n2,
    c.f,
  ];
}

/** An event with its payload, as withPayload reads it. */
export type PayloadDbRow = {
  id: string;
  type: string;
  at: number;
  station_id: string;
  packer_id: string | null;
  payload: string;
};

export const toPayloadEvent = (r: PayloadDbRow) => ({
  id: r.id,
  type: r.type,
  at: r.at,
  stationId: r.station_id,
  packerId: r.packer_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
});
