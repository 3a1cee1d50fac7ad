// E-waybill reprint rows (ewaybill_reprints) as both stores hold them and their mapping to the
// domain. No SQL here: each dialect's reprint-repos.ts has its own.
import type { EwaybillReprintRow } from '../types.js';

export type ReprintDbRow = {
  label_id: string;
  order_id: string;
  waybill: string;
  station_id: string;
  state: EwaybillReprintRow['state'];
  attempts: number;
  next_at: number;
  error: string | null;
  at: number;
};

export const toReprint = (r: ReprintDbRow): EwaybillReprintRow => ({
  labelId: r.label_id,
  orderId: r.order_id,
  waybill: r.waybill,
  stationId: r.station_id,
  state: r.state,
  attempts: r.attempts,
  nextAt: r.next_at,
  error: r.error,
  at: r.at,
});
