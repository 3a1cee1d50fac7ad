// The supervisor view's stuck-parcel list: the station core asks the hub with its station token. A
// hub out of reach is an answer, not an error: the view says so and stays up.
import { z } from 'zod';
import type { TrackingAlert } from '../tracking.js';

export const trackingRequestSchemas = {
  'tracking.alerts': z.object({}).strict(),
};

export type TrackingAlertsResult =
  { ok: true; alerts: TrackingAlert[] } | { ok: false; reason: 'no_hub' | 'unreachable'; message: string };
