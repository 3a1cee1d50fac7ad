// The supervisor view's stuck-parcel list, and a parcel's trace shown when it is scanned again at a
// desk (a return): the station core asks the hub with its station token. A hub out of reach is an
// answer, not an error: the view says so and stays up.
import { z } from 'zod';
import type { TrackingAlert, TrackingTimeline } from '../tracking.js';

export const trackingRequestSchemas = {
  'tracking.alerts': z.object({}).strict(),
  'tracking.timeline': z
    .object({ waybill: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '1–64 letters, digits or -') })
    .strict(),
};

/** not_found: the hub follows no parcel with that waybill. */
export type TrackingTimelineResult =
  | { ok: true; timeline: TrackingTimeline }
  | { ok: false; reason: 'no_hub' | 'unreachable' | 'not_found'; message: string };

export type TrackingAlertsResult =
  { ok: true; alerts: TrackingAlert[] } | { ok: false; reason: 'no_hub' | 'unreachable'; message: string };
